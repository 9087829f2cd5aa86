import Link from 'next/link';
import { getDb } from '@/db/client';
import { dispatchStatusEnum } from '@/db/schema';
import { requireStaffPage } from '@/lib/auth/session';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { districtName } from '@/lib/places';
import { DISPATCH_PAGE_SIZE, dispatchListParamsSchema, getDeliveryDashboard, OVERDUE_IN_TRANSIT_DAYS, type DispatchListParams } from '@/lib/delivery/queries';
import { availableDispatchTransitions, COURIERS, DISPATCH_STATUS_LABELS } from '@/lib/delivery/state-machine';
import { DispatchBadge } from '@/components/status-badge';
import { formatDateTime } from '@/components/format';
import { CounterPickupForm } from './counter-pickup-form';
import { PerDayChart, RateBar } from './delivery-charts';
import { DispatchActions } from './dispatch-actions';
import { ManifestImportForm } from './manifest-import-form';
import { PrintBatchForm } from './print-batch-form';

export const metadata = { title: '邮寄跟踪 / Deliveries' };

function query(params: DispatchListParams, overrides: Partial<DispatchListParams> = {}) {
  const merged = { ...params, ...overrides };
  return new URLSearchParams(Object.entries(merged).map(([k, v]) => [k, String(v)])).toString();
}

export default async function DeliveriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage(['supervisor']);
  const params = dispatchListParamsSchema.parse(await searchParams);
  const { list, stats, worklist, readyToPrint, batches } = await getDeliveryDashboard(await getDb(), actor, params);
  const { rows, total } = list;
  const pageCount = Math.max(1, Math.ceil(total / DISPATCH_PAGE_SIZE));
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

      {stats && (
        <section className="card" aria-labelledby="overview-heading" data-testid="delivery-overview">
          <h2 id="overview-heading">概况 <span className="en">Overview</span></h2>
          <dl className="stats">
            {dispatchStatusEnum.enumValues.map((s) => (
              <div key={s}>
                <dt>{DISPATCH_STATUS_LABELS[s].zh} <span className="en">{DISPATCH_STATUS_LABELS[s].en}</span></dt>
                <dd data-testid={`count-${s}`}>{stats.byStatus[s]}</dd>
              </div>
            ))}
            <div>
              <dt>送达时长（中位 / 90%）<span className="en">Time to delivery (median / p90)</span></dt>
              <dd data-testid="delivery-hours">{stats.deliveryHours.median ?? '—'} h / {stats.deliveryHours.p90 ?? '—'} h</dd>
            </div>
            <div>
              <dt>退件率 <span className="en">Return rate</span></dt>
              <dd data-testid="return-rate">
                {stats.returnRate.rate ?? '—'}%（{stats.returnRate.returned}/{stats.returnRate.handed}） <RateBar label="退件率 / Return rate" rate={stats.returnRate.rate} />
              </dd>
            </div>
          </dl>
          <PerDayChart perDay={stats.perDay} />
        </section>
      )}

      <section className="card" aria-labelledby="worklist-heading" data-testid="worklist">
        <h2 id="worklist-heading">待处理 <span className="en">Needs attention</span></h2>
        <h3>超过 {OVERDUE_IN_TRANSIT_DAYS} 天未签收 <span className="en">With the courier over {OVERDUE_IN_TRANSIT_DAYS} days</span>（{worklist.overdue.length}）</h3>
        <ul data-testid="worklist-overdue">
          {worklist.overdue.map((r) => (
            <li key={r.id}>
              <span className="mono">{r.referenceNumber}</span> · {r.courier} <span className="mono">{r.trackingNumber}</span> · 交寄于 {r.handedAt ? formatDateTime(r.handedAt) : '—'}
            </li>
          ))}
          {worklist.overdue.length === 0 && <li className="hint">无 / None</li>}
        </ul>
        <h3>已退回 <span className="en">Returned</span>（{worklist.returned.length}）</h3>
        <ul data-testid="worklist-returned">
          {worklist.returned.map((r) => (
            <li key={r.id} data-reference={r.referenceNumber}>
              <span className="mono">{r.referenceNumber}</span> · {r.courier} <span className="mono">{r.trackingNumber}</span> · {r.returnReason}
            </li>
          ))}
          {worklist.returned.length === 0 && <li className="hint">无 / None</li>}
        </ul>
      </section>

      <PrintBatchForm ready={readyToPrint} />
      {batches.length > 0 && (
        <p className="hint">
          最近批次 Recent batches:{' '}
          {batches.map((b) => (
            <a key={b.id} className="mono" href={`/api/deliveries/batches/${b.id}/pdf`} style={{ marginRight: '0.75em' }}>
              {b.batchNumber}（{b.dispatchCount}）
            </a>
          ))}
        </p>
      )}
      <ManifestImportForm />

      <form method="get" className="filters" aria-label="筛选 / Filters">
        <label>
          状态 Status
          <select name="status" defaultValue={params.status}>
            <option value="all">全部 / All</option>
            {dispatchStatusEnum.enumValues.map((s) => <option key={s} value={s}>{DISPATCH_STATUS_LABELS[s].zh} / {DISPATCH_STATUS_LABELS[s].en}</option>)}
          </select>
        </label>
        <label>
          快递 Courier
          <select name="courier" defaultValue={params.courier}>
            <option value="all">全部 / All</option>
            {Object.entries(COURIERS).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
          </select>
        </label>
        <label>
          区 District
          <select name="district" defaultValue={params.district}>
            <option value="all">全部 / All</option>
            {WUHAN_DISTRICTS.map((d) => <option key={d.code} value={d.code}>{d.name}</option>)}
          </select>
        </label>
        <label>
          已寄出天数 Age
          <select name="age" defaultValue={String(params.age)}>
            <option value="0">不限 / Any</option>
            <option value="1">&gt; 1 天 / day</option>
            <option value="3">&gt; 3 天 / days</option>
            <option value="7">&gt; 7 天 / days</option>
          </select>
        </label>
        <button type="submit" className="secondary small">筛选 / Filter</button>
        <a className="button secondary small" href={`/api/deliveries/export?${query(params, { page: 1 })}`} download>导出 CSV / Export CSV</a>
      </form>

      <p className="hint" aria-live="polite">
        {filterLabel}：共 <span data-testid="dispatch-total">{total}</span> 件 <span lang="en">· {total} dispatches</span>
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
              <tr key={row.id} data-reference={row.referenceNumber} data-status={row.status} className={row.status === 'returned' ? 'needs-attention' : undefined}>
                <td className="mono nowrap">{row.serialNumber}</td>
                <td className="nowrap">
                  <Link className="mono" href={`/staff/cases/${row.applicationId}`}>{row.referenceNumber}</Link>
                  <div className="hint">{districtName(row.districtCode)}</div>
                </td>
                <td>
                  {row.recipientName} · <span className="nowrap">{row.phone}</span>
                  <div className="hint">{row.address}</div>
                </td>
                <td>
                  <DispatchBadge status={row.status} />
                  {row.returnReason && <div className="hint">退件原因 Reason: {row.returnReason}</div>}
                  {row.signedBy && <div className="hint">签收人 Signed by: {row.signedBy}</div>}
                </td>
                <td className="nowrap">{row.trackingNumber ? <>{row.courier} <span className="mono" data-testid="row-tracking">{row.trackingNumber}</span></> : '—'}</td>
                <td className="nowrap">{formatDateTime(row.updatedAt)}</td>
                <td>
                  <DispatchActions dispatchId={row.id} version={row.version} transitions={availableDispatchTransitions(row.status)} />
                  {row.status === 'held_for_pickup' && <CounterPickupForm dispatchId={row.id} version={row.version} />}
                </td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="empty">
                  {params.status === 'all' ? '没有符合条件的邮件 / No dispatches match.' : `没有“${filterLabel}”的邮件 / Nothing in this state.`}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {pageCount > 1 && (
        <nav className="pager" aria-label="分页 / Pages">
          {params.page > 1 && <Link className="button secondary small" href={`/staff/deliveries?${query(params, { page: params.page - 1 })}`}>← 上一页 / Previous</Link>}
          <span>
            第 {params.page} / {pageCount} 页 <span className="en">Page {params.page} of {pageCount}</span>
          </span>
          {params.page < pageCount && <Link className="button secondary small" href={`/staff/deliveries?${query(params, { page: params.page + 1 })}`}>下一页 / Next →</Link>}
        </nav>
      )}
    </main>
  );
}
