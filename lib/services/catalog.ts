import { z } from 'zod';
import { findWuhanDistrict } from '@/lib/identity/id-number';
import { documentDefinitionSchema, fieldDefinitionSchema } from './fields';
import { EXIT_ENTRY_SERVICES } from './catalogue/exit-entry';
import { HOUSEHOLD_SERVICES } from './catalogue/household';
import { TRAFFIC_SERVICES } from './catalogue/traffic';
import { msg } from '@/lib/i18n/problem';

// The service catalogue as data, validated at load: adding a service is adding an entry to one of the
// lists in lib/services/catalogue/ (and, at most, a certificate template). The database `services` table follows it on every start
// (lib/services/sync-services.ts, called by lib/server-start.ts).

export const DELIVERY_METHODS = ['mail', 'counter'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** In the order the guide and the apply page list them. */
export const SERVICE_CATEGORIES = ['household', 'exit_entry', 'traffic'] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

const serviceSchema = z.object({
  id: z.string().max(60).regex(/^[a-z][a-z0-9-]+$/),
  category: z.enum(SERVICE_CATEGORIES),
  nameZh: z.string().min(1).max(40),
  nameEn: z.string().min(1).max(120),
  requiredAssuranceLevel: z.number().int().min(1).max(3),
  deadlineWorkingDays: z.number().int().min(1).max(60),
  approvalChain: z.enum(['clerk', 'clerk_and_supervisor']),
  certificateKind: z.string().min(1),
  summaryZh: z.string().min(1).max(300),
  summaryEn: z.string().min(1).max(600),
  /** Who may apply, in one sentence each language. */
  eligibilityZh: z.string().min(1).max(300),
  eligibilityEn: z.string().min(1).max(600),
  fields: z.array(fieldDefinitionSchema).min(1).max(30),
  documents: z.array(documentDefinitionSchema).min(1).max(10),
  deliveryOptions: z.array(z.enum(DELIVERY_METHODS)).min(1),
  /**
   * Where the case is decided: a district field of the form (the office of the district the citizen
   * moves to), else the applicant's registered district.
   */
  jurisdictionField: z.string().optional(),
  /**
   * Where the service is offered: residents registered in these districts may apply (a district's own
   * pilot, a local rule). Absent: all of Wuhan.
   */
  offeredInDistricts: z.array(z.string().regex(/^\d{6}$/)).min(1).max(20).optional(),
});

export type ServiceDefinition = z.infer<typeof serviceSchema>;
export type ServiceInput = z.input<typeof serviceSchema>;

export const CERTIFICATE_KIND_LABELS: Record<string, { zh: string; en: string; serialPrefix: string }> = {
  migration_permit: { zh: '准予迁入证明', en: 'Migration permit', serialPrefix: 'ZQ' },
  household_register_page: { zh: '常住人口登记卡', en: 'Household register page', serialPrefix: 'HK' },
  driving_licence_document: { zh: '机动车驾驶证业务证明', en: 'Driving licence certificate', serialPrefix: 'JZ' },
  vehicle_licence_document: { zh: '机动车行驶证业务证明', en: 'Vehicle licence certificate', serialPrefix: 'XS' },
  violation_decision: { zh: '交通违法处理决定书', en: 'Traffic violation decision', serialPrefix: 'WF' },
  deregistration_certificate: { zh: '注销户口证明', en: 'Certificate of deregistration', serialPrefix: 'ZX' },
  household_certificate: { zh: '户籍证明', en: 'Household registration certificate', serialPrefix: 'HJ' },
  id_card_receipt: { zh: '居民身份证申领受理回执', en: 'Resident ID card application receipt', serialPrefix: 'SF' },
  temporary_id_card: { zh: '临时居民身份证受理凭证', en: 'Temporary ID card receipt', serialPrefix: 'LS' },
  residence_permit: { zh: '居住证受理凭证', en: 'Residence permit receipt', serialPrefix: 'JU' },
  exit_entry_document: { zh: '出入境证件受理回执', en: 'Exit-entry document receipt', serialPrefix: 'CR' },
  exit_entry_record: { zh: '出入境记录证明', en: 'Certificate of border-crossing records', serialPrefix: 'CJ' },
  vehicle_registration_certificate: { zh: '机动车登记业务证明', en: 'Vehicle registration certificate', serialPrefix: 'DJ' },
  plate_document: { zh: '机动车号牌业务证明', en: 'Number plate certificate', serialPrefix: 'HP' },
  inspection_mark: { zh: '机动车检验合格标志电子凭证', en: 'Vehicle inspection mark', serialPrefix: 'JY' },
};

const SERVICES: ServiceInput[] = [...HOUSEHOLD_SERVICES, ...EXIT_ENTRY_SERVICES, ...TRAFFIC_SERVICES];

/** What is wrong with one service beyond its shape: the checks the catalogue and the designer share. */
function checkService(s: ServiceDefinition, report: (path: (string | number)[], message: string) => void) {
  const names = s.fields.map((f) => f.name);
  if (new Set(names).size !== names.length) report(['fields'], msg('problems.services.catalogue.duplicateFieldName'));
  for (const f of s.fields) {
    if (f.requiredWhen && !names.includes(f.requiredWhen.field)) report(['fields'], msg('problems.services.catalogue.unknownDependency', { field: f.name, on: f.requiredWhen.field }));
    const on = f.requiredWhen && s.fields.find((o) => o.name === f.requiredWhen!.field);
    if (on === f) report(['fields'], msg('problems.services.catalogue.selfDependency', { field: f.name }));
    if (on && on.kind === 'select' && !on.options.some((o) => o.value === f.requiredWhen!.equals)) {
      report(['fields'], msg('problems.services.catalogue.dependencyValue', { field: f.name, value: f.requiredWhen!.equals, on: on.name }));
    }
  }
  const kinds = s.documents.map((d) => d.kind);
  if (new Set(kinds).size !== kinds.length) report(['documents'], msg('problems.services.catalogue.duplicateDocumentCode'));
  if (s.jurisdictionField && !s.fields.some((f) => f.name === s.jurisdictionField && f.kind === 'district')) {
    report(['jurisdictionField'], msg('problems.services.catalogue.jurisdictionField'));
  }
  if (!(s.certificateKind in CERTIFICATE_KIND_LABELS)) report(['certificateKind'], msg('problems.services.catalogue.unknownCertificateKind', { kind: s.certificateKind }));
  const offered = s.offeredInDistricts ?? [];
  if (offered.some((code) => !findWuhanDistrict(code))) report(['offeredInDistricts'], msg('problems.services.catalogue.onlyWuhanDistricts'));
  if (new Set(offered).size !== offered.length) report(['offeredInDistricts'], msg('problems.services.catalogue.districtTwice'));
}

/** One service definition, checked as the catalogue checks its own: a stored or designed version. */
export const serviceDefinitionSchema = serviceSchema.superRefine((s, ctx) => checkService(s, (path, message) => ctx.addIssue({ code: 'custom', path, message })));

export const SERVICE_CATALOG: readonly ServiceDefinition[] = z
  .array(serviceSchema)
  .superRefine((services, ctx) => {
    // A catalogue mistake must fail at start-up, not when a citizen opens the form.
    const ids = new Set<string>();
    for (const [i, s] of services.entries()) {
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate service ${s.id}` });
      ids.add(s.id);
      checkService(s, (path, message) => ctx.addIssue({ code: 'custom', path: [i, ...path], message }));
    }
  })
  .parse(SERVICES);

/** A service as the code catalogue defines it (the seed of its versions). The app reads the published
 *  version instead: lib/services/published-catalogue.ts. */
export function findCodeCatalogueService(id: string): ServiceDefinition | undefined {
  return SERVICE_CATALOG.find((s) => s.id === id);
}

export const CATEGORY_LABELS = {
  household: { zh: '户籍业务', en: 'Household registration' },
  exit_entry: { zh: '出入境业务', en: 'Exit and entry' },
  traffic: { zh: '交管业务', en: 'Traffic' },
} as const satisfies Record<ServiceCategory, { zh: string; en: string }>;

