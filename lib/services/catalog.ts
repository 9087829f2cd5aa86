import { z } from 'zod';
import { documentDefinitionSchema, fieldDefinitionSchema } from './fields';

// The service catalogue as data, validated at load: adding a service is adding an entry here (and, at
// most, a certificate template). The database `services` table follows it on every start
// (lib/services/sync-services.ts, called by lib/server-start.ts).

export const DELIVERY_METHODS = ['mail', 'counter'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

const serviceSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]+$/),
  category: z.enum(['household', 'traffic']),
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  requiredAssuranceLevel: z.number().int().min(1).max(3),
  deadlineWorkingDays: z.number().int().min(1).max(60),
  approvalChain: z.enum(['clerk', 'clerk_and_supervisor']),
  certificateKind: z.string().min(1),
  summaryZh: z.string().min(1),
  summaryEn: z.string().min(1),
  /** Who may apply, in one sentence each language. */
  eligibilityZh: z.string().min(1),
  eligibilityEn: z.string().min(1),
  fields: z.array(fieldDefinitionSchema).min(1),
  documents: z.array(documentDefinitionSchema).min(1),
  deliveryOptions: z.array(z.enum(DELIVERY_METHODS)).min(1),
  /**
   * Where the case is decided: a district field of the form (the office of the district the citizen
   * moves to), else the applicant's registered district.
   */
  jurisdictionField: z.string().optional(),
});

export type ServiceDefinition = z.infer<typeof serviceSchema>;
export type ServiceInput = z.input<typeof serviceSchema>;

export const CERTIFICATE_KIND_LABELS: Record<string, { zh: string; en: string; serialPrefix: string }> = {
  migration_permit: { zh: '准予迁入证明', en: 'Migration permit', serialPrefix: 'ZQ' },
  household_register_page: { zh: '常住人口登记卡', en: 'Household register page', serialPrefix: 'HK' },
  driving_licence_document: { zh: '机动车驾驶证业务证明', en: 'Driving licence certificate', serialPrefix: 'JZ' },
  vehicle_licence_document: { zh: '机动车行驶证业务证明', en: 'Vehicle licence certificate', serialPrefix: 'XS' },
  violation_decision: { zh: '交通违法处理决定书', en: 'Traffic violation decision', serialPrefix: 'WF' },
};

const TRANSFER_REASON_OPTIONS = [
  { value: 'graduate_employment', zh: '高校毕业生就业落户', en: 'Graduate taking up employment' },
  { value: 'spouse', zh: '夫妻投靠', en: 'Joining a spouse' },
  { value: 'house_purchase', zh: '购房落户', en: 'Owner of a home' },
];

const householdDestination = [
  { kind: 'district', name: 'toDistrictCode', labelZh: '迁入区', labelEn: 'District' },
  { kind: 'address', name: 'toAddress', labelZh: '迁入地址', labelEn: 'New address', hintZh: '街道、门牌号、楼栋、房号', hintEn: 'Street, number, building, flat' },
] as const;

const SERVICES: ServiceInput[] = [
  {
    id: 'household-transfer',
    category: 'household',
    nameZh: '户口迁移（落户）',
    nameEn: 'Household transfer (settlement)',
    // The reference journey: the graduate proves who they are with all three gates (L3) first.
    requiredAssuranceLevel: 3,
    deadlineWorkingDays: 3,
    // Settlement changes the household register: a sensitive service, so the supervisor countersigns
    // the clerk's approval (four eyes) before the migration permit is issued (issue 14).
    approvalChain: 'clerk_and_supervisor',
    certificateKind: 'migration_permit',
    summaryZh: '高校毕业生凭毕业证书和劳动合同办理落户，批准后邮寄《准予迁入证明》。',
    summaryEn: 'Graduates settle with their diploma and labour contract; the migration permit is mailed once approved.',
    eligibilityZh: '在武汉就业的高校毕业生（毕业两年内）。',
    eligibilityEn: 'University graduates employed in Wuhan (within two years of graduating).',
    fields: [
      ...householdDestination,
      { kind: 'select', name: 'reason', labelZh: '迁移原因', labelEn: 'Reason', options: TRANSFER_REASON_OPTIONS },
      { kind: 'text', name: 'employer', labelZh: '就业单位', labelEn: 'Employer', hintEn: 'Required for graduates', hintZh: '高校毕业生必填', isRequired: false, requiredWhen: { field: 'reason', equals: 'graduate_employment' } },
    ],
    documents: [
      { kind: 'diploma', labelZh: '毕业证书', labelEn: 'Diploma', isRequired: true },
      { kind: 'labour_contract', labelZh: '劳动合同', labelEn: 'Labour contract', isRequired: false, maxCount: 2 },
    ],
    deliveryOptions: ['mail', 'counter'],
    jurisdictionField: 'toDistrictCode',
  },
  {
    id: 'household-transfer-spouse',
    category: 'household',
    nameZh: '夫妻投靠落户',
    nameEn: 'Joining a spouse’s household',
    requiredAssuranceLevel: 2,
    deadlineWorkingDays: 5,
    // Joining another household changes someone else's register too: a supervisor countersigns.
    approvalChain: 'clerk_and_supervisor',
    certificateKind: 'migration_permit',
    summaryZh: '与配偶团聚落户，需上传结婚证；经审批民警批准并由负责人复核后邮寄《准予迁入证明》。',
    summaryEn: 'Settle with your spouse; upload the marriage certificate. A clerk approves and a supervisor countersigns.',
    eligibilityZh: '配偶为武汉市常住户口、结婚满两年的申请人。',
    eligibilityEn: 'Applicants married for two years or more to a registered Wuhan resident.',
    fields: [
      ...householdDestination,
      { kind: 'select', name: 'reason', labelZh: '迁移原因', labelEn: 'Reason', options: TRANSFER_REASON_OPTIONS.filter((o) => o.value === 'spouse') },
      { kind: 'text', name: 'spouseName', labelZh: '配偶姓名', labelEn: 'Spouse’s name', isRequired: false, maxLength: 40 },
    ],
    documents: [
      { kind: 'marriage_certificate', labelZh: '结婚证', labelEn: 'Marriage certificate', isRequired: true },
      { kind: 'spouse_household_page', labelZh: '配偶户口簿本人页', labelEn: 'Spouse’s household register page', isRequired: false },
    ],
    deliveryOptions: ['mail', 'counter'],
    jurisdictionField: 'toDistrictCode',
  },
  {
    id: 'migration-permit',
    category: 'household',
    nameZh: '准迁证明',
    nameEn: 'Migration permit',
    requiredAssuranceLevel: 2,
    deadlineWorkingDays: 5,
    approvalChain: 'clerk',
    certificateKind: 'migration_permit',
    summaryZh: '购房等原因迁入武汉，先办理《准予迁入证明》，凭证到迁出地办理迁出。',
    summaryEn: 'Moving into Wuhan (for example after buying a home): get the migration permit, then register the move-out where you live now.',
    eligibilityZh: '在武汉有合法固定住所的申请人。',
    eligibilityEn: 'Applicants with a lawful permanent home in Wuhan.',
    fields: [
      ...householdDestination,
      { kind: 'select', name: 'reason', labelZh: '迁移原因', labelEn: 'Reason', options: TRANSFER_REASON_OPTIONS.filter((o) => o.value === 'house_purchase') },
      { kind: 'text', name: 'propertyCertificateNumber', labelZh: '不动产权证号', labelEn: 'Property certificate number', minLength: 6, maxLength: 40 },
    ],
    documents: [{ kind: 'property_certificate', labelZh: '不动产权证书', labelEn: 'Property certificate', isRequired: true, maxCount: 3 }],
    deliveryOptions: ['mail', 'counter'],
    jurisdictionField: 'toDistrictCode',
  },
  {
    id: 'household-booklet-reissue',
    category: 'household',
    nameZh: '户口簿补领',
    nameEn: 'Household-register booklet reissue',
    requiredAssuranceLevel: 2,
    deadlineWorkingDays: 3,
    approvalChain: 'clerk',
    certificateKind: 'household_register_page',
    summaryZh: '户口簿遗失或损坏的，由户主申请补领，新户口簿邮寄或到窗口领取。',
    summaryEn: 'The head of a household replaces a lost or damaged booklet; it is mailed or collected at the counter.',
    eligibilityZh: '户主本人。',
    eligibilityEn: 'The head of the household.',
    fields: [
      { kind: 'select', name: 'cause', labelZh: '补领原因', labelEn: 'Why a new booklet', options: [{ value: 'lost', zh: '遗失', en: 'Lost' }, { value: 'damaged', zh: '损坏', en: 'Damaged' }] },
      { kind: 'date', name: 'lostOn', labelZh: '遗失或损坏日期', labelEn: 'Date lost or damaged', notAfterToday: true },
    ],
    documents: [{ kind: 'loss_statement', labelZh: '遗失声明或损坏户口簿照片', labelEn: 'Loss statement or photo of the damaged booklet', isRequired: false }],
    deliveryOptions: ['mail', 'counter'],
  },
  {
    id: 'driving-licence-renewal',
    category: 'traffic',
    nameZh: '驾驶证期满换证',
    nameEn: 'Driving-licence renewal on expiry',
    requiredAssuranceLevel: 2,
    deadlineWorkingDays: 3,
    approvalChain: 'clerk',
    certificateKind: 'driving_licence_document',
    summaryZh: '驾驶证有效期满前 90 日内申请换证，需上传体检证明；可用实人核验照片作为证件照。',
    summaryEn: 'Renew within 90 days before expiry with a medical certificate; the photo from your real-person check can serve as the licence photo.',
    eligibilityZh: '持有武汉核发驾驶证、记分未满 12 分的驾驶人。',
    eligibilityEn: 'Holders of a Wuhan driving licence with fewer than 12 penalty points.',
    fields: [{ kind: 'date', name: 'medicalExamOn', labelZh: '体检日期', labelEn: 'Date of the medical examination', notAfterToday: true }],
    documents: [
      { kind: 'medical_certificate', labelZh: '机动车驾驶人身体条件证明', labelEn: 'Driver’s medical certificate', isRequired: true },
      { kind: 'licence_photo', labelZh: '证件照片', labelEn: 'Licence photo', isRequired: false, acceptedTypes: ['image/jpeg', 'image/png'], maxMegabytes: 5 },
    ],
    deliveryOptions: ['mail', 'counter'],
  },
  {
    id: 'driving-licence-replacement',
    category: 'traffic',
    nameZh: '驾驶证遗失补证',
    nameEn: 'Driving-licence replacement after loss',
    requiredAssuranceLevel: 2,
    deadlineWorkingDays: 3,
    approvalChain: 'clerk',
    certificateKind: 'driving_licence_document',
    summaryZh: '驾驶证遗失的，网上申请补领，新证邮寄到家。',
    summaryEn: 'Lost your driving licence? Apply online and the new one is mailed to you.',
    eligibilityZh: '持有武汉核发驾驶证的驾驶人。',
    eligibilityEn: 'Holders of a driving licence issued in Wuhan.',
    fields: [
      { kind: 'date', name: 'lostOn', labelZh: '遗失日期', labelEn: 'Date lost', notAfterToday: true },
      { kind: 'text', name: 'lossCircumstances', labelZh: '遗失经过', labelEn: 'How it was lost', minLength: 4, maxLength: 300 },
    ],
    documents: [{ kind: 'licence_photo', labelZh: '证件照片', labelEn: 'Licence photo', isRequired: false, acceptedTypes: ['image/jpeg', 'image/png'], maxMegabytes: 5 }],
    deliveryOptions: ['mail', 'counter'],
  },
  {
    id: 'vehicle-licence-replacement',
    category: 'traffic',
    nameZh: '机动车行驶证补领',
    nameEn: 'Vehicle-licence replacement',
    requiredAssuranceLevel: 2,
    deadlineWorkingDays: 3,
    approvalChain: 'clerk',
    certificateKind: 'vehicle_licence_document',
    summaryZh: '行驶证遗失或损坏的，选择您名下的车辆申请补领。',
    summaryEn: 'Replace a lost or damaged vehicle licence for a vehicle registered to you.',
    eligibilityZh: '机动车所有人本人。',
    eligibilityEn: 'The registered owner of the vehicle.',
    fields: [
      { kind: 'registry', name: 'plate', source: 'vehicle', labelZh: '车辆', labelEn: 'Vehicle' },
      { kind: 'select', name: 'cause', labelZh: '补领原因', labelEn: 'Why a new licence', options: [{ value: 'lost', zh: '遗失', en: 'Lost' }, { value: 'damaged', zh: '损坏', en: 'Damaged' }] },
    ],
    documents: [{ kind: 'vehicle_photo', labelZh: '车辆照片', labelEn: 'Photo of the vehicle', isRequired: false, acceptedTypes: ['image/jpeg', 'image/png'], maxCount: 2 }],
    deliveryOptions: ['mail', 'counter'],
  },
  {
    id: 'traffic-violation',
    category: 'traffic',
    nameZh: '交通违法处理',
    nameEn: 'Handling a traffic violation',
    requiredAssuranceLevel: 2,
    deadlineWorkingDays: 2,
    // A driver may dispute a record; a supervisor countersigns the decision.
    approvalChain: 'clerk_and_supervisor',
    certificateKind: 'violation_decision',
    summaryZh: '选择您名下未处理的交通违法记录，在线接受处理或提出申辩。',
    summaryEn: 'Choose an unhandled violation on your record and accept it or dispute it online.',
    eligibilityZh: '违法记录所涉车辆的所有人或驾驶人。',
    eligibilityEn: 'The owner or driver of the vehicle the record concerns.',
    fields: [
      { kind: 'registry', name: 'violationId', source: 'violation', labelZh: '违法记录', labelEn: 'Violation' },
      { kind: 'select', name: 'handling', labelZh: '处理方式', labelEn: 'What you want', options: [{ value: 'accept', zh: '接受处理', en: 'Accept the penalty' }, { value: 'dispute', zh: '提出申辩', en: 'Dispute it' }] },
      { kind: 'text', name: 'statement', labelZh: '申辩理由', labelEn: 'Your statement', isRequired: false, maxLength: 500, requiredWhen: { field: 'handling', equals: 'dispute' } },
    ],
    documents: [{ kind: 'evidence', labelZh: '证据材料', labelEn: 'Evidence', isRequired: false, maxCount: 3 }],
    deliveryOptions: ['mail'],
  },
];

export const SERVICE_CATALOG: readonly ServiceDefinition[] = z
  .array(serviceSchema)
  .superRefine((services, ctx) => {
    // A catalogue mistake must fail at start-up, not when a citizen opens the form.
    const ids = new Set<string>();
    for (const [i, s] of services.entries()) {
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate service ${s.id}` });
      ids.add(s.id);
      const names = s.fields.map((f) => f.name);
      if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', path: [i, 'fields'], message: 'duplicate field name' });
      for (const f of s.fields) {
        if (f.requiredWhen && !names.includes(f.requiredWhen.field)) ctx.addIssue({ code: 'custom', path: [i, 'fields'], message: `${f.name} depends on unknown ${f.requiredWhen.field}` });
      }
      if (s.jurisdictionField && !s.fields.some((f) => f.name === s.jurisdictionField && f.kind === 'district')) {
        ctx.addIssue({ code: 'custom', path: [i, 'jurisdictionField'], message: 'jurisdiction must be a district field' });
      }
      if (!(s.certificateKind in CERTIFICATE_KIND_LABELS)) ctx.addIssue({ code: 'custom', path: [i, 'certificateKind'], message: `unknown certificate kind ${s.certificateKind}` });
    }
  })
  .parse(SERVICES);

export function findService(id: string): ServiceDefinition | undefined {
  return SERVICE_CATALOG.find((s) => s.id === id);
}

export const CATEGORY_LABELS = { household: { zh: '户籍业务', en: 'Household registration' }, traffic: { zh: '交管业务', en: 'Traffic' } } as const;

