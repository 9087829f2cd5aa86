import { randomUUID } from 'node:crypto';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getApplicantProfile } from '@/lib/applications/queries';
import { requireCitizenPage } from '@/lib/auth/session';
import { findService } from '@/lib/services/catalog';
import { TRANSFER_REASONS } from '@/lib/applications/household-transfer-form';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { MAX_DOCUMENT_BYTES } from '@/lib/uploads/sniff';
import { HouseholdTransferForm } from './household-transfer-form';

export const metadata = { title: '户口迁移（落户）/ Household transfer' };

export default async function HouseholdTransferPage() {
  const actor = await requireCitizenPage();
  const service = findService('household-transfer');
  const profile = await getApplicantProfile(await getDb(), actor);
  if (!service || !profile) notFound();
  return (
    <main>
      <h1>
        {service.nameZh} <span className="en">{service.nameEn}</span>
      </h1>
      <p>
        承诺办结时限：{service.deadlineWorkingDays} 个工作日，批准后《准予迁入证明》将快递到您填写的地址。
        <span className="en"> Decided within {service.deadlineWorkingDays} working days; once approved, the migration permit is mailed to you.</span>
      </p>
      <HouseholdTransferForm
        idempotencyKey={randomUUID()}
        profile={profile}
        districts={WUHAN_DISTRICTS.map((d) => ({ code: d.code, name: d.name }))}
        reasons={Object.entries(TRANSFER_REASONS).map(([value, label]) => ({ value, ...label }))}
        documents={service.documents}
        maxMegabytes={MAX_DOCUMENT_BYTES / 1024 / 1024}
      />
    </main>
  );
}
