import type { ServiceInput } from './catalog';
import type { DocumentDefinition, FieldDefinition } from './fields';

// The form designer's editing rules, safe for the browser (no catalogue data, no database): what a new
// service starts from, what changing a field's kind keeps, and how a list item moves. The designer's
// reads and its one write are in designer.ts and publish-service.ts.

export const FIELD_KINDS = ['text', 'select', 'date', 'district', 'address', 'registry'] as const satisfies readonly FieldDefinition['kind'][];
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const satisfies readonly DocumentDefinition['acceptedTypes'][number][];
export const DELIVERY_CHOICES = ['mail', 'counter'] as const;

export function blankField(): FieldDefinition {
  return { kind: 'text', name: '', labelZh: '', labelEn: '', isRequired: true, minLength: 0, maxLength: 100 };
}

export function blankDocument(): DocumentDefinition {
  return { kind: '', labelZh: '', labelEn: '', isRequired: true, acceptedTypes: [...DOCUMENT_TYPES], maxMegabytes: 10, maxCount: 1 };
}

/** What a new service starts from in the designer: one field and one document to fill in. */
export function blankServiceDefinition(): ServiceInput {
  return {
    id: '',
    category: 'household',
    nameZh: '',
    nameEn: '',
    requiredAssuranceLevel: 2,
    deadlineWorkingDays: 5,
    approvalChain: 'clerk',
    certificateKind: 'household_certificate',
    summaryZh: '',
    summaryEn: '',
    eligibilityZh: '',
    eligibilityEn: '',
    fields: [blankField()],
    documents: [blankDocument()],
    deliveryOptions: [...DELIVERY_CHOICES],
  };
}

/** The field with another kind: what all kinds share is kept, the rest starts from the kind's defaults. */
export function withKind(field: FieldDefinition, kind: FieldDefinition['kind']): FieldDefinition {
  const shared = { name: field.name, labelZh: field.labelZh, labelEn: field.labelEn, hintZh: field.hintZh, hintEn: field.hintEn, isRequired: field.isRequired, requiredWhen: field.requiredWhen };
  switch (kind) {
    case 'text':
      return { ...shared, kind, minLength: 0, maxLength: 100 };
    case 'select':
      return { ...shared, kind, options: [{ value: '', zh: '', en: '' }] };
    case 'date':
      return { ...shared, kind, notAfterToday: false };
    case 'registry':
      return { ...shared, kind, source: 'vehicle' };
    default:
      return { ...shared, kind };
  }
}

/** The list with one item moved (the designer's up and down buttons). */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}
