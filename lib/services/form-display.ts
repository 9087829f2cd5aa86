import { formatDate, type BilingualLabel } from '@/lib/i18n/translate';
import { districtName } from '@/lib/places';
import type { ServiceDefinition } from './catalog';
import type { FieldDefinition } from './fields';

/** One field of a submitted form: its label and its value as a reader sees it (null when left empty). */
export type DisplayedField = { name: string; label: BilingualLabel; value: BilingualLabel | null };

/** The citizen's own registry choices (their vehicles, their violations), as the wizard lists them. */
export type RegistryOptions = Partial<Record<'vehicle' | 'violation', readonly { value: string; text: string }[]>>;

const same = (text: string): BilingualLabel => ({ zh: text, en: text });

/**
 * The one way a service field's value is shown, by its kind: a choice by its label, a district by its
 * name, a date in the reader's format, a registry pick by the text the wizard listed it with. Used by
 * the wizard's review step, the clerk's case page and the citizen's status page (components/form-value-rows.tsx).
 */
export function displayFieldValue(field: FieldDefinition, raw: string, registryOptions: RegistryOptions = {}): BilingualLabel | null {
  if (!raw) return null;
  switch (field.kind) {
    case 'select': {
      const option = field.options.find((o) => o.value === raw);
      return option ? { zh: option.zh, en: option.en } : same(raw);
    }
    case 'district':
      return { zh: districtName(raw), en: `${districtName(raw)} (${raw})` };
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(raw) ? { zh: formatDate(raw, 'zh-CN'), en: formatDate(raw, 'en') } : same(raw);
    case 'registry':
      return same(registryOptions[field.source]?.find((o) => o.value === raw)?.text ?? raw);
    default:
      return same(raw);
  }
}

/** A submitted (or draft) form as label/value rows, from the service's field definitions. */
export function describeFormValues(service: ServiceDefinition, formData: unknown, registryOptions: RegistryOptions = {}): DisplayedField[] {
  const values = formData && typeof formData === 'object' ? (formData as Record<string, unknown>) : {};
  return service.fields.map((field) => {
    const raw = typeof values[field.name] === 'string' ? (values[field.name] as string) : '';
    return { name: field.name, label: { zh: field.labelZh, en: field.labelEn }, value: displayFieldValue(field, raw, registryOptions) };
  });
}
