import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getApplicationDetail, getRegistryRecordForCase } from '@/lib/applications/queries';
import { recordCaseView } from '@/lib/applications/record-case-view';
import { availableTransitions } from '@/lib/applications/state-machine';
import { TRANSFER_REASONS, type HouseholdTransferForm } from '@/lib/applications/household-transfer-form';
import { requireStaffPage } from '@/lib/auth/session';
import { districtName } from '@/lib/places';
import { ApplicationTimeline } from '@/components/application-timeline';
import { StatusBadge } from '@/components/status-badge';
import { formatBytes, formatDateTime } from '@/components/format';
import { DecisionPanel } from './decision-panel';

export const metadata = { title: '案件审核 / Case review' };

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireStaffPage(['clerk', 'supervisor']);
  const { id } = await params;
  const db = await getDb();
  const [detail, registry] = await Promise.all([getApplicationDetail(db, actor, id), getRegistryRecordForCase(db, actor, id)]);
  if (!detail || !registry) notFound();
  await recordCaseView(db, actor, detail.application.id);
  const { application, service, documents, events, claimedBy, certificate } = detail;
  const form = application.formData as HouseholdTransferForm & { fromAddress: string };
  const isMine = application.claimedByStaffId === actor.staffId;
  const transitions = availableTransitions(application.status, actor.role).filter((t) => {
    if (t === 'claim' || t === 'countersign') return true;
    return isMine && t !== 'submit';
  });

  return (
    <main>
      <h1>
        {application.referenceNumber} · {service?.nameZh} <StatusBadge status={application.status} />
      </h1>
      <p className="hint">
        提交 {formatDateTime(application.submittedAt)} · 承诺办结 {application.deadlineDate} · 经办 {claimedBy ? `${claimedBy.displayName}（${claimedBy.staffNumber}）` : '未受理 / unclaimed'}
        {certificate && <> · 证件 {certificate.serialNumber}</>}
      </p>

      <DecisionPanel applicationId={application.id} version={application.version} transitions={transitions} />

      <div className="grid-2">
        <section className="card" aria-labelledby="form-heading">
          <h2 id="form-heading">申请内容 <span className="en">Application</span></h2>
          <dl className="facts" data-testid="form-data">
            <dt>迁出地址 From</dt>
            <dd>{form.fromAddress}</dd>
            <dt>迁入区 To district</dt>
            <dd>{districtName(form.toDistrictCode)}</dd>
            <dt>迁入地址 To address</dt>
            <dd>{form.toAddress}</dd>
            <dt>迁移原因 Reason</dt>
            <dd>{TRANSFER_REASONS[form.reason]?.zh ?? form.reason}</dd>
            <dt>就业单位 Employer</dt>
            <dd>{form.employer || '—'}</dd>
            <dt>邮寄地址 Mail to</dt>
            <dd>{application.deliveryAddress}</dd>
            <dt>联系电话 Phone</dt>
            <dd>{application.contactPhone}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="registry-heading">
          <h2 id="registry-heading">人口信息库 <span className="en">Population registry</span></h2>
          <dl className="facts" data-testid="registry-record">
            <dt>姓名 Name</dt>
            <dd>{registry.resident.name}</dd>
            <dt>公民身份号码 ID No.</dt>
            <dd>{registry.resident.idNumber}</dd>
            <dt>性别 Sex</dt>
            <dd>{registry.resident.sex === 'male' ? '男 Male' : '女 Female'}</dd>
            <dt>出生日期 Born</dt>
            <dd>{registry.resident.birthDate}</dd>
            <dt>户籍地址 Address</dt>
            <dd>{registry.resident.address}</dd>
            <dt>户号 Household</dt>
            <dd>{registry.household.householdNumber}</dd>
            <dt>状态 Status</dt>
            <dd>{registry.resident.status}</dd>
          </dl>
          <h3>同户成员 <span className="en">Household members</span></h3>
          <ul>
            {registry.members.map((m) => (
              <li key={m.idNumber}>
                {m.name} · {m.idNumber}
              </li>
            ))}
          </ul>
        </section>
      </div>

      <section className="card" aria-labelledby="docs-heading">
        <h2 id="docs-heading">申请材料 <span className="en">Documents</span></h2>
        {documents.map((doc) => (
          <figure key={doc.id} style={{ margin: '0 0 16px' }}>
            <figcaption>
              <a href={`/api/documents/${doc.id}`} target="_blank" rel="noopener">{doc.fileName}</a> · {doc.kind} · {formatBytes(doc.sizeBytes)}
            </figcaption>
            {doc.mimeType === 'application/pdf' ? (
              <iframe className="doc-viewer" src={`/api/documents/${doc.id}`} title={`文档 / Document: ${doc.fileName}`} data-testid="document-viewer" />
            ) : (
              // eslint-disable-next-line @next/next/no-img-element -- private, auth-checked bytes; next/image would proxy them
              <img className="doc-viewer-img" src={`/api/documents/${doc.id}`} alt={`文档 / Document: ${doc.fileName}`} data-testid="document-viewer" />
            )}
          </figure>
        ))}
      </section>

      <section className="card">
        <h2>办理记录 <span className="en">History</span></h2>
        <ApplicationTimeline events={events} />
      </section>
    </main>
  );
}
