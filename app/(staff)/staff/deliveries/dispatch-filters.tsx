import { deliveriesQuery, DISPATCH_STATUSES, type DeliveriesView } from '@/lib/delivery/deliveries-view';
import { COURIERS } from '@/lib/delivery/state-machine';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { getTranslator } from '@/lib/i18n/server';

/** The list's filters (a plain GET form) and the CSV export of what they select. */
export async function DispatchFilters({ params }: { params: DeliveriesView['params'] }) {
  const { t } = await getTranslator();
  return (
    <form method="get" className="filters" aria-label={t('staff.deliveries.filters')}>
      <label>
        {t('staff.deliveries.status')}
        <select name="status" defaultValue={params.status}>
          <option value="all">{t('staff.deliveries.all')}</option>
          {DISPATCH_STATUSES.map((s) => <option key={s} value={s}>{t(`problems.delivery.status.${s}`)}</option>)}
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
      <a className="button secondary small" href={`/api/deliveries/export?${deliveriesQuery(params, { page: 1 })}`} download>{t('staff.deliveries.exportCsv')}</a>
    </form>
  );
}
