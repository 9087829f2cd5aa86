import type { DeliveriesView } from '@/lib/delivery/deliveries-view';
import { OVERDUE_IN_TRANSIT_DAYS } from '@/lib/delivery/queries';
import { getTranslator } from '@/lib/i18n/server';

/** Parcels overdue in transit and parcels returned: what a supervisor should chase first. */
export async function DeliveryWorklist({ worklist }: { worklist: DeliveriesView['worklist'] }) {
  const { t, pick, dateTime } = await getTranslator();
  return (
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
  );
}
