import Link from 'next/link';
import type { ApplicationStatus } from '@/db/schema';
import { getDb } from '@/db/client';
import { listApplicationsForCitizen } from '@/lib/applications/queries';
import { listDrafts } from '@/lib/applications/drafts';
import { getTranslator } from '@/lib/i18n/server';
import { FINAL_STATUSES } from '@/lib/applications/state-machine';
import { requireCitizenPage } from '@/lib/auth/session';
import { StatusBadge } from '@/components/status-badge';
import { formatDateTime } from '@/components/format';

export const metadata = { title: '我的办件 / My applications' };

type Row = Awaited<ReturnType<typeof listApplicationsForCitizen>>[number];

// What the citizen should read next to each status in the list.
const NEXT_STEP: Partial<Record<ApplicationStatus, string>> = {
  needs_more_material: '请查看需要补正的材料 / See what material is needed',
  submitted: '等待民警受理 / Waiting for a clerk',
  in_review: '民警正在审核 / A clerk is reviewing it',
  awaiting_countersign: '等待负责人复核 / Waiting for the supervisor’s countersign',
};

export default async function MyApplicationsPage() {
  const actor = await requireCitizenPage();
  const db = await getDb();
  const [rows, drafts, { t, label, dateTime }] = await Promise.all([listApplicationsForCitizen(db, actor), listDrafts(db, actor), getTranslator()]);
  const needsAction = rows.filter((r) => r.status === 'needs_more_material');
  const inProgress = rows.filter((r) => r.status !== 'needs_more_material' && !FINAL_STATUSES.includes(r.status));
  const finished = rows.filter((r) => FINAL_STATUSES.includes(r.status));

  return (
    <main>
      <div className="page-head">
        <h1>
          我的办件 <span className="en">My applications</span>
        </h1>
        <div className="actions">
          <Link className="button" href="/me/apply/household-transfer">
            申请户口迁移（落户）/ Apply for a household transfer
          </Link>
          <Link className="button secondary" href="/me/apply">
            全部事项 / All services
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

      {rows.length === 0 ? (
        <section className="card">
          <h2>您还没有办件 <span className="en">You have no applications yet</span></h2>
          <p>
            在“在线办理”中选择事项并提交申请，办理进度和证件邮寄情况都会显示在这里。
            <span className="en"> Choose a service under “Apply”; the progress of each application and the mailing of its certificate appear here.</span>
          </p>
        </section>
      ) : (
        <>
          {needsAction.length > 0 && (
            <ApplicationGroup id="needs-action" title="需要您处理" titleEn="Needs your action" rows={needsAction} attention />
          )}
          {inProgress.length > 0 && <ApplicationGroup id="in-progress" title="办理中" titleEn="In progress" rows={inProgress} />}
          {finished.length > 0 && <ApplicationGroup id="finished" title="已办结" titleEn="Finished" rows={finished} />}
        </>
      )}
    </main>
  );
}

function ApplicationGroup({ id, title, titleEn, rows, attention }: { id: string; title: string; titleEn: string; rows: Row[]; attention?: boolean }) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {title} <span className="en">{titleEn}</span> <span className="section-count">（{rows.length}）</span>
      </h2>
      <ul className="app-list">
        {rows.map((row) => (
          <li key={row.id} className={`app-item${attention ? ' attention' : ''}`}>
            <span className="top">
              <Link className="title" href={`/me/applications/${row.id}`}>
                {row.serviceNameZh} <span className="en">{row.serviceNameEn}</span>
                <span className="visually-hidden"> · {row.referenceNumber}</span>
              </Link>
              <StatusBadge status={row.status} />
            </span>
            <span className="meta">
              <span>申请编号 Ref. <span className="mono">{row.referenceNumber}</span></span>
              <span>提交 Submitted {formatDateTime(row.submittedAt)}</span>
              {!FINAL_STATUSES.includes(row.status) && row.deadlineDate && <span>承诺办结 Due {row.deadlineDate}</span>}
            </span>
            {NEXT_STEP[row.status] && <p className="note">{NEXT_STEP[row.status]}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
