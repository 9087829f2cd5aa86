import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { dispatchStatusEnum } from '@/db/schema';
import { requireStaffPage } from '@/lib/auth/session';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { districtName } from '@/lib/places';
import { DISPATCH_PAGE_SIZE, dispatchListParamsSchema, getDeliveryDashboard, OVERDUE_IN_TRANSIT_DAYS, type DispatchListParams } from '@/lib/delivery/queries';
import { availableDispatchTransitions, COUNTER_DISPATCH_STATUSES, COURIERS, DISPATCH_STATUS_LABELS } from '@/lib/delivery/state-machine';
import { DispatchBadge } from '@/components/status-badge';
import { getTranslator } from '@/lib/i18n/server';
import { CounterPickupForm } from './counter-pickup-form';
import { PerDayChart, RateBar } from './delivery-charts';
import { DispatchActions } from './dispatch-actions';
import { ManifestImportForm } from './manifest-import-form';
import { PrintBatchForm } from './print-batch-form';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('staff.deliveries.title') };
}

function query(params: DispatchListParams, overrides: Partial<DispatchListParams> = {}) {
  const merged = { ...params, ...overrides };
  return new URLSearchParams(Object.entries(merged).map(([k, v]) => [k, String(v)])).toString();
}


export default async function DeliveriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage(STAFF_ROLES_THAT.manageDeliveries);
  const { t, label, pick, dateTime } = await getTranslator();
  const params = dispatchListParamsSchema.parse(await searchParams);
  const { list, stats, worklist, readyToPrint, batches } = await getDeliveryDashboard(await getDb(), actor, params);
  const { rows, total } = list;
  const pageCount = Math.max(1, Math.ceil(total / DISPATCH_PAGE_SIZE));
  const filterLabel = params.status === 'all' ? t('staff.deliveries.all') : label(DISPATCH_STATUS_LABELS[params.status]);
  return (
    <main className="wide">
      <h1>{t('staff.deliveries.heading')}</h1>
      <p className="hint">{t('staff.deliveries.intro')}</p>

      {stats && (
        <section className="card" aria-labelledby="overview-heading" data-testid="delivery-overview">
          <h2 id="overview-heading">{t('staff.deliveries.overview')}</h2>
          <dl className="stats">
            {dispatchStatusEnum.enumValues.map((s) => (
              <div key={s}>
                <dt>{label(DISPATCH_STATUS_LABELS[s])}</dt>
                <dd data-testid={`count-${s}`}>{stats.byStatus[s]}</dd>
              </div>
            ))}
            <div>
              <dt>{t('staff.deliveries.deliveryHours')}</dt>
              <dd data-testid="delivery-hours">{stats.deliveryHours.median ?? '—'} h / {stats.deliveryHours.p90 ?? '—'} h</dd>
            </div>
            <div>
              <dt>{t('staff.deliveries.returnRate')}</dt>
              <dd data-testid="return-rate">
                {stats.returnRate.rate ?? '—'}%{t('common.parenthetical', { text: `${stats.returnRate.returned}/${stats.returnRate.handed}` })} <RateBar label={t('staff.deliveries.returnRate')} rate={stats.returnRate.rate} />
              </dd>
            </div>
          </dl>
          <PerDayChart perDay={stats.perDay} />
          <h3>{t('staff.deliveries.counterOverview')}</h3>
          <dl className="stats" data-testid="counter-overview">
            {COUNTER_DISPATCH_STATUSES.map((s) => (
              <div key={s}>
                <dt>{label(DISPATCH_STATUS_LABELS[s])}</dt>
                <dd>
                  <Link href={`/staff/deliveries?${query(params, { method: 'counter', status: s, page: 1 })}`} data-testid={`counter-count-${s}`}>{stats.byMethod.counter[s]}</Link>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      <section className="card" aria-labelledby="worklist-heading" data-testid="worklist">
        <h2 id="worklist-heading">{t('staff.deliveries.needsAttention')}</h2>
        <h3>{t('staff.deliveries.overdue', { days: OVERDUE_IN_TRANSIT_DAYS, count: worklist.overdue.length })}</h3>
        <ul data-testid="worklist-overdue">
          {worklist.overdue.map((r) => (
            <li key={r.id}>
              <span className="mono">{r.referenceNumber}</span> · {r.courier} <span className="mono">{r.trackingNumber}</span> · {t('staff.deliveries.handedAt', { time: dateTime(r.handedAt) })}
            </li>
          ))}
          {worklist.overdue.length === 0 && <li className="hint">{t('staff.deliveries.none')}</li>}
        </ul>
        <h3>{t('staff.deliveries.returned', { count: worklist.returned.length })}</h3>
        <ul data-testid="worklist-returned">
          {worklist.returned.map((r) => (
            <li key={r.id} data-reference={r.referenceNumber}>
              <span className="mono">{r.referenceNumber}</span> · {r.courier} <span className="mono">{r.trackingNumber}</span> · {r.returnReason ? pick(r.returnReason) : ''}
            </li>
          ))}
          {worklist.returned.length === 0 && <li className="hint">{t('staff.deliveries.none')}</li>}
        </ul>
      </section>

      <PrintBatchForm ready={readyToPrint} />
      {batches.length > 0 && (
        <p className="hint">
          {t('staff.deliveries.recentBatches')}{' '}
          {batches.map((b) => (
            <a key={b.id} className="mono" href={`/api/deliveries/batches/${b.id}/pdf`} style={{ marginRight: '0.75em' }}>
              {b.batchNumber}{t('common.parenthetical', { text: b.dispatchCount })}
            </a>
          ))}
        </p>
      )}
      <ManifestImportForm />

      <form method="get" className="filters" aria-label={t('staff.deliveries.filters')}>
        <label>
          {t('staff.deliveries.status')}
          <select name="status" defaultValue={params.status}>
            <option value="all">{t('staff.deliveries.all')}</option>
            {dispatchStatusEnum.enumValues.map((s) => <option key={s} value={s}>{label(DISPATCH_STATUS_LABELS[s])}</option>)}
          </select>
        </label>
        <label>
          {t('staff.deliveries.method')}
          <select name="method" defaultValue={params.method}>
            <option value="all">{t('staff.deliveries.all')}</option>
            <option value="mail">{t('staff.deliveries.methodMail')}</option>
            <option value="counter">{t('staff.deliveries.methodCounter')}</option>
          </select>
        </label>
        <label>
          {t('staff.deliveries.courier')}
          <select name="courier" defaultValue={params.courier}>
            <option value="all">{t('staff.deliveries.all')}</option>
            {Object.entries(COURIERS).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
          </select>
        </label>
        <label>
          {t('staff.deliveries.district')}
          <select name="district" defaultValue={params.district}>
            <option value="all">{t('staff.deliveries.all')}</option>
            {WUHAN_DISTRICTS.map((d) => <option key={d.code} value={d.code}>{d.name}</option>)}
          </select>
        </label>
        <label>
          {t('staff.deliveries.age')}
          <select name="age" defaultValue={String(params.age)}>
            <option value="0">{t('staff.deliveries.any')}</option>
            <option value="1">{t('staff.deliveries.olderThan', { days: 1 })}</option>
            <option value="3">{t('staff.deliveries.olderThan', { days: 3 })}</option>
            <option value="7">{t('staff.deliveries.olderThan', { days: 7 })}</option>
          </select>
        </label>
        <button type="submit" className="secondary small">{t('staff.deliveries.filter')}</button>
        <a className="button secondary small" href={`/api/deliveries/export?${query(params, { page: 1 })}`} download>{t('staff.deliveries.exportCsv')}</a>
      </form>

      <p className="hint" aria-live="polite">
        {t('staff.deliveries.totalBefore', { filter: filterLabel })} <span data-testid="dispatch-total">{total}</span> {t('staff.deliveries.totalAfter')}
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('staff.deliveries.list')}>
        <table className="data" data-testid="dispatch-table">
          <caption className="visually-hidden">{t('staff.deliveries.caption', { filter: filterLabel, total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.deliveries.serial')}</th>
              <th scope="col">{t('staff.deliveries.reference')}</th>
              <th scope="col">{t('staff.deliveries.recipient')}</th>
              <th scope="col">{t('staff.deliveries.status')}</th>
              <th scope="col">{t('staff.deliveries.tracking')}</th>
              <th scope="col">{t('staff.deliveries.updated')}</th>
              <th scope="col">{t('staff.deliveries.nextStep')}</th>
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
                  <div className="hint">{row.method === 'counter' ? `${t('staff.deliveries.methodCounter')} · ${pick(row.address)}` : row.address}</div>
                </td>
                <td>
                  <DispatchBadge status={row.status} />
                  {row.returnReason && <div className="hint">{t('staff.deliveries.returnReason', { reason: pick(row.returnReason) })}</div>}
                  {row.signedBy && <div className="hint">{t('staff.deliveries.signedBy', { name: row.signedBy })}</div>}
                </td>
                <td className="nowrap">{row.trackingNumber ? <>{row.courier} <span className="mono" data-testid="row-tracking">{row.trackingNumber}</span></> : '—'}</td>
                <td className="nowrap">{dateTime(row.updatedAt)}</td>
                <td>
                  <DispatchActions dispatchId={row.id} version={row.version} transitions={availableDispatchTransitions(row.status)} />
                  {row.status === 'held_for_pickup' && <CounterPickupForm dispatchId={row.id} version={row.version} />}
                </td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="empty">
                  {params.status === 'all' ? t('staff.deliveries.noMatch') : t('staff.deliveries.nothingInState', { filter: filterLabel })}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {pageCount > 1 && (
        <nav className="pager" aria-label={t('staff.deliveries.pages')}>
          {params.page > 1 && <Link className="button secondary small" href={`/staff/deliveries?${query(params, { page: params.page - 1 })}`}>{t('staff.deliveries.previous')}</Link>}
          <span>
            {t('staff.deliveries.page', { page: params.page, count: pageCount })}
          </span>
          {params.page < pageCount && <Link className="button secondary small" href={`/staff/deliveries?${query(params, { page: params.page + 1 })}`}>{t('staff.deliveries.next')}</Link>}
        </nav>
      )}
    </main>
  );
}
