import { z } from 'zod';

// The typed field definitions a service's form is built from: the wizard renders its inputs from them,
// and lib/services/form-schema.ts builds the zod schema that the server (and the step check) applies.

const labelled = {
  name: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
  labelZh: z.string().min(1),
  labelEn: z.string().min(1),
  hintZh: z.string().optional(),
  hintEn: z.string().optional(),
  isRequired: z.boolean().default(true),
  /** Required only when another field has this value (e.g. the employer, for a graduate). */
  requiredWhen: z.object({ field: z.string(), equals: z.string() }).optional(),
};

export const fieldDefinitionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), ...labelled, minLength: z.number().int().min(0).default(0), maxLength: z.number().int().min(1).max(500).default(100) }),
  z.object({
    kind: z.literal('select'),
    ...labelled,
    options: z.array(z.object({ value: z.string().min(1), zh: z.string().min(1), en: z.string().min(1) })).min(1),
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
export type RegistrySource = Extract<FieldDefinition, { kind: 'registry' }>['source'];

export const documentDefinitionSchema = z.object({
  kind: z.string().regex(/^[a-z][a-z0-9_]*$/),
  labelZh: z.string().min(1),
  labelEn: z.string().min(1),
  isRequired: z.boolean(),
  acceptedTypes: z.array(z.enum(['application/pdf', 'image/jpeg', 'image/png'])).min(1).default(['application/pdf', 'image/jpeg', 'image/png']),
  maxMegabytes: z.number().positive().max(10).default(10),
  maxCount: z.number().int().min(1).max(5).default(1),
});

export type DocumentDefinition = z.infer<typeof documentDefinitionSchema>;

/** How a file type is named to people (the guide, the designer). */
export const DOCUMENT_TYPE_NAMES: Record<DocumentDefinition['acceptedTypes'][number], string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };
