import { Link } from '@/components/link';
import { deliveriesQuery, DISPATCH_STATUSES, type DeliveriesView } from '@/lib/delivery/deliveries-view';
import { COUNTER_DISPATCH_STATUSES } from '@/lib/delivery/state-machine';
import { getTranslator } from '@/lib/i18n/server';
import { PerDayChart, RateBar } from './delivery-charts';

/** Counts by status, delivery time, return rate, the per-day chart and the counter row. */
export async function DeliveryOverview({ stats, params }: { stats: NonNullable<DeliveriesView['stats']>; params: DeliveriesView['params'] }) {
  const { t } = await getTranslator();
  return (
    <section className="card" aria-labelledby="overview-heading" data-testid="delivery-overview">
      <h2 id="overview-heading">{t('staff.deliveries.overview')}</h2>
      <dl className="stats">
        {DISPATCH_STATUSES.map((s) => (
          <div key={s}>
            <dt>{t(`problems.delivery.status.${s}`)}</dt>
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
            <dt>{t(`problems.delivery.status.${s}`)}</dt>
            <dd>
              <Link href={`/staff/deliveries?${deliveriesQuery(params, { method: 'counter', status: s, page: 1 })}`} data-testid={`counter-count-${s}`}>{stats.byMethod.counter[s]}</Link>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
