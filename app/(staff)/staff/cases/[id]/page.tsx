import type { Metadata } from 'next';
import { Link } from '@/components/link';
import { notFound } from 'next/navigation';
import { loadPageData } from '@/lib/page-data';
import { getCaseView } from '@/lib/applications/case-view';
import { rejectionLabels } from '@/lib/applications/rejection-labels';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/session';
import { REISSUE_REASONS, REVOKE_REASONS } from '@/lib/certificates/revoke-and-reissue';
import { getTranslator } from '@/lib/i18n/server';
import { ApplicationTimeline } from '@/components/application-timeline';
import { StatusBadge } from '@/components/status-badge';
import { CaseDocuments } from './case-documents';
import { CaseFacts } from './case-facts';
import { CaseNotes } from './case-notes';
import { CaseShortcuts } from './case-shortcuts';
import { CaseState } from './case-state';
import { CaseSummary } from './case-summary';
import { CertificateCopies } from './certificate-copies';
import { DecisionPanel } from './decision-panel';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('staff.case.title') };
}

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireStaffPage(STAFF_ROLES_THAT.workTheQueue);
  const { id } = await params;
  const view = await loadPageData(async (db) => getCaseView(db, actor, id));
  if (!view) notFound();
  const { t, locale, pick } = await getTranslator();
  const { application, service, definition, events, notes, copies, transitions, nextCaseId } = view;
  const nextCaseHref = nextCaseId ? `/staff/cases/${nextCaseId}` : null;

  return (
    <main className="wide">
      <p className="breadcrumb">
        <Link href="/staff/queue">{t('staff.case.backToQueue')}</Link>
        {nextCaseHref && (
          <>
            {' · '}
            <Link href={nextCaseHref} data-testid="next-case">
              {t('staff.case.nextCase')}
            </Link>
          </>
        )}
      </p>
      <CaseShortcuts nextCaseHref={nextCaseHref} />
      <div className="page-head" style={{ justifyContent: 'flex-start', alignItems: 'center' }}>
        <h1>
          <span className="mono">{application.referenceNumber}</span> · {locale === 'en' ? service?.nameEn : service?.nameZh}
        </h1>
        <StatusBadge status={application.status} />
      </div>
      <CaseSummary view={view} />

      <div className="case-layout">
        <div>
          <CaseFacts view={view} />
          <CaseDocuments view={view} />
          <CaseNotes applicationId={application.id} notes={notes} />
          <section className="card" aria-labelledby="history-heading">
            <h2 id="history-heading">{t('staff.case.history')}</h2>
            {/* Who handled a step is a message reference: translated here, the timeline is a client component. */}
            <ApplicationTimeline events={events.map((e) => ({ ...e, actorLabel: e.actorLabel && pick(e.actorLabel) }))} />
          </section>
        </div>

        <aside className="case-side" aria-label={t('staff.case.decisionAside')}>
          <DecisionPanel
            applicationId={application.id}
            version={application.version}
            transitions={transitions}
            needsCountersign={service?.approvalChain === 'clerk_and_supervisor'}
            deliveryMethod={view.deliveryMethod}
            documents={[
              ...(definition?.documents ?? []).map((d) => ({ kind: d.kind, labelZh: d.labelZh, labelEn: d.labelEn })),
              // Fields the citizen must correct go on the same checklist (lib/applications/material-request.ts).
              ...(definition?.fields ?? []).map((f) => ({ kind: `field.${f.name}`, labelZh: f.labelZh, labelEn: f.labelEn })),
            ]}
            canEscalate={view.canEscalate}
            rejectionLabels={rejectionLabels()}
          />
          {transitions.length === 0 && <CaseState view={view} />}
          {copies.length > 0 && (
            <CertificateCopies applicationId={application.id} copies={copies} canManage={view.canManageCertificates} revokeReasons={REVOKE_REASONS} reissueReasons={REISSUE_REASONS} />
          )}
        </aside>
      </div>
    </main>
  );
}
