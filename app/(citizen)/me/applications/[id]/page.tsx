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
import { findService } from '@/lib/services/catalog';
import { ApplicationTimeline } from '@/components/application-timeline';
import { DeliveryTimeline } from '@/components/delivery-timeline';
import { DispatchBadge, StatusBadge } from '@/components/status-badge';
import { formatBytes, formatDateTime } from '@/components/format';
import { CitizenActions } from './citizen-actions';

export const metadata = { title: '办件详情 / Application' };

const FILE_TYPES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

export default async function ApplicationStatusPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ submitted?: string }> }) {
  const actor = await requireCitizenPage();
  const [{ id }, { submitted }] = await Promise.all([params, searchParams]);
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
  const { label, date } = await getTranslator();
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
  const daysLeft = application.deadlineDate && !isFinal && application.deadlinePausedDaysLeft === null ? workingDaysBetween(toBeijingDate(new Date()), application.deadlineDate) : null;

  return (
    <main>
      <p className="breadcrumb">
        <Link href="/me">← 我的办件 / My applications</Link>
      </p>
      {submitted && (
        <div className="alert success" role="status">
          <h2>申请已提交 <span className="en">Application submitted</span></h2>
          申请编号 <strong data-testid="reference-number">{application.referenceNumber}</strong>。确认信息已发送，请记下申请编号以便查询。
          <span className="en"> Your application was submitted. We have sent you a confirmation; keep the reference number.</span>
        </div>
      )}
      <h1>
        {service?.nameZh} <span className="en">{service?.nameEn}</span>
      </h1>

      <StatusMessage status={application.status} deadlineDate={application.deadlineDate} reason={materialRequest?.reason ?? application.decisionReason} dispatchStatus={dispatch?.status} />

      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading" className="visually-hidden">办件信息 / Summary</h2>
        <dl className="facts">
          <dt>申请编号 Reference</dt>
          <dd className="mono">{application.referenceNumber}</dd>
          <dt>状态 Status</dt>
          <dd data-testid="application-status"><StatusBadge status={application.status} /></dd>
          <dt>提交时间 Submitted</dt>
          <dd>{formatDateTime(application.submittedAt)}</dd>
          {!isFinal && (
            <>
              <dt>承诺办结 Due by</dt>
              <dd>
                {application.deadlinePausedDaysLeft !== null ? (
                  <>
                    时限暂停，补正提交后还有 {application.deadlinePausedDaysLeft} 个工作日
                    <span className="en"> Paused while we wait for you: {application.deadlinePausedDaysLeft} working days remain after you resubmit</span>
                  </>
                ) : (
                  <>
                    {application.deadlineDate ?? '—'}
                    {daysLeft !== null && (
                      <span data-testid="days-left" className={daysLeft < 0 ? 'overdue' : daysLeft <= 1 ? 'due-soon' : 'muted'}>
                        {' '}
                        {daysLeft < 0 ? `（超期 ${-daysLeft} 个工作日 / ${-daysLeft} working days overdue）` : `（还剩 ${daysLeft} 个工作日 / ${daysLeft} working days left）`}
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
          <dt>邮寄 Delivery</dt>
          <dd>{application.deliveryAddress}</dd>
          {application.decisionReason && application.status !== 'needs_more_material' && application.status !== 'rejected' && (
            <>
              <dt>理由 Reason</dt>
              <dd>{application.decisionReason}</dd>
            </>
          )}
        </dl>
        {actions.length > 0 && <CitizenActions
            applicationId={application.id}
            version={application.version}
            actions={actions}
            documents={resubmitDocuments.map(({ kind, labelZh, labelEn }) => ({ kind, labelZh, labelEn }))}
            fields={correctableFields}
          />}
      </section>

      <div className="grid-2">
        <section className="card" aria-labelledby="progress-heading">
          <h2 id="progress-heading">办理进度 <span className="en">Progress</span></h2>
          <ApplicationTimeline events={events} />
        </section>
        <section className="card" aria-labelledby="certificate-heading">
          <h2 id="certificate-heading">证件与邮寄 <span className="en">Certificate and delivery</span></h2>
          {certificate ? (
            <>
              <dl className="facts">
                <dt>证件编号 Serial</dt>
                <dd><strong className="mono">{certificate.serialNumber}</strong></dd>
                {dispatch && (
                  <>
                    <dt>邮寄状态 Delivery</dt>
                    <dd><DispatchBadge status={dispatch.status} /></dd>
                    {dispatch.trackingNumber && (
                      <>
                        <dt>快递运单 Tracking</dt>
                        <dd>
                          {dispatch.courier} <span className="mono" data-testid="tracking-number">{dispatch.trackingNumber}</span>
                        </dd>
                      </>
                    )}
                  </>
                )}
              </dl>
              <div className="actions" style={{ marginTop: 12 }}>
                <a className="button secondary small" href={`/api/certificates/${certificate.id}/pdf`} download>下载 PDF / Download PDF</a>
              </div>
              {dispatch && (
                <>
                  <h3>邮寄进度 <span className="en">Mailing progress</span></h3>
                  <DeliveryTimeline events={deliveryEvents} />
                </>
              )}
            </>
          ) : application.status === 'rejected' || application.status === 'withdrawn' ? (
            <p className="hint">此申请未签发证件。/ No certificate was issued for this application.</p>
          ) : (
            <p className="hint">批准后将在此显示证件和快递信息。/ The certificate and its tracking appear here once approved.</p>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="documents-heading">
        <h2 id="documents-heading">已上传材料 <span className="en">Documents you uploaded</span></h2>
        {documents.length === 0 ? (
          <p className="hint">没有上传材料。/ No documents.</p>
        ) : (
          <ul className="doc-list">
            {documents.map((doc) => {
              const label = documentLabels.get(doc.kind);
              return (
                <li key={doc.id}>
                  {label && <>{label.labelZh} <span className="en">{label.labelEn}</span>：</>}
                  <a href={`/api/documents/${doc.id}`} target="_blank" rel="noopener">{doc.fileName}</a>{' '}
                  <span className="hint" style={{ display: 'inline' }}>
                    {FILE_TYPES[doc.mimeType] ?? doc.mimeType} · {formatBytes(doc.sizeBytes)} · 新窗口打开 / opens in a new tab
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

/** One plain sentence at the top: where the application is and what, if anything, the citizen must do. */
function StatusMessage({ status, deadlineDate, reason, dispatchStatus }: { status: string; deadlineDate: string | null; reason: string | null | undefined; dispatchStatus: string | undefined }) {
  switch (status) {
    case 'needs_more_material':
      return (
        <div className="alert warn" role="note">
          <h2>需要您补正材料 <span className="en">More material is needed from you</span></h2>
          {reason && (
            <p>
              <strong>审批民警的要求 / The clerk asks:</strong> {reason}
            </p>
          )}
          <p>
            按上述要求处理好后，点击下方“重新提交”，申请将回到审批队列。
            <span className="en"> When you have dealt with the request, choose “Resubmit” below and the application goes back to the queue.</span>
          </p>
        </div>
      );
    case 'submitted':
    case 'in_review':
    case 'awaiting_countersign':
      return (
        <div className="alert info">
          {deadlineDate && deadlineDate < toBeijingDate(new Date()) ? (
            <>
              正在办理。已超过承诺办结日期 {deadlineDate}，我们正在尽快处理。
              <span className="en"> In progress. The promised date ({deadlineDate}) has passed; we are dealing with it as soon as we can.</span>
            </>
          ) : (
            <>
              正在办理，承诺 {deadlineDate ?? '—'} 前办结。
              <span className="en"> In progress; a decision is due by {deadlineDate ?? '—'}.</span>
            </>
          )}{' '}
          有结果或需要您补充材料时，我们会发短信通知您。
          <span className="en"> We will text you when there is a decision or when we need something from you.</span>
        </div>
      );
    case 'approved':
      return (
        <div className="alert success">
          {dispatchStatus === 'delivered' ? (
            <>
              申请已批准，证件已签收。<span className="en"> Your application was approved and the certificate has been delivered.</span>
            </>
          ) : dispatchStatus === 'returned' || dispatchStatus === 'held_for_pickup' ? (
            <>
              申请已批准，但证件未能送达，请查看下方邮寄信息。<span className="en"> Approved, but the certificate could not be delivered; see the mailing details below.</span>
            </>
          ) : (
            <>
              申请已批准，证件将快递到您填写的地址。<span className="en"> Your application was approved; the certificate is mailed to the address you gave.</span>
            </>
          )}
        </div>
      );
    case 'rejected':
      return (
        <div className="alert error">
          <h2>不予批准 <span className="en">Not approved</span></h2>
          {reason && (
            <p>
              <strong>理由 / Reason:</strong> {reason}
            </p>
          )}
          <p>
            您可以按上述理由准备材料后重新申请。如对决定有异议，可到户籍窗口咨询，或依法申请行政复议。
            <span className="en"> You may apply again once you have dealt with the reason. If you disagree with the decision, ask at a household-registration counter or apply for an administrative review.</span>
          </p>
        </div>
      );
    case 'withdrawn':
      return <div className="alert neutral">您已撤回此申请。/ You withdrew this application.</div>;
    default:
      return null;
  }
}
