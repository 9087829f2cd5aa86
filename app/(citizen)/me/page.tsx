import { Link } from '@/components/link';
import type { ReactNode } from 'react';
import { loadPageData } from '@/lib/page-data';
import { listApplicationsForCitizen, myApplicationsParamsSchema } from '@/lib/applications/queries';
import { FINAL_STATUSES } from '@/lib/applications/state-machine';
import { requireCitizenPage } from '@/lib/auth/session';
import { getTranslator } from '@/lib/i18n/server';
import type { Translator } from '@/lib/i18n/translate';
import { StatusBadge } from '@/components/status-badge';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('myApplications.title') };
}

type Row = Awaited<ReturnType<typeof listApplicationsForCitizen>>['open'][number];
const NEXT_STEPS = ['needs_more_material', 'submitted', 'in_review', 'awaiting_countersign'] as const;

export default async function MyApplicationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCitizenPage();
  const { finished: finishedWanted } = myApplicationsParamsSchema.parse(await searchParams);
  const [{ open, finished, finishedTotal, drafts }, tr] = await Promise.all([
    loadPageData((db) => listApplicationsForCitizen(db, actor, { allFinished: finishedWanted === 'all' })),
    getTranslator(),
  ]);
  const { t, label, dateTime } = tr;
  const needsAction = open.filter((r) => r.status === 'needs_more_material');
  const inProgress = open.filter((r) => r.status !== 'needs_more_material');
  const moreFinished =
    finishedTotal > finished.length ? (
      <p className="note">
        {t('myApplications.finishedLatest', { shown: finished.length })}{' '}
        <Link href="/me?finished=all#finished-heading" data-testid="all-finished">
          {t('myApplications.showAllFinished', { count: finishedTotal })}
        </Link>
      </p>
    ) : null;

  return (
    <main>
      <div className="page-head">
        <h1>{t('myApplications.title')}</h1>
        <div className="actions">
          <Link className="button" href="/me/apply/household-transfer">
            {t('myApplications.applyTransfer')}
          </Link>
          <Link className="button secondary" href="/me/apply">
            {t('myApplications.allServices')}
          </Link>
        </div>
      </div>

      {drafts.length > 0 && (
        <section aria-labelledby="drafts-heading" data-testid="my-drafts">
          <h2 id="drafts-heading">{t('services.myDrafts')}</h2>
          <ul className="app-list">
            {drafts.map((d) => (
              <li key={d.serviceId} className="app-item">
                <Link className="title" href={`/me/apply/${d.serviceId}`}>
                  {t('services.continueDraft', { name: label({ zh: d.nameZh, en: d.nameEn }) })}
                </Link>
                <span className="meta">{t('services.draftUpdated', { time: dateTime(d.updatedAt) })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {open.length + finishedTotal === 0 ? (
        <section className="card">
          <h2>{t('myApplications.emptyTitle')}</h2>
          <p>{t('myApplications.emptyBody')}</p>
        </section>
      ) : (
        <>
          {needsAction.length > 0 && <ApplicationGroup id="needs-action" title={t('myApplications.needsAction')} rows={needsAction} tr={tr} attention />}
          {inProgress.length > 0 && <ApplicationGroup id="in-progress" title={t('myApplications.inProgress')} rows={inProgress} tr={tr} />}
          {finished.length > 0 && <ApplicationGroup id="finished" title={t('myApplications.finished')} rows={finished} count={finishedTotal} tr={tr} footer={moreFinished} />}
        </>
      )}
    </main>
  );
}

function ApplicationGroup({ id, title, rows, count, footer, tr, attention }: { id: string; title: string; rows: Row[]; count?: number; footer?: ReactNode; tr: Translator; attention?: boolean }) {
  const { t, label, date, dateTime } = tr;
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {title} <span className="section-count">{t('common.parenthetical', { text: count ?? rows.length })}</span>
      </h2>
      <ul className="app-list">
        {rows.map((row) => {
          const nextStep = NEXT_STEPS.find((s) => s === row.status);
          return (
            <li key={row.id} className={`app-item${attention ? ' attention' : ''}${row.workingDaysLate !== null ? ' late' : ''}`}>
              <span className="top">
                <Link className="title" href={`/me/applications/${row.id}`}>
                  {label({ zh: row.serviceNameZh, en: row.serviceNameEn })}
                  <span className="visually-hidden"> · {row.referenceNumber}</span>
                </Link>
                <StatusBadge status={row.status} />
              </span>
              <span className="meta">
                <span>
                  {t('myApplications.reference')} <span className="mono">{row.referenceNumber}</span>
                </span>
                <span>{t('myApplications.submitted', { time: dateTime(row.submittedAt) })}</span>
                {row.assistedByName && <span data-testid="assisted-by">{t('myApplications.detail.assistedByValue', { name: row.assistedByName })}</span>}
                {!FINAL_STATUSES.includes(row.status) && row.deadlineDate && <span>{t('myApplications.due', { date: date(row.deadlineDate) })}</span>}
                {row.workingDaysLate !== null && (
                  <span className="badge late" data-testid="late">
                    {t('myApplications.late', { days: row.workingDaysLate })}
                  </span>
                )}
              </span>
              {nextStep && <p className="note">{t(`myApplications.next.${nextStep}`)}</p>}
            </li>
          );
        })}
      </ul>
      {footer}
    </section>
  );
}
