import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getApplicantProfile, getApplicationDetail } from '@/lib/applications/queries';
import { requestedItems } from '@/lib/applications/material-request';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { availableTransitions, FINAL_STATUSES } from '@/lib/applications/state-machine';
import { requireCitizenPage } from '@/lib/auth/session';
import { toBeijingDate, workingDaysBetween } from '@/lib/calendar/working-days';
import { describeFormValues } from '@/lib/services/form-display';
import { getTranslator } from '@/lib/i18n/server';
import { pickupOfficeFor } from '@/lib/delivery/pickup-office';
import { findService } from '@/lib/services/catalog';
import { ApplicationTimeline } from '@/components/application-timeline';
import { DeliveryTimeline } from '@/components/delivery-timeline';
import { DispatchBadge, StatusBadge } from '@/components/status-badge';
import { formatBytes } from '@/components/format';
import { CitizenActions } from './citizen-actions';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('myApplications.detail.title') };
}

const FILE_TYPES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

export default async function ApplicationStatusPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ submitted?: string }> }) {
  const [{ id }, { submitted }] = await Promise.all([params, searchParams]);
  const actor = await requireCitizenPage(`/me/applications/${encodeURIComponent(id)}`);
  const detail = await getApplicationDetail(await getDb(), actor, id);
  if (!detail) notFound();
  const { application, service, documents, events, certificate, dispatch, deliveryEvents } = detail;
  const actions = availableTransitions(application.status, 'citizen').filter((t) => t === 'withdraw' || t === 'resubmit');
  const isFinal = FINAL_STATUSES.includes(application.status);
  // What the clerk asked for: the reason of the latest request for more material.
  const materialRequest = application.status === 'needs_more_material' ? events.findLast((e) => e.transition === 'request_more_material') : undefined;
  const definition = findService(application.serviceId);
  const documentLabels = new Map((definition?.documents ?? []).map((d) => [d.kind, d]));
  // Only what the clerk asked for: the documents and fields their request names.
  const requested = definition && materialRequest ? requestedItems(definition, materialRequest.reason) : { documents: definition?.documents ?? [], fields: [] };
  const resubmitDocuments = requested.documents;
  const { t, label, date, dateTime } = await getTranslator();
  const profile = requested.fields.some((f) => f.kind === 'registry') ? await getApplicantProfile(await getDb(), actor) : undefined;
  const currentForm = (application.formData ?? {}) as Record<string, string>;
  const correctableFields = requested.fields.map((f) => ({
    name: f.name,
    label: label({ zh: f.labelZh, en: f.labelEn }),
    value: currentForm[f.name] ?? '',
    type: f.kind === 'date' ? ('date' as const) : f.kind === 'select' || f.kind === 'district' || f.kind === 'registry' ? ('select' as const) : ('text' as const),
    options:
      f.kind === 'select'
        ? f.options.map((o) => ({ value: o.value, text: label(o) }))
        : f.kind === 'district'
          ? WUHAN_DISTRICTS.map((d) => ({ value: d.code, text: d.name }))
          : f.kind === 'registry'
            ? f.source === 'vehicle'
              ? (profile?.vehicles ?? []).map((v) => ({ value: v.plate, text: v.plate }))
              : (profile?.violations ?? []).map((v) => ({ value: v.id, text: `${date(v.occurredAt)} ${v.location}` }))
            : undefined,
  }));
  const formRows = definition ? describeFormValues(definition, application.formData) : [];
  // Counter pickup (chosen, or returned mail now held): the counter of the case's district office.
  const isAtCounter = dispatch ? dispatch.method === 'counter' || dispatch.status === 'held_for_pickup' || dispatch.status === 'collected' : false;
  const office = isAtCounter ? pickupOfficeFor(application.districtCode) : undefined;
  const collectedAt = deliveryEvents.findLast((e) => e.toStatus === 'collected')?.createdAt;
  const pickup = office ? { office: label(office.name), hours: label(office.hours), bring: label(office.bring), collectedAt: collectedAt ? dateTime(collectedAt) : undefined } : undefined;
  const daysLeft = application.deadlineDate && !isFinal && application.deadlinePausedDaysLeft === null ? workingDaysBetween(toBeijingDate(new Date()), application.deadlineDate) : null;

  return (
    <main>
      <p className="breadcrumb">
        <Link href="/me">{t('myApplications.detail.back')}</Link>
      </p>
      {submitted && (
        <div className="alert success" role="status">
          <h2>{t('myApplications.detail.submittedHeading')}</h2>
          <p>
            {t('myApplications.detail.reference')}: <strong data-testid="reference-number">{application.referenceNumber}</strong>
          </p>
          <p>{t('myApplications.detail.submittedBody')}</p>
        </div>
      )}
      <h1>
        {service ? label({ zh: service.nameZh, en: service.nameEn }) : ''}
      </h1>

      <StatusMessage t={t} status={application.status} deadlineDate={application.deadlineDate} reason={materialRequest?.reason ?? application.decisionReason} dispatchStatus={dispatch?.status} isCounter={dispatch?.method === 'counter'} pickup={pickup} />

      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading" className="visually-hidden">{t('myApplications.detail.summary')}</h2>
        <dl className="facts">
          <dt>{t('myApplications.detail.reference')}</dt>
          <dd className="mono">{application.referenceNumber}</dd>
          <dt>{t('myApplications.detail.status')}</dt>
          <dd data-testid="application-status"><StatusBadge status={application.status} /></dd>
          <dt>{t('myApplications.detail.submittedAt')}</dt>
          <dd>{dateTime(application.submittedAt)}</dd>
          {!isFinal && (
            <>
              <dt>{t('myApplications.detail.dueBy')}</dt>
              <dd>
                {application.deadlinePausedDaysLeft !== null ? (
                  <>{t('myApplications.detail.paused', { days: application.deadlinePausedDaysLeft })}</>
                ) : (
                  <>
                    {date(application.deadlineDate)}
                    {daysLeft !== null && (
                      <span data-testid="days-left" className={daysLeft < 0 ? 'overdue' : daysLeft <= 1 ? 'due-soon' : 'muted'}>
                        {daysLeft < 0 ? t('myApplications.detail.overdue', { days: -daysLeft }) : t('myApplications.detail.daysLeft', { days: daysLeft })}
                      </span>
                    )}
                  </>
                )}
              </dd>
            </>
          )}
          {formRows.map((row) => (
            <div key={row.name} style={{ display: 'contents' }}>
              <dt>{label(row.label)}</dt>
              <dd>{label(row.value)}</dd>
            </div>
          ))}
          <dt>{t('myApplications.detail.delivery')}</dt>
          <dd>{application.deliveryAddress}</dd>
          {application.decisionReason && application.status !== 'needs_more_material' && application.status !== 'rejected' && (
            <>
              <dt>{t('myApplications.detail.reason')}</dt>
              <dd>{application.decisionReason}</dd>
            </>
          )}
        </dl>
        {actions.length > 0 && <CitizenActions
            applicationId={application.id}
            version={application.version}
            actions={actions}
            documents={resubmitDocuments.map(({ kind, labelZh, labelEn }) => ({ kind, label: label({ zh: labelZh, en: labelEn }) }))}
            fields={correctableFields}
          />}
      </section>

      <div className="grid-2">
        <section className="card" aria-labelledby="progress-heading">
          <h2 id="progress-heading">{t('myApplications.detail.progress')}</h2>
          <ApplicationTimeline events={events} />
        </section>
        <section className="card" aria-labelledby="certificate-heading">
          <h2 id="certificate-heading">{t('myApplications.detail.certificateHeading')}</h2>
          {certificate ? (
            <>
              <dl className="facts">
                <dt>{t('myApplications.detail.serial')}</dt>
                <dd><strong className="mono">{certificate.serialNumber}</strong></dd>
                {dispatch && (
                  <>
                    <dt>{dispatch.method === 'counter' ? t('myApplications.detail.collectionStatus') : t('myApplications.detail.deliveryStatus')}</dt>
                    <dd><DispatchBadge status={dispatch.status} /></dd>
                    {office && (
                      <>
                        <dt>{t('myApplications.detail.collectAt')}</dt>
                        <dd>{label(office.name)}</dd>
                      </>
                    )}
                    {dispatch.trackingNumber && (
                      <>
                        <dt>{t('myApplications.detail.tracking')}</dt>
                        <dd>
                          {dispatch.courier} <span className="mono" data-testid="tracking-number">{dispatch.trackingNumber}</span>
                        </dd>
                      </>
                    )}
                  </>
                )}
              </dl>
              <div className="actions" style={{ marginTop: 12 }}>
                <a className="button secondary small" href={`/api/certificates/${certificate.id}/pdf`} download>{t('myApplications.detail.downloadPdf')}</a>
              </div>
              {dispatch && (
                <>
                  <h3>{dispatch.method === 'counter' ? t('myApplications.detail.collectionProgress') : t('myApplications.detail.mailingProgress')}</h3>
                  <DeliveryTimeline events={deliveryEvents} />
                </>
              )}
            </>
          ) : application.status === 'rejected' || application.status === 'withdrawn' ? (
            <p className="hint">{t('myApplications.detail.noCertificate')}</p>
          ) : (
            <p className="hint">{t('myApplications.detail.certificateLater')}</p>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="documents-heading">
        <h2 id="documents-heading">{t('myApplications.detail.documentsHeading')}</h2>
        {documents.length === 0 ? (
          <p className="hint">{t('myApplications.detail.noDocuments')}</p>
        ) : (
          <ul className="doc-list">
            {documents.map((doc) => {
              const kind = documentLabels.get(doc.kind);
              return (
                <li key={doc.id}>
                  {kind && <>{label({ zh: kind.labelZh, en: kind.labelEn })}: </>}
                  <a href={`/api/documents/${doc.id}`} target="_blank" rel="noopener">{doc.fileName}</a>{' '}
                  <span className="hint" style={{ display: 'inline' }}>
                    {FILE_TYPES[doc.mimeType] ?? doc.mimeType} · {formatBytes(doc.sizeBytes)} · {t('myApplications.detail.opensInNewTab')}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </main>
  );
}

type Translate = Awaited<ReturnType<typeof getTranslator>>['t'];

/** One plain sentence at the top: where the application is and what, if anything, the citizen must do. */
type PickupMessage = { office: string; hours: string; bring: string; collectedAt: string | undefined };

function StatusMessage({
  t,
  status,
  deadlineDate,
  reason,
  dispatchStatus,
  isCounter,
  pickup,
}: {
  t: Translate;
  status: string;
  deadlineDate: string | null;
  reason: string | null | undefined;
  dispatchStatus: string | undefined;
  isCounter: boolean;
  pickup: PickupMessage | undefined;
}) {
  switch (status) {
    case 'needs_more_material':
      return (
        <div className="alert warn" role="note">
          <h2>{t('myApplications.detail.status_needsMaterial')}</h2>
          {reason && (
            <p>
              <strong>{t('myApplications.detail.clerkAsks')}</strong> {reason}
            </p>
          )}
          <p>{t('myApplications.detail.needsMaterialNext')}</p>
        </div>
      );
    case 'submitted':
    case 'in_review':
    case 'awaiting_countersign':
      return (
        <div className="alert info">
          {deadlineDate && deadlineDate < toBeijingDate(new Date())
            ? t('myApplications.detail.inProgressOverdue', { date: deadlineDate })
            : t('myApplications.detail.inProgressDue', { date: deadlineDate ?? '—' })}{' '}
          {t('myApplications.detail.weWillText')}
        </div>
      );
    case 'approved':
      if (pickup && dispatchStatus === 'held_for_pickup') {
        return (
          <div className="alert success" data-testid="ready-for-collection">
            <p>{t('myApplications.detail.readyForCollection', { office: pickup.office })}</p>
            <p>{t('myApplications.detail.collectHours', { hours: pickup.hours })}</p>
            <p>{t('myApplications.detail.collectBring', { bring: pickup.bring })}</p>
          </div>
        );
      }
      if (pickup && dispatchStatus === 'collected') {
        return <div className="alert success" data-testid="collected-on">{t('myApplications.detail.collectedOn', { time: pickup.collectedAt ?? '—' })}</div>;
      }
      if (isCounter && dispatchStatus === 'cancelled') return <div className="alert neutral">{t('myApplications.detail.counterWithdrawn')}</div>;
      return (
        <div className="alert success">
          {dispatchStatus === 'delivered'
            ? t('myApplications.detail.approvedDelivered')
            : dispatchStatus === 'returned' || dispatchStatus === 'held_for_pickup'
              ? t('myApplications.detail.approvedUndelivered')
              : t('myApplications.detail.approvedMailed')}
        </div>
      );
    case 'rejected':
      return (
        <div className="alert error">
          <h2>{t('myApplications.detail.notApproved')}</h2>
          {reason && (
            <p>
              <strong>{t('myApplications.detail.reason')}:</strong> {reason}
            </p>
          )}
          <p>{t('myApplications.detail.notApprovedNext')}</p>
        </div>
      );
    case 'withdrawn':
      return <div className="alert neutral">{t('myApplications.detail.withdrawn')}</div>;
    default:
      return null;
  }
}
