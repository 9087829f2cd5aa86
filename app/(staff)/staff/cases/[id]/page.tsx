import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { getDb } from '@/db/client';
import { findNextCase, getCaseReview } from '@/lib/applications/case-review';
import { recordCaseView } from '@/lib/applications/record-case-view';
import { approverOf, canEscalateCase, isClaimLive, isOpenStatus, transitionsForCase } from '@/lib/applications/state-machine';
import type { HouseholdTransferForm } from '@/lib/applications/household-transfer-form';
import { describeFormValues } from '@/lib/services/form-display';
import { canManageCertificates, STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/session';
import { toBeijingDate, workingDaysBetween } from '@/lib/calendar/working-days';
import { findService } from '@/lib/services/catalog';
import { deliveryMethodOf } from '@/lib/delivery/create-dispatch';
import { ApplicationTimeline } from '@/components/application-timeline';
import { StatusBadge } from '@/components/status-badge';
import { formatBytes } from '@/components/format';
import { getTranslator } from '@/lib/i18n/server';
import type { Translator } from '@/lib/i18n/translate';
import { CaseNotes } from './case-notes';
import { CaseShortcuts } from './case-shortcuts';
import { listCertificateCopies, REISSUE_REASONS, REVOKE_REASONS } from '@/lib/certificates/revoke-and-reissue';
import { CertificateCopies } from './certificate-copies';
import { DecisionPanel } from './decision-panel';
import { DocumentViewer } from './document-viewer';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('staff.case.title') };
}

const RESIDENT_STATUSES = ['active', 'deceased', 'cancelled'] as const;

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireStaffPage(STAFF_ROLES_THAT.workTheQueue);
  const { id } = await params;
  const db = await getDb();
  const translator = await getTranslator();
  const { t, label, locale, date, dateTime } = translator;
  const [review, copies] = await Promise.all([getCaseReview(db, actor, id), listCertificateCopies(db, actor, id)]);
  if (!review) notFound();
  await recordCaseView(db, actor, review.application.id);
  const { application, service, documents, events, claimedBy, certificate, registry, checks, notes } = review;
  const nextCaseId = await findNextCase(db, actor, application.id);
  const now = new Date();
  const form = application.formData as HouseholdTransferForm & { fromAddress: string };
  const isMine = application.claimedByStaffId === actor.staffId;
  const transitions = transitionsForCase({ ...application, approvedByStaffId: approverOf(events) }, actor, now);
  const isClaimHeld = isClaimLive(application, now);
  const documentLabels = new Map((findService(application.serviceId)?.documents ?? []).map((d) => [d.kind, d]));
  const daysLeft = application.deadlineDate && isOpenStatus(application.status) ? workingDaysBetween(toBeijingDate(new Date()), application.deadlineDate) : null;
  const fromMatchesRegistry = form.fromAddress === registry.resident.address;
  const documentSpecs = findService(application.serviceId)?.documents ?? [];
  const definition = findService(application.serviceId);
  const formRows = definition ? describeFormValues(definition, application.formData) : [];

  return (
    <main className="wide">
      <p className="breadcrumb">
        <Link href="/staff/queue">{t('staff.case.backToQueue')}</Link>
        {nextCaseId && (
          <>
            {' · '}
            <Link href={`/staff/cases/${nextCaseId}`} data-testid="next-case">
              {t('staff.case.nextCase')}
            </Link>
          </>
        )}
      </p>
      <CaseShortcuts nextCaseHref={nextCaseId ? `/staff/cases/${nextCaseId}` : null} />
      <div className="page-head" style={{ justifyContent: 'flex-start', alignItems: 'center' }}>
        <h1>
          <span className="mono">{application.referenceNumber}</span> · {locale === 'en' ? service?.nameEn : service?.nameZh}
        </h1>
        <StatusBadge status={application.status} />
      </div>

      <dl className="summary-strip" aria-label={t('staff.case.summary')}>
        <div>
          <dt>{t('staff.case.applicant')}</dt>
          <dd>{registry.resident.name}</dd>
        </div>
        <div>
          <dt>{t('staff.case.submitted')}</dt>
          <dd>{dateTime(application.submittedAt)}</dd>
        </div>
        <div>
          <dt>{t('staff.case.dueBy')}</dt>
          <dd>
            {date(application.deadlineDate)}
            {daysLeft !== null && (
              <span className={daysLeft < 0 ? 'overdue' : daysLeft <= 1 ? 'due-soon' : 'muted'}>
                {' '}
                {daysLeft < 0 ? t('staff.case.overdue', { days: -daysLeft }) : daysLeft === 0 ? t('staff.case.dueToday') : t('staff.case.daysLeft', { days: daysLeft })}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('staff.case.assignee')}</dt>
          <dd>
            {claimedBy ? `${claimedBy.displayName}${t('common.parenthetical', { text: claimedBy.staffNumber })}` : t('staff.case.unclaimed')}
            {isMine && <span className="muted"> · {t('staff.case.you')}</span>}
            {claimedBy && application.claimExpiresAt && isOpenStatus(application.status) && (
              <span className={isClaimHeld ? 'muted' : 'due-soon'}>
                {' '}
                {isClaimHeld ? t('staff.case.heldUntil', { time: dateTime(application.claimExpiresAt) }) : t('staff.case.claimExpired')}
              </span>
            )}
            {application.escalatedAt && <span className="overdue"> · {t('staff.case.escalated')}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('staff.case.approval')}</dt>
          <dd>{service?.approvalChain === 'clerk_and_supervisor' ? t('staff.case.clerkAndSupervisor') : t('staff.case.clerkOnly')}</dd>
        </div>
      </dl>

      <div className="case-layout">
        <div>
          <div className="grid-2">
            <section className="card" aria-labelledby="form-heading">
              <h2 id="form-heading">{t('staff.case.application')}</h2>
              <dl className="facts" data-testid="form-data">
                <dt>{t('staff.case.from')}</dt>
                <dd>
                  {form.fromAddress}{' '}
                  {fromMatchesRegistry ? <span className="match">✓ {t('staff.case.matchesRegistry')}</span> : <span className="mismatch">⚠ {t('staff.case.differsFromRegistry')}</span>}
                </dd>
                {/* The service's own fields, rendered from its definitions in the catalogue. */}
                {formRows.map((row) => (
                  <div key={row.name} style={{ display: 'contents' }}>
                    <dt>{label(row.label)}</dt>
                    <dd>{label(row.value)}</dd>
                  </div>
                ))}
                <dt>{t('staff.case.mailTo')}</dt>
                <dd>{application.deliveryAddress}</dd>
                <dt>{t('staff.case.phone')}</dt>
                <dd className="mono">{application.contactPhone}</dd>
              </dl>
            </section>
            <section className="card" aria-labelledby="registry-heading">
              <h2 id="registry-heading">{t('staff.case.registry')}</h2>
              <dl className="facts" data-testid="registry-record">
                <dt>{t('staff.case.name')}</dt>
                <dd>{registry.resident.name}</dd>
                <dt>{t('staff.case.idNumber')}</dt>
                <dd className="mono">{registry.resident.idNumber}</dd>
                <dt>{t('staff.case.sex')}</dt>
                <dd>{registry.resident.sex === 'male' ? t('staff.case.male') : t('staff.case.female')}</dd>
                <dt>{t('staff.case.born')}</dt>
                <dd>{date(registry.resident.birthDate)}</dd>
                <dt>{t('staff.case.address')}</dt>
                <dd>{registry.resident.address}</dd>
                <dt>{t('staff.case.household')}</dt>
                <dd className="mono">{registry.household.householdNumber}</dd>
                <dt>{t('staff.case.status')}</dt>
                <dd className={registry.resident.status === 'active' ? undefined : 'mismatch'}>{(RESIDENT_STATUSES as readonly string[]).includes(registry.resident.status) ? t(`staff.case.residentStatus.${registry.resident.status as (typeof RESIDENT_STATUSES)[number]}`) : registry.resident.status}</dd>
              </dl>
              <h3>{t('staff.case.members', { count: registry.members.length })}</h3>
              <ul>
                {registry.members.map((m) => (
                  <li key={m.idNumber}>
                    {m.name} · <span className="mono">{m.idNumber}</span>
                  </li>
                ))}
              </ul>
            </section>
          </div>

          <section className="card" aria-labelledby="checks-heading">
            <h2 id="checks-heading">{t('staff.case.checks')}</h2>
            <ul className="checks" data-testid="cross-checks">
              {checks.map((check) => (
                <li key={check.key} className={check.isOk ? 'match' : 'mismatch'} data-check={check.key} data-ok={check.isOk}>
                  {check.isOk ? '✓' : '⚠'} {label({ zh: check.labelZh, en: check.labelEn })} <span className="hint">{translator.pick(check.detail)}</span>
                </li>
              ))}
            </ul>
          </section>

          <section className="card" aria-labelledby="docs-heading">
            <h2 id="docs-heading">{t('staff.case.documents', { count: documents.length })}</h2>
            {documents.length === 0 && <p className="hint">{t('staff.case.noDocuments')}</p>}
            {documents.map((doc) => {
              const spec = documentLabels.get(doc.kind);
              return (
                <figure key={doc.id} className="doc-figure">
                  <figcaption>
                    <strong>{spec ? label({ zh: spec.labelZh, en: spec.labelEn }) : doc.kind}</strong> ·{' '}
                    <a href={`/api/documents/${doc.id}`} target="_blank" rel="noopener">{doc.fileName}</a>{' '}
                    <span className="hint" style={{ display: 'inline' }}>
                      {t('staff.case.uploaded', { size: formatBytes(doc.sizeBytes), time: dateTime(doc.uploadedAt) })}
                    </span>
                  </figcaption>
                  <DocumentViewer src={`/api/documents/${doc.id}`} mimeType={doc.mimeType} title={doc.fileName} />
                </figure>
              );
            })}
          </section>

          <CaseNotes applicationId={application.id} notes={notes} />

          <section className="card" aria-labelledby="history-heading">
            <h2 id="history-heading">{t('staff.case.history')}</h2>
            <ApplicationTimeline events={events} />
          </section>
        </div>

        <aside className="case-side" aria-label={t('staff.case.decisionAside')}>
          <DecisionPanel
            applicationId={application.id}
            version={application.version}
            transitions={transitions}
            needsCountersign={service?.approvalChain === 'clerk_and_supervisor'}
            deliveryMethod={deliveryMethodOf(application)}
            documents={[
              ...documentSpecs.map((d) => ({ kind: d.kind, labelZh: d.labelZh, labelEn: d.labelEn })),
              // Fields the citizen must correct go on the same checklist (lib/applications/material-request.ts).
              ...(definition?.fields ?? []).map((f) => ({ kind: `field.${f.name}`, labelZh: f.labelZh, labelEn: f.labelEn })),
            ]}
            canEscalate={canEscalateCase(application, actor)}
          />
          {transitions.length === 0 && (
            <section className="card" aria-labelledby="case-state-heading">
              <h2 id="case-state-heading">{t('staff.case.whereTheCaseIs')}</h2>
              <CaseState
                status={application.status}
                certificateSerial={certificate?.serialNumber}
                isCounter={deliveryMethodOf(application) === 'counter'}
                reason={application.decisionReason}
                holder={claimedBy ? `${claimedBy.displayName}${t('common.parenthetical', { text: claimedBy.staffNumber })}` : null}
                t={t}
              />
            </section>
          )}
          {copies.length > 0 && (
            <CertificateCopies applicationId={application.id} copies={copies} canManage={canManageCertificates(actor)} revokeReasons={REVOKE_REASONS} reissueReasons={REISSUE_REASONS} />
          )}
        </aside>
      </div>
    </main>
  );
}

/** Why there is nothing to do here, in one or two sentences. */
function CaseState({ status, certificateSerial, isCounter, reason, holder, t }: { status: string; certificateSerial?: string; isCounter: boolean; reason: string | null; holder: string | null; t: Translator['t'] }) {
  const lines: Record<string, ReactNode> = {
    approved: (
      <p>
        {certificateSerial ? (
          <>
            {t('staff.case.state.approvedWithSerial')} <strong className="mono">{certificateSerial}</strong>
          </>
        ) : (
          t(isCounter ? 'staff.case.state.approvedForCounter' : 'staff.case.state.approved')
        )}
      </p>
    ),
    awaiting_countersign: <p>{t('staff.case.state.awaitingCountersign')}</p>,
    needs_more_material: <p>{t('staff.case.state.needsMoreMaterial')}</p>,
    rejected: (
      <p>
        {t('staff.case.state.rejected')}
        {reason && <> {t('staff.case.state.reason', { reason })}</>}
      </p>
    ),
    withdrawn: <p>{t('staff.case.state.withdrawn')}</p>,
    in_review: <p>{t('staff.case.state.inReview', { holder: holder ?? t('staff.case.state.anotherClerk') })}</p>,
  };
  return lines[status] ?? <p className="hint">{t('staff.case.state.nothing')}</p>;
}
