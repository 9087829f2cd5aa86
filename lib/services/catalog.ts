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
    requiredAssuranceLevel: 1,
    deadlineWorkingDays: 3,
    approvalChain: 'clerk',
    certificateKind: 'migration_permit',
    documents: [
      { kind: 'diploma', labelZh: '毕业证书', labelEn: 'Diploma', isRequired: true },
      { kind: 'labour_contract', labelZh: '劳动合同', labelEn: 'Labour contract', isRequired: false },
    ],
  },
]);

export function findService(id: string): ServiceDefinition | undefined {
  return SERVICE_CATALOG.find((s) => s.id === id);
}

export const CERTIFICATE_KIND_LABELS: Record<string, { zh: string; en: string; serialPrefix: string }> = {
  migration_permit: { zh: '准予迁入证明', en: 'Migration permit', serialPrefix: 'ZQ' },
};
