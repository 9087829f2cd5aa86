import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getApplicationDetail } from '@/lib/applications/queries';
import { availableTransitions } from '@/lib/applications/state-machine';
import { requireCitizenPage } from '@/lib/auth/session';
import { ApplicationTimeline } from '@/components/application-timeline';
import { DeliveryTimeline } from '@/components/delivery-timeline';
import { DispatchBadge, StatusBadge } from '@/components/status-badge';
import { formatBytes, formatDateTime } from '@/components/format';
import { CitizenActions } from './citizen-actions';

export const metadata = { title: '办件详情 / Application' };

export default async function ApplicationStatusPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ submitted?: string }> }) {
  const actor = await requireCitizenPage();
  const [{ id }, { submitted }] = await Promise.all([params, searchParams]);
  const detail = await getApplicationDetail(await getDb(), actor, id);
  if (!detail) notFound();
  const { application, service, documents, events, certificate, dispatch, deliveryEvents } = detail;
  const actions = availableTransitions(application.status, 'citizen').filter((t) => t === 'withdraw' || t === 'resubmit');

  return (
    <main>
      {submitted && (
        <div className="alert success" role="status">
          申请已提交，申请编号 <strong data-testid="reference-number">{application.referenceNumber}</strong>。确认信息已发送。
          <span className="en"> Your application was submitted. We have sent you a confirmation.</span>
        </div>
      )}
      <h1>
        {service?.nameZh} <span className="en">{service?.nameEn}</span>
      </h1>
      <section className="card">
        <dl className="facts">
          <dt>申请编号 Reference</dt>
          <dd>{application.referenceNumber}</dd>
          <dt>状态 Status</dt>
          <dd data-testid="application-status"><StatusBadge status={application.status} /></dd>
          <dt>提交时间 Submitted</dt>
          <dd>{formatDateTime(application.submittedAt)}</dd>
          <dt>承诺办结 Due by</dt>
          <dd>{application.deadlineDate ?? '—'}</dd>
          {application.decisionReason && (
            <>
              <dt>理由 Reason</dt>
              <dd>{application.decisionReason}</dd>
            </>
          )}
        </dl>
        {actions.length > 0 && <CitizenActions applicationId={application.id} version={application.version} actions={actions} />}
      </section>

      <div className="grid-2">
        <section className="card">
          <h2>办理进度 <span className="en">Progress</span></h2>
          <ApplicationTimeline events={events} />
        </section>
        <section className="card">
          <h2>证件与邮寄 <span className="en">Certificate and delivery</span></h2>
          {certificate ? (
            <>
              <p>
                证件编号 Serial: <strong>{certificate.serialNumber}</strong>{' '}
                <a href={`/api/certificates/${certificate.id}/pdf`} download>下载 PDF / Download PDF</a>
              </p>
              {dispatch && (
                <>
                  <p>
                    邮寄状态 Delivery: <DispatchBadge status={dispatch.status} />
                    {dispatch.trackingNumber && <> · {dispatch.courier} 运单号 <span data-testid="tracking-number">{dispatch.trackingNumber}</span></>}
                  </p>
                  <DeliveryTimeline events={deliveryEvents} />
                </>
              )}
            </>
          ) : (
            <p className="hint">批准后将在此显示证件和快递信息。/ The certificate and its tracking appear here once approved.</p>
          )}
        </section>
      </div>

      <section className="card">
        <h2>已上传材料 <span className="en">Documents</span></h2>
        <ul>
          {documents.map((doc) => (
            <li key={doc.id}>
              <a href={`/api/documents/${doc.id}`} target="_blank" rel="noopener">{doc.fileName}</a> · {doc.mimeType} · {formatBytes(doc.sizeBytes)}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
