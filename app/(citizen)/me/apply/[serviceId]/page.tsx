import { randomUUID } from 'node:crypto';
import { Link } from '@/components/link';
import { notFound, redirect } from 'next/navigation';
import { loadPageData } from '@/lib/page-data';
import { listDraftDocuments } from '@/lib/applications/draft-documents';
import { findApplicationSubmittedFromDraft, getDraft } from '@/lib/applications/drafts';
import { getApplicantProfile } from '@/lib/applications/queries';
import { requireCitizenPage } from '@/lib/auth/session';
import { expectedCompletionDate } from '@/lib/calendar/working-days';
import { getTranslator } from '@/lib/i18n/server';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { needsStepUp } from '@/lib/identity/wallet';
import { isOfferedIn, offeredDistrictNames } from '@/lib/services/availability';
import { findPublishedService } from '@/lib/services/published-catalogue';
import { districtName } from '@/lib/places';
import { deliveryPrefill } from '@/lib/services/form-schema';
import { ApplicationWizard } from './application-wizard';

export async function generateMetadata({ params }: { params: Promise<{ serviceId: string }> }) {
  const { serviceId } = await params;
  const service = await loadPageData((db) => findPublishedService(db, serviceId));
  const { label, t } = await getTranslator();
  return { title: service ? label({ zh: service.nameZh, en: service.nameEn }) : t('services.apply') };
}

export default async function ApplyPage({ params, searchParams }: { params: Promise<{ serviceId: string }>; searchParams: Promise<{ draft?: string }> }) {
  const { serviceId } = await params;
  // A session that has ended comes back here, to the draft, after signing in.
  const actor = await requireCitizenPage(`/me/apply/${encodeURIComponent(serviceId)}`);
  const service = await loadPageData((db) => findPublishedService(db, serviceId));
  if (!service) notFound();
  // Back (or a bookmark) to a wizard whose draft was submitted: the application, not a blank form.
  const submitted = await loadPageData(async (db) => findApplicationSubmittedFromDraft(db, actor, service.id, (await searchParams).draft));
  if (submitted) redirect(`/me/applications/${submitted.applicationId}`);
  // Below the service's level: step up first, then come back here.
  if (needsStepUp(actor, service.requiredAssuranceLevel)) redirect(`/enrol?next=${encodeURIComponent(`/me/apply/${service.id}`)}`);
  const [profile, draft, documents] = await loadPageData((db) => Promise.all([getApplicantProfile(db, actor), getDraft(db, actor, service.id), listDraftDocuments(db, actor, service.id)]));
  if (!profile) notFound();
  const { t, label, date, dateTime } = await getTranslator();
  if (!isOfferedIn(service, profile.districtCode)) {
    return (
      <main className="narrow">
        <h1>{label({ zh: service.nameZh, en: service.nameEn })}</h1>
        <p className="alert error" data-testid="not-offered-here">
          {t('services.notOfferedHere', { districts: offeredDistrictNames(service)!.join('、'), home: districtName(profile.districtCode) })}
        </p>
        <Link href="/me/apply">{t('services.backToCatalogue')}</Link>
      </main>
    );
  }
  const expectedBy = expectedCompletionDate(new Date(), service.deadlineWorkingDays);
  // The registry pre-fills; a saved draft (from this or another device) wins over it.
  const prefill: Record<string, string> = {
    ...deliveryPrefill(profile.address, profile.districtCode),
    deliveryMethod: service.deliveryOptions[0] ?? 'mail',
    contactPhone: profile.phone,
    notificationEmail: profile.email,
    ...Object.fromEntries(service.fields.flatMap((f) => (f.kind === 'select' && f.options.length === 1 ? [[f.name, f.options[0]!.value]] : []))),
    ...(draft?.formData ?? {}),
  };
  return (
    <main className="narrow" style={{ maxWidth: 760 }}>
      <p className="breadcrumb">
        <Link href={`/services/${service.id}`}>{t('services.backToCatalogue')}</Link>
      </p>
      <h1>{label({ zh: service.nameZh, en: service.nameEn })}</h1>
      <p>{label({ zh: service.summaryZh, en: service.summaryEn })}</p>
      <div className="alert info">{t('services.expectedDecision', { date: date(expectedBy), days: service.deadlineWorkingDays })}</div>
      {draft && (
        <div className="alert neutral" role="status" data-testid="draft-resumed">
          {t('services.draftResumed', { time: dateTime(draft.updatedAt) })}
        </div>
      )}
      <ApplicationWizard
        service={service}
        initialValues={prefill}
        initialStep={draft?.step === 'review' ? 'delivery' : (draft?.step ?? 'details')}
        idempotencyKey={draft?.idempotencyKey ?? randomUUID()}
        initialDocuments={documents.map((d) => ({ id: d.id, kind: d.kind, fileName: d.fileName, mimeType: d.mimeType, sizeBytes: d.sizeBytes, pages: d.pages }))}
        profile={{
          name: profile.name,
          idNumberMasked: profile.idNumberMasked,
          address: profile.address,
          householdNumber: profile.householdNumber,
          licence: profile.licence,
        }}
        registryOptions={{
          vehicle: profile.vehicles.map((v) => ({ value: v.plate, text: t('services.vehicleOption', { plate: v.plate, model: v.model, color: v.color }) })),
          violation: profile.violations.map((v) => ({
            value: v.id,
            text: t('services.violationOption', { date: date(v.occurredAt), location: v.location, kind: v.kind, fine: v.fineYuan, points: v.points }),
          })),
        }}
        districts={WUHAN_DISTRICTS.map((d) => ({ code: d.code, name: d.name }))}
      />
    </main>
  );
}
