import Link from 'next/link';
import { getDb } from '@/db/client';
import { listApplicationsForCitizen } from '@/lib/applications/queries';
import { requireCitizenPage } from '@/lib/auth/session';
import { StatusBadge } from '@/components/status-badge';
import { formatDateTime } from '@/components/format';

export const metadata = { title: '我的办件 / My applications' };

export default async function MyApplicationsPage() {
  const actor = await requireCitizenPage();
  const rows = await listApplicationsForCitizen(await getDb(), actor);
  return (
    <main>
      <h1>
        我的办件 <span className="en">My applications</span>
      </h1>
      <div className="actions" style={{ marginBottom: 16 }}>
        <Link className="button" href="/me/apply/household-transfer">
          申请户口迁移（落户）/ Apply for a household transfer
        </Link>
      </div>
      {rows.length === 0 ? (
        <p className="card">您还没有办件。<span className="en">You have no applications yet.</span></p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">我的办件 / My applications</caption>
            <thead>
              <tr>
                <th scope="col">申请编号 / Reference</th>
                <th scope="col">事项 / Service</th>
                <th scope="col">状态 / Status</th>
                <th scope="col">提交时间 / Submitted</th>
                <th scope="col">承诺办结 / Due</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link href={`/me/applications/${row.id}`}>{row.referenceNumber}</Link>
                  </td>
                  <td>{row.serviceNameZh}</td>
                  <td>
                    <StatusBadge status={row.status} />
                  </td>
                  <td>{formatDateTime(row.submittedAt)}</td>
                  <td>{row.deadlineDate ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
