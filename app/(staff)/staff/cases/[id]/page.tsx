import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { getDb } from '@/db/client';
import { findNextCase, getCaseReview } from '@/lib/applications/case-review';
import { recordCaseView } from '@/lib/applications/record-case-view';
import { isClaimLive, isOpenStatus, transitionsForCase } from '@/lib/applications/state-machine';
import type { HouseholdTransferForm } from '@/lib/applications/household-transfer-form';
import { describeFormValues } from '@/lib/services/form-display';
import { requireStaffPage } from '@/lib/auth/session';
import { toBeijingDate, workingDaysBetween } from '@/lib/calendar/working-days';
import { findService } from '@/lib/services/catalog';
import { ApplicationTimeline } from '@/components/application-timeline';
import { StatusBadge } from '@/components/status-badge';
import { formatBytes, formatDateTime } from '@/components/format';
import { CaseNotes } from './case-notes';
import { CaseShortcuts } from './case-shortcuts';
import { listCertificateCopies, REISSUE_REASONS, REVOKE_REASONS } from '@/lib/certificates/revoke-and-reissue';
import { CertificateCopies } from './certificate-copies';
import { DecisionPanel } from './decision-panel';
import { DocumentViewer } from './document-viewer';

export const metadata = { title: '案件审核 / Case review' };

const RESIDENT_STATUS_LABELS: Record<string, string> = { active: '正常 Active', deceased: '死亡注销 Deceased', cancelled: '已注销 Cancelled' };

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireStaffPage(['clerk', 'supervisor']);
  const { id } = await params;
  const db = await getDb();
  const [review, copies] = await Promise.all([getCaseReview(db, actor, id), listCertificateCopies(db, actor, id)]);
  if (!review) notFound();
  await recordCaseView(db, actor, review.application.id);
  const { application, service, documents, events, claimedBy, certificate, registry, checks, notes } = review;
  const nextCaseId = await findNextCase(db, actor, application.id);
  const now = new Date();
  const form = application.formData as HouseholdTransferForm & { fromAddress: string };
  const isMine = application.claimedByStaffId === actor.staffId;
  const transitions = transitionsForCase(application, actor, now);
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
        <Link href="/staff/queue">← 审批队列 / Approval queue</Link>
        {nextCaseId && (
          <>
            {' · '}
            <Link href={`/staff/cases/${nextCaseId}`} data-testid="next-case">
              下一件 / Next case →
            </Link>
          </>
        )}
      </p>
      <CaseShortcuts nextCaseHref={nextCaseId ? `/staff/cases/${nextCaseId}` : null} />
      <div className="page-head" style={{ justifyContent: 'flex-start', alignItems: 'center' }}>
        <h1>
          <span className="mono">{application.referenceNumber}</span> · {service?.nameZh} <span className="en">{service?.nameEn}</span>
        </h1>
        <StatusBadge status={application.status} />
      </div>

      <dl className="summary-strip" aria-label="案件概况 / Case summary">
        <div>
          <dt>申请人 Applicant</dt>
          <dd>{registry.resident.name}</dd>
        </div>
        <div>
          <dt>提交 Submitted</dt>
          <dd>{formatDateTime(application.submittedAt)}</dd>
        </div>
        <div>
          <dt>承诺办结 Due by</dt>
          <dd>
            {application.deadlineDate ?? '—'}
            {daysLeft !== null && (
              <span className={daysLeft < 0 ? 'overdue' : daysLeft <= 1 ? 'due-soon' : 'muted'}>
                {' '}
                {daysLeft < 0 ? `（超期 ${-daysLeft} 个工作日 / overdue）` : daysLeft === 0 ? '（今天到期 / due today）' : `（剩 ${daysLeft} 个工作日 / left）`}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>经办 Assignee</dt>
          <dd>
            {claimedBy ? `${claimedBy.displayName}（${claimedBy.staffNumber}）` : '未受理 Unclaimed'}
            {isMine && <span className="muted"> · 本人 You</span>}
            {claimedBy && application.claimExpiresAt && isOpenStatus(application.status) && (
              <span className={isClaimHeld ? 'muted' : 'due-soon'}>
                {' '}
                {isClaimHeld ? `（受理至 ${formatDateTime(application.claimExpiresAt)} / held until then）` : '（受理已过期，可由他人接办 / claim expired）'}
              </span>
            )}
            {application.escalatedAt && <span className="overdue"> · 已升级 Escalated</span>}
          </dd>
        </div>
        <div>
          <dt>审批流程 Approval</dt>
          <dd>{service?.approvalChain === 'clerk_and_supervisor' ? '民警批准 + 负责人复核 / Clerk + countersign' : '民警审批 / Clerk'}</dd>
        </div>
      </dl>

      <div className="case-layout">
        <div>
          <div className="grid-2">
            <section className="card" aria-labelledby="form-heading">
              <h2 id="form-heading">申请内容 <span className="en">Application</span></h2>
              <dl className="facts" data-testid="form-data">
                <dt>迁出地址 From</dt>
                <dd>
                  {form.fromAddress}{' '}
                  {fromMatchesRegistry ? <span className="match">✓ 与户籍地址一致 matches registry</span> : <span className="mismatch">⚠ 与户籍地址不一致 differs from registry</span>}
                </dd>
                {/* The service's own fields, rendered from its definitions in the catalogue. */}
                {formRows.map((row) => (
                  <div key={row.name} style={{ display: 'contents' }}>
                    <dt>
                      {row.label.zh} <span className="en">{row.label.en}</span>
                    </dt>
                    <dd>
                      {row.value.zh}
                      {row.value.en !== row.value.zh && <span className="en"> {row.value.en}</span>}
                    </dd>
                  </div>
                ))}
                <dt>邮寄地址 Mail to</dt>
                <dd>{application.deliveryAddress}</dd>
                <dt>联系电话 Phone</dt>
                <dd className="mono">{application.contactPhone}</dd>
              </dl>
            </section>
            <section className="card" aria-labelledby="registry-heading">
              <h2 id="registry-heading">人口信息库 <span className="en">Population registry</span></h2>
              <dl className="facts" data-testid="registry-record">
                <dt>姓名 Name</dt>
                <dd>{registry.resident.name}</dd>
                <dt>公民身份号码 ID No.</dt>
                <dd className="mono">{registry.resident.idNumber}</dd>
                <dt>性别 Sex</dt>
                <dd>{registry.resident.sex === 'male' ? '男 Male' : '女 Female'}</dd>
                <dt>出生日期 Born</dt>
                <dd>{registry.resident.birthDate}</dd>
                <dt>户籍地址 Address</dt>
                <dd>{registry.resident.address}</dd>
                <dt>户号 Household</dt>
                <dd className="mono">{registry.household.householdNumber}</dd>
                <dt>状态 Status</dt>
                <dd className={registry.resident.status === 'active' ? undefined : 'mismatch'}>{RESIDENT_STATUS_LABELS[registry.resident.status] ?? registry.resident.status}</dd>
              </dl>
              <h3>同户成员 <span className="en">Household members ({registry.members.length})</span></h3>
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
            <h2 id="checks-heading">自动核验 <span className="en">Automatic cross-checks</span></h2>
            <ul className="checks" data-testid="cross-checks">
              {checks.map((check) => (
                <li key={check.key} className={check.isOk ? 'match' : 'mismatch'} data-check={check.key} data-ok={check.isOk}>
                  {check.isOk ? '✓' : '⚠'} {check.labelZh} <span className="en">{check.labelEn}</span> <span className="hint">{check.detail}</span>
                </li>
              ))}
            </ul>
          </section>

          <section className="card" aria-labelledby="docs-heading">
            <h2 id="docs-heading">申请材料 <span className="en">Documents ({documents.length})</span></h2>
            {documents.length === 0 && <p className="hint">未上传材料 / No documents.</p>}
            {documents.map((doc) => {
              const label = documentLabels.get(doc.kind);
              return (
                <figure key={doc.id} className="doc-figure">
                  <figcaption>
                    <strong>{label ? label.labelZh : doc.kind}</strong> {label && <span className="en">{label.labelEn}</span>} ·{' '}
                    <a href={`/api/documents/${doc.id}`} target="_blank" rel="noopener">{doc.fileName}</a>{' '}
                    <span className="hint" style={{ display: 'inline' }}>
                      {formatBytes(doc.sizeBytes)} · 上传于 {formatDateTime(doc.uploadedAt)} · 新窗口打开 / opens in a new tab
                    </span>
                  </figcaption>
                  <DocumentViewer src={`/api/documents/${doc.id}`} mimeType={doc.mimeType} title={doc.fileName} />
                </figure>
              );
            })}
          </section>

          <CaseNotes applicationId={application.id} notes={notes} />

          <section className="card" aria-labelledby="history-heading">
            <h2 id="history-heading">办理记录 <span className="en">History</span></h2>
            <ApplicationTimeline events={events} />
          </section>
        </div>

        <aside className="case-side" aria-label="办理 / Decision">
          <DecisionPanel
            applicationId={application.id}
            version={application.version}
            transitions={transitions}
            needsCountersign={service?.approvalChain === 'clerk_and_supervisor'}
            documents={[
              ...documentSpecs.map((d) => ({ kind: d.kind, labelZh: d.labelZh, labelEn: d.labelEn })),
              // Fields the citizen must correct go on the same checklist (lib/applications/material-request.ts).
              ...(definition?.fields ?? []).map((f) => ({ kind: `field.${f.name}`, labelZh: f.labelZh, labelEn: f.labelEn })),
            ]}
            canEscalate={isMine && application.status === 'in_review' && !application.escalatedAt}
          />
          {transitions.length === 0 && (
            <section className="card" aria-labelledby="case-state-heading">
              <h2 id="case-state-heading">办理状态 <span className="en">Where the case is</span></h2>
              <CaseState
                status={application.status}
                certificateSerial={certificate?.serialNumber}
                reason={application.decisionReason}
                holder={claimedBy ? `${claimedBy.displayName}（${claimedBy.staffNumber}）` : null}
              />
            </section>
          )}
          {copies.length > 0 && (
            <CertificateCopies applicationId={application.id} copies={copies} canManage={actor.role === 'supervisor'} revokeReasons={REVOKE_REASONS} reissueReasons={REISSUE_REASONS} />
          )}
        </aside>
      </div>
    </main>
  );
}

/** Why there is nothing to do here, in one or two sentences. */
function CaseState({ status, certificateSerial, reason, holder }: { status: string; certificateSerial?: string; reason: string | null; holder: string | null }) {
  const lines: Record<string, ReactNode> = {
    approved: (
      <>
        <p>{certificateSerial ? <>已批准，已签发证件 <strong className="mono">{certificateSerial}</strong></> : '已批准'}</p>
        <p className="en">Approved; the certificate is issued and queued for mailing.</p>
      </>
    ),
    awaiting_countersign: <p>已批准，等待审批处负责人复核。<span className="en">Approved by the clerk; waiting for the supervisor’s countersign.</span></p>,
    needs_more_material: <p>已要求申请人补正材料，等待重新提交。<span className="en">More material was requested; waiting for the citizen to resubmit.</span></p>,
    rejected: (
      <p>
        不予批准。<span className="en">Rejected.</span>
        {reason && <> 理由 / Reason: {reason}</>}
      </p>
    ),
    withdrawn: <p>申请人已撤回此申请。<span className="en">The citizen withdrew this application.</span></p>,
    in_review: (
      <p>
        由 {holder ?? '其他民警'} 办理中，只有经办人可以作出决定。<span className="en">Another clerk holds this case; only they can decide it.</span>
      </p>
    ),
  };
  return lines[status] ?? <p className="hint">当前没有可执行的操作。/ Nothing to do here now.</p>;
}
