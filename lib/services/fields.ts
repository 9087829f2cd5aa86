import { z } from 'zod';
import { msg } from '@/lib/i18n/problem';

// The typed field definitions a service's form is built from: the wizard renders its inputs from them,
// and lib/services/form-schema.ts builds the zod schema that the server (and the step check) applies.

/** The form's own inputs beside a service's fields (lib/services/form-schema.ts, the wizard): a field may not take their names. */
export const DELIVERY_FIELD_NAMES = ['deliveryMethod', 'deliveryDistrictCode', 'deliveryStreet', 'contactPhone', 'notificationEmail'] as const;
export const RESERVED_FIELD_NAMES: readonly string[] = [...DELIVERY_FIELD_NAMES, 'serviceId', 'idempotencyKey', 'step'];

// Lengths: generous for real services (the longest today is well inside), tight enough that a designed
// service cannot carry a page-sized label into every form that shows it.
const labelled = {
  name: z
    .string()
    .max(40)
    .regex(/^[a-z][a-zA-Z0-9]*$/)
    .refine((name) => !RESERVED_FIELD_NAMES.includes(name), msg('problems.services.catalogue.reservedFieldName')),
  labelZh: z.string().min(1).max(40),
  labelEn: z.string().min(1).max(120),
  hintZh: z.string().max(100).optional(),
  hintEn: z.string().max(200).optional(),
  isRequired: z.boolean().default(true),
  /** Required only when another field has this value (e.g. the employer, for a graduate). */
  requiredWhen: z.object({ field: z.string().min(1), equals: z.string().min(1).max(40) }).optional(),
};

export const fieldDefinitionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), ...labelled, minLength: z.number().int().min(0).default(0), maxLength: z.number().int().min(1).max(500).default(100) }),
  z.object({
    kind: z.literal('select'),
    ...labelled,
    options: z.array(z.object({ value: z.string().min(1).max(40), zh: z.string().min(1).max(40), en: z.string().min(1).max(120) })).min(1).max(30),
  }),
  /** A calendar date (YYYY-MM-DD); `notAfterToday` for things that happened (a loss). */
  z.object({ kind: z.literal('date'), ...labelled, notAfterToday: z.boolean().default(false) }),
  /** One of Wuhan's districts (GB/T 2260 code). */
  z.object({ kind: z.literal('district'), ...labelled }),
  /** A street and number, checked to carry a house number. */
  z.object({ kind: z.literal('address'), ...labelled }),
  /** A choice among the applicant's own registry records: their vehicles, or their unhandled violations. */
  z.object({ kind: z.literal('registry'), ...labelled, source: z.enum(['vehicle', 'violation']) }),
]);

export type FieldDefinition = z.infer<typeof fieldDefinitionSchema>;

/** Required whatever else is filled in (a conditional field is checked by the server once its condition holds). */
export function isAlwaysRequired(field: Pick<FieldDefinition, 'isRequired' | 'requiredWhen'>): boolean {
  return field.isRequired && !field.requiredWhen;
}
export type RegistrySource = Extract<FieldDefinition, { kind: 'registry' }>['source'];

export const documentDefinitionSchema = z.object({
  kind: z.string().max(40).regex(/^[a-z][a-z0-9_]*$/),
  labelZh: z.string().min(1).max(60),
  labelEn: z.string().min(1).max(160),
  isRequired: z.boolean(),
  acceptedTypes: z.array(z.enum(['application/pdf', 'image/jpeg', 'image/png'])).min(1).default(['application/pdf', 'image/jpeg', 'image/png']),
  maxMegabytes: z.number().positive().max(10).default(10),
  maxCount: z.number().int().min(1).max(5).default(1),
});

export type DocumentDefinition = z.infer<typeof documentDefinitionSchema>;

/** How a file type is named to people (the guide, the designer). */
export const DOCUMENT_TYPE_NAMES: Record<DocumentDefinition['acceptedTypes'][number], string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };
