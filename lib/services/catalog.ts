import { z } from 'zod';

// The service catalogue as data, validated at load. The services issue grows it to the full list;
// the database `services` table is seeded from here.
const serviceSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]+$/),
  category: z.enum(['household', 'traffic']),
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  requiredAssuranceLevel: z.number().int().min(1).max(3),
  deadlineWorkingDays: z.number().int().min(1).max(60),
  approvalChain: z.enum(['clerk', 'clerk_and_supervisor']),
  certificateKind: z.string().min(1),
  /** Which form (and certificate template) the service uses; several services may share one. */
  formKind: z.enum(['household-transfer']),
  defaultReason: z.string().optional(),
  summaryZh: z.string().min(1),
  summaryEn: z.string().min(1),
  documents: z
    .array(
      z.object({
        kind: z.string().min(1),
        labelZh: z.string().min(1),
        labelEn: z.string().min(1),
        isRequired: z.boolean(),
      }),
    )
    .min(1),
});

export type ServiceDefinition = z.infer<typeof serviceSchema>;

export const SERVICE_CATALOG: readonly ServiceDefinition[] = z.array(serviceSchema).parse([
  {
    id: 'household-transfer',
    category: 'household',
    nameZh: '户口迁移（落户）',
    nameEn: 'Household transfer (settlement)',
    // The reference journey: the graduate proves who they are with all three gates (L3) first.
    requiredAssuranceLevel: 3,
    deadlineWorkingDays: 3,
    approvalChain: 'clerk',
    certificateKind: 'migration_permit',
    formKind: 'household-transfer',
    defaultReason: 'graduate_employment',
    summaryZh: '高校毕业生凭毕业证书和劳动合同办理落户，批准后邮寄《准予迁入证明》。',
    summaryEn: 'Graduates settle with their diploma and labour contract; the migration permit is mailed once approved.',
    documents: [
      { kind: 'diploma', labelZh: '毕业证书', labelEn: 'Diploma', isRequired: true },
      { kind: 'labour_contract', labelZh: '劳动合同', labelEn: 'Labour contract', isRequired: false },
    ],
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
    formKind: 'household-transfer',
    defaultReason: 'spouse',
    summaryZh: '与配偶团聚落户，需上传结婚证；经审批民警批准并由负责人复核后邮寄《准予迁入证明》。',
    summaryEn: 'Settle with your spouse; upload the marriage certificate. A clerk approves and a supervisor countersigns.',
    documents: [
      { kind: 'marriage_certificate', labelZh: '结婚证', labelEn: 'Marriage certificate', isRequired: true },
      { kind: 'spouse_household_page', labelZh: '配偶户口簿本人页', labelEn: 'Spouse’s household register page', isRequired: false },
    ],
  },
]);

export function findService(id: string): ServiceDefinition | undefined {
  return SERVICE_CATALOG.find((s) => s.id === id);
}

export const CERTIFICATE_KIND_LABELS: Record<string, { zh: string; en: string; serialPrefix: string }> = {
  migration_permit: { zh: '准予迁入证明', en: 'Migration permit', serialPrefix: 'ZQ' },
  // Templates ready for the services that will yield them (lib/certificates/templates.ts).
  household_register_page: { zh: '常住人口登记卡', en: 'Household register page', serialPrefix: 'HK' },
  driving_licence_document: { zh: '机动车驾驶证业务证明', en: 'Driving licence certificate', serialPrefix: 'JZ' },
};
