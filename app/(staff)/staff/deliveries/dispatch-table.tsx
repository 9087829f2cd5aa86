import { Link } from '@/components/link';
import type { DeliveriesView } from '@/lib/delivery/deliveries-view';
import { getTranslator } from '@/lib/i18n/server';
import { districtName } from '@/lib/places';
import { DispatchBadge } from '@/components/dispatch-badge';
import { CounterPickupForm } from './counter-pickup-form';
import { DispatchActions } from './dispatch-actions';

/** One page of dispatches, each with the moves its status allows. */
export async function DispatchTable({ view, filterLabel }: { view: DeliveriesView; filterLabel: string }) {
  const { t, pick, dateTime } = await getTranslator();
  const { rows, total, params } = view;
  return (
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
                <DispatchActions dispatchId={row.id} version={row.version} transitions={row.transitions} />
                {row.canCollectAtCounter && <CounterPickupForm dispatchId={row.id} version={row.version} />}
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
  );
}
