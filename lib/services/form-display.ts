import { districtName } from '@/lib/places';
import type { ServiceDefinition } from './catalog';

export type DisplayedField = { name: string; label: { zh: string; en: string }; value: { zh: string; en: string } };

/** A submitted form as label/value rows, from the service's field definitions (the clerk's case page and the citizen's detail). */
export function describeFormValues(service: ServiceDefinition, formData: unknown): DisplayedField[] {
  const values = formData && typeof formData === 'object' ? (formData as Record<string, unknown>) : {};
  return service.fields.map((field) => {
    const raw = typeof values[field.name] === 'string' ? (values[field.name] as string) : '';
    let value = { zh: raw || '—', en: raw || '—' };
    if (raw && field.kind === 'select') {
      const option = field.options.find((o) => o.value === raw);
      if (option) value = { zh: option.zh, en: option.en };
    }
    if (raw && field.kind === 'district') value = { zh: districtName(raw), en: `${districtName(raw)} (${raw})` };
    return { name: field.name, label: { zh: field.labelZh, en: field.labelEn }, value };
  });
}
