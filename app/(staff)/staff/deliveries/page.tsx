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

// Matches the page size of listDispatches.
const PAGE_SIZE = 50;

export default async function DeliveriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage(['supervisor']);
  const params = dispatchListParamsSchema.parse(await searchParams);
  const { rows, total } = await listDispatches(await getDb(), actor, params);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pageHref = (page: number) => `/staff/deliveries?status=${params.status}&page=${page}`;
  const filterLabel = params.status === 'all' ? '全部 / All' : `${DISPATCH_STATUS_LABELS[params.status].zh} / ${DISPATCH_STATUS_LABELS[params.status].en}`;
  return (
    <main className="wide">
      <h1>
        证件邮寄跟踪 <span className="en">Mailed certificates</span>
      </h1>
      <p className="hint">
        每一份邮寄的证件从打印到签收的全过程；退回的邮件需要重新寄送或转为窗口自取。
        <span lang="en"> Every mailed certificate from printing to delivery. Returned mail must be sent again or held for pickup.</span>
      </p>
      <nav aria-label="按状态筛选 / Filter by status">
        <ul className="tabs">
          {(['all', ...dispatchStatusEnum.enumValues] as const).map((s) => (
            <li key={s}>
              <Link href={`/staff/deliveries?status=${s}`} aria-current={params.status === s ? 'page' : undefined}>
                {s === 'all' ? '全部 / All' : `${DISPATCH_STATUS_LABELS[s].zh} / ${DISPATCH_STATUS_LABELS[s].en}`}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="hint" aria-live="polite">
        {filterLabel}：共 {total} 件 <span lang="en">· {total} dispatches</span>
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="邮寄列表 / Dispatches">
        <table className="data" data-testid="dispatch-table">
          <caption className="visually-hidden">证件邮寄，{filterLabel}，共 {total} 件 / Mailed certificates</caption>
          <thead>
            <tr>
              <th scope="col">证件编号 Serial</th>
              <th scope="col">申请编号 Reference</th>
              <th scope="col">收件人 Recipient</th>
              <th scope="col">状态 Status</th>
              <th scope="col">运单 Tracking</th>
              <th scope="col">更新 Updated</th>
              <th scope="col">下一步 Next step</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-reference={row.referenceNumber} className={row.status === 'returned' ? 'needs-attention' : undefined}>
                <td className="mono nowrap">{row.serialNumber}</td>
                <td className="nowrap">
                  <Link className="mono" href={`/staff/queue?status=all&q=${row.referenceNumber}`}>{row.referenceNumber}</Link>
                </td>
                <td>
                  {row.recipientName} · <span className="nowrap">{row.phone}</span>
                  <div className="hint">{row.address}</div>
                </td>
                <td>
                  <DispatchBadge status={row.status} />
                  {row.returnReason && <div className="hint">退件原因 Reason: {row.returnReason}</div>}
                </td>
                <td className="nowrap">{row.trackingNumber ? <>{row.courier} <span className="mono">{row.trackingNumber}</span></> : '—'}</td>
                <td className="nowrap">{formatDateTime(row.updatedAt)}</td>
                <td>
                  <DispatchActions dispatchId={row.id} version={row.version} transitions={availableDispatchTransitions(row.status)} />
                </td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="empty">
                  {params.status === 'all' ? '还没有邮寄的证件 / No certificates have been mailed yet.' : `没有“${filterLabel}”的邮件 / Nothing in this state.`}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {pageCount > 1 && (
        <nav className="pager" aria-label="分页 / Pages">
          {params.page > 1 && <Link className="button secondary small" href={pageHref(params.page - 1)}>← 上一页 / Previous</Link>}
          <span>
            第 {params.page} / {pageCount} 页 <span className="en">Page {params.page} of {pageCount}</span>
          </span>
          {params.page < pageCount && <Link className="button secondary small" href={pageHref(params.page + 1)}>下一页 / Next →</Link>}
        </nav>
      )}
    </main>
  );
}
