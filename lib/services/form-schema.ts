import { z } from 'zod';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { districtName } from '@/lib/places';
import type { DeliveryMethod, ServiceDefinition } from './catalog';
import { DELIVERY_FIELD_NAMES, type FieldDefinition } from './fields';
import { inLanguages, msg } from '@/lib/i18n/problem';

// Builds, from a service's field definitions, the zod schema the server applies on submit, on each
// wizard step and on a draft's resume. Messages are references (lib/i18n/problem.ts) that name what to fix.

/** The applicant's own registry records a "registry" field may point at (ids the server loaded). */
export type RegistryChoices = { vehicle: readonly string[]; violation: readonly string[] };

export const WIZARD_STEPS = ['details', 'documents', 'delivery', 'review'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export const DELIVERY_FIELDS = DELIVERY_FIELD_NAMES;

const districtCodes = WUHAN_DISTRICTS.map((d) => d.code);
// A street address must carry a house number: "中南路 88 号", "解放大道1号3栋"… (Arabic or Chinese numerals).
const HOUSE_NUMBER = /[0-9０-９一二三四五六七八九十百]+\s*号/;

const lower = (en: string) => en.charAt(0).toLowerCase() + en.slice(1);
// The field's own name in each language, inside a message.
const fieldLabel = (field: FieldDefinition) => inLanguages({ zh: field.labelZh, en: lower(field.labelEn) });

function requiredMessage(field: FieldDefinition): string {
  switch (field.kind) {
    case 'select':
    case 'district':
    case 'registry':
      return msg('problems.services.form.choose', { label: fieldLabel(field) });
    case 'date':
      return msg('problems.services.form.enter', { label: fieldLabel(field) });
    case 'address':
      return msg('problems.services.form.enterFullAddress', { label: fieldLabel(field) });
    default:
      return msg('problems.services.form.enter', { label: fieldLabel(field) });
  }
}

export function isValidStreetAddress(street: string): boolean {
  return street.length >= 4 && street.length <= 120 && HOUSE_NUMBER.test(street);
}

function valueSchema(field: FieldDefinition, registry: RegistryChoices, today: string): z.ZodType<string> {
  const text = z.string().trim();
  switch (field.kind) {
    case 'text':
      return text
        .max(field.maxLength, msg('problems.services.form.tooLong', { label: fieldLabel(field), max: field.maxLength }))
        .refine((v) => v.length === 0 || v.length >= field.minLength, msg('problems.services.form.tooShort', { label: fieldLabel(field) }));
    case 'select':
      return text.refine((v) => v === '' || field.options.some((o) => o.value === v), requiredMessage(field));
    case 'district':
      return text.refine((v) => v === '' || districtCodes.includes(v), requiredMessage(field));
    case 'address':
      return text.refine((v) => v === '' || isValidStreetAddress(v), requiredMessage(field));
    case 'date':
      return text.refine((v) => v === '' || isIsoDate(v), msg('problems.services.form.invalidDate')).refine(
        (v) => v === '' || !field.notAfterToday || v <= today,
        msg('problems.services.form.notInFuture', { label: fieldLabel(field) }),
      );
    case 'registry':
      return text.refine((v) => v === '' || registry[field.source].includes(v), msg('problems.services.form.chooseOwnRecord', {
          label: inLanguages({ zh: field.labelZh, en: field.source === 'vehicle' ? 'vehicles' : 'violations' }),
        }));
  }
}

function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

function isFieldRequired(field: FieldDefinition, values: Record<string, string>): boolean {
  if (field.requiredWhen) return values[field.requiredWhen.field] === field.requiredWhen.equals;
  return field.isRequired;
}

/** The schema of the details step: every field of the service, each required as the catalogue says. */
export function buildDetailsSchema(service: ServiceDefinition, registry: RegistryChoices, today: string) {
  const shape = Object.fromEntries(service.fields.map((f) => [f.name, valueSchema(f, registry, today).optional().default('')]));
  return z.object(shape).superRefine((values, ctx) => {
    const v = values as Record<string, string>;
    for (const field of service.fields) {
      if (isFieldRequired(field, v) && !v[field.name]) ctx.addIssue({ code: 'custom', path: [field.name], message: requiredMessage(field) });
    }
  });
}

/**
 * The delivery step: mail (district from the Wuhan list + a street with a house number) or counter
 * pickup where the service allows it, a mobile number for the courier and an optional e-mail.
 * Callers from before the wizard sent one `deliveryAddress`; it is split into district and street.
 */
export function buildDeliverySchema(service: ServiceDefinition) {
  return z.preprocess(
    (raw) => (raw && typeof raw === 'object' ? splitLegacyAddress(raw as Record<string, unknown>) : raw),
    z
      .object({
        deliveryMethod: z.enum(service.deliveryOptions as [DeliveryMethod, ...DeliveryMethod[]], {
          error: msg('problems.services.form.chooseDelivery'),
        }),
        deliveryDistrictCode: z.string().trim().optional().default(''),
        deliveryStreet: z.string().trim().optional().default(''),
        contactPhone: z
          .string()
          .trim()
          .regex(/^1\d{10}$/, msg('problems.services.form.mobile')),
        notificationEmail: z.union([z.literal(''), z.email(msg('problems.services.form.email'))]).optional().default(''),
      })
      .superRefine((d, ctx) => {
        if (d.deliveryMethod !== 'mail') return;
        if (!districtCodes.includes(d.deliveryDistrictCode)) {
          ctx.addIssue({ code: 'custom', path: ['deliveryDistrictCode'], message: msg('problems.services.form.mailDistrict') });
        }
        if (!isValidStreetAddress(d.deliveryStreet)) {
          ctx.addIssue({ code: 'custom', path: ['deliveryStreet'], message: msg('problems.services.form.street') });
        }
      })
      .transform((d) => ({
        ...d,
        // What the courier label and the clerk read; counter pickup is a reference the pages translate
        // (rows from before keep '窗口领取 / Counter pickup').
        deliveryAddress:
          d.deliveryMethod === 'mail' ? `武汉市${districtName(d.deliveryDistrictCode)}${d.deliveryStreet}` : msg('problems.services.form.counterPickup'),
      })),
  );
}

function splitLegacyAddress(raw: Record<string, unknown>): Record<string, unknown> {
  if (raw.deliveryStreet || typeof raw.deliveryAddress !== 'string') return { deliveryMethod: 'mail', ...raw };
  const address = raw.deliveryAddress.trim();
  const district = WUHAN_DISTRICTS.find((d) => address.startsWith(`武汉市${d.name}`));
  return {
    deliveryMethod: 'mail',
    ...raw,
    deliveryDistrictCode: district?.code ?? '',
    deliveryStreet: district ? address.slice(`武汉市${district.name}`.length) : address,
  };
}

/** The registry address split into the delivery step's district and street (the pre-fill). */
export function deliveryPrefill(address: string, districtCode: string): { deliveryDistrictCode: string; deliveryStreet: string } {
  const split = splitLegacyAddress({ deliveryAddress: address });
  return { deliveryDistrictCode: (split.deliveryDistrictCode as string) || districtCode, deliveryStreet: split.deliveryStreet as string };
}

export type ParsedServiceForm = { fields: Record<string, string>; delivery: z.infer<ReturnType<typeof buildDeliverySchema>> };

/** The whole form, as the server checks it on submit: field errors keyed by input name. */
export function parseServiceForm(
  service: ServiceDefinition,
  input: unknown,
  registry: RegistryChoices,
  today: string,
): { ok: true; data: ParsedServiceForm } | { ok: false; fieldErrors: Record<string, string[]> } {
  const raw = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  const details = buildDetailsSchema(service, registry, today).safeParse(raw);
  const delivery = buildDeliverySchema(service).safeParse(raw);
  if (details.success && delivery.success) return { ok: true, data: { fields: details.data as Record<string, string>, delivery: delivery.data } };
  return {
    ok: false,
    fieldErrors: {
      ...(details.success ? {} : (z.flattenError(details.error).fieldErrors as Record<string, string[]>)),
      ...(delivery.success ? {} : (z.flattenError(delivery.error).fieldErrors as Record<string, string[]>)),
    },
  };
}

/** One wizard step, checked on the server with the same schemas as the submit. */
export function checkWizardStep(service: ServiceDefinition, step: WizardStep, input: unknown, registry: RegistryChoices, today: string): Record<string, string[]> {
  const result = parseServiceForm(service, input, registry, today);
  if (result.ok) return {};
  const names = step === 'details' ? service.fields.map((f) => f.name) : step === 'delivery' ? [...DELIVERY_FIELDS] : [];
  return Object.fromEntries(Object.entries(result.fieldErrors).filter(([name]) => names.includes(name)));
}
