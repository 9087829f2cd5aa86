import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { getApplicantProfile } from '@/lib/applications/queries';
import { requireCitizenPage } from '@/lib/auth/session';
import { needsStepUp } from '@/lib/identity/wallet';
import { addWorkingDays, toBeijingDate } from '@/lib/calendar/working-days';
import { findService } from '@/lib/services/catalog';
import { TRANSFER_REASONS } from '@/lib/applications/household-transfer-form';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { MAX_DOCUMENT_BYTES } from '@/lib/uploads/sniff';
import { HouseholdTransferForm } from './household-transfer-form';

export const metadata = { title: '在线申请 / Apply' };

export default async function ApplyPage({ params }: { params: Promise<{ serviceId: string }> }) {
  const actor = await requireCitizenPage();
  const { serviceId } = await params;
  const service = findService(serviceId);
  if (!service) notFound();
  // Below the service's level: step up first, then come back here.
  if (needsStepUp(actor, service.requiredAssuranceLevel)) redirect(`/enrol?next=${encodeURIComponent(`/me/apply/${service.id}`)}`);
  const profile = await getApplicantProfile(await getDb(), actor);
  if (!profile) notFound();
  const expectedBy = addWorkingDays(toBeijingDate(new Date()), service.deadlineWorkingDays);
  return (
    <main className="narrow" style={{ maxWidth: 760 }}>
      <p className="breadcrumb">
        <Link href="/me/apply">← 在线办理 / All services</Link>
      </p>
      <h1>
        {service.nameZh} <span className="en">{service.nameEn}</span>
      </h1>
      <p>{service.summaryZh}</p>
      <p className="en">{service.summaryEn}</p>
      <div className="alert info">
        承诺 {service.deadlineWorkingDays} 个工作日内办结：今天提交，预计 <strong>{expectedBy}</strong> 前办结。
        <span className="en"> Decided within {service.deadlineWorkingDays} working days: submit today and expect a decision by {expectedBy}.</span>
      </div>
      <HouseholdTransferForm
        serviceId={service.id}
        idempotencyKey={randomUUID()}
        profile={profile}
        districts={WUHAN_DISTRICTS.map((d) => ({ code: d.code, name: d.name }))}
        reasons={Object.entries(TRANSFER_REASONS).map(([value, label]) => ({ value, ...label }))}
        defaultReason="graduate_employment"
        documents={service.documents}
        maxMegabytes={MAX_DOCUMENT_BYTES / 1024 / 1024}
      />
    </main>
  );
}
