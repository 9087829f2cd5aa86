import Link from 'next/link';
import { getDb } from '@/db/client';
import { dispatchStatusEnum } from '@/db/schema';
import { requireStaffPage } from '@/lib/auth/session';
import { dispatchListParamsSchema, listDispatches } from '@/lib/delivery/queries';
import { availableDispatchTransitions, DISPATCH_STATUS_LABELS } from '@/lib/delivery/state-machine';
import { DispatchBadge } from '@/components/status-badge';
import { formatDateTime } from '@/components/format';
import { DispatchActions } from './dispatch-actions';

export const metadata = { title: '邮寄跟踪 / Deliveries' };

export default async function DeliveriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage(['supervisor']);
  const params = dispatchListParamsSchema.parse(await searchParams);
  const { rows, total } = await listDispatches(await getDb(), actor, params);
  return (
    <main>
      <h1>
        证件邮寄跟踪 <span className="en">Mailed certificates</span>
      </h1>
      <nav className="actions" aria-label="按状态筛选 / Filter by status">
        {(['all', ...dispatchStatusEnum.enumValues] as const).map((s) => (
          <Link key={s} className={`button ${params.status === s ? '' : 'secondary'}`} href={`/staff/deliveries?status=${s}`} aria-current={params.status === s ? 'page' : undefined}>
            {s === 'all' ? '全部 / All' : `${DISPATCH_STATUS_LABELS[s].zh} / ${DISPATCH_STATUS_LABELS[s].en}`}
          </Link>
        ))}
      </nav>
      <p className="hint">共 {total} 件 / {total} dispatches</p>
      <div className="table-wrap">
        <table className="data" data-testid="dispatch-table">
          <thead>
            <tr>
              <th scope="col">证件编号 Serial</th>
              <th scope="col">申请编号 Reference</th>
              <th scope="col">收件人 Recipient</th>
              <th scope="col">状态 Status</th>
              <th scope="col">运单 Tracking</th>
              <th scope="col">更新 Updated</th>
              <th scope="col">操作 Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-reference={row.referenceNumber}>
                <td>{row.serialNumber}</td>
                <td>{row.referenceNumber}</td>
                <td>
                  {row.recipientName} · {row.phone}
                  <div className="hint">{row.address}</div>
                </td>
                <td>
                  <DispatchBadge status={row.status} />
                  {row.returnReason && <div className="hint">退件原因 {row.returnReason}</div>}
                </td>
                <td>{row.trackingNumber ? `${row.courier} ${row.trackingNumber}` : '—'}</td>
                <td>{formatDateTime(row.updatedAt)}</td>
                <td>
                  <DispatchActions dispatchId={row.id} version={row.version} transitions={availableDispatchTransitions(row.status)} />
                </td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={7}>没有邮件 / No dispatches</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </main>
  );
}
