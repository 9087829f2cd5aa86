import type { Metadata } from 'next';
import { loadPageData } from '@/lib/page-data';
import { Link } from '@/components/link';
import { canAssistAtCounter, STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/session';
import { listCounterPickups } from '@/lib/delivery/queries';
import { getTranslator } from '@/lib/i18n/server';
import { districtName } from '@/lib/places';
import { CounterPickupForm } from '../../deliveries/counter-pickup-form';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('staff.counter.title') };
}

/** The counter clerk's list: certificates waiting at their district's counter, each handed over after the identity check. */
export default async function CounterPage() {
  const actor = await requireStaffPage(STAFF_ROLES_THAT.handOverAtCounter);
  const { t, pick, dateTime } = await getTranslator();
  const rows = await loadPageData(async (db) => listCounterPickups(db, actor));
  return (
    <main className="wide">
      <h1>{t('staff.counter.heading')}</h1>
      <p className="hint">{t('staff.counter.intro')}</p>
      {canAssistAtCounter(actor) && (
        <p>
          <Link href="/staff/counter/assist">{t('staff.counter.assistLink')}</Link>
        </p>
      )}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('staff.counter.heading')}>
        <table className="data" data-testid="counter-table">
          <caption className="visually-hidden">{t('staff.counter.caption', { total: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.counter.serial')}</th>
              <th scope="col">{t('staff.counter.reference')}</th>
              <th scope="col">{t('staff.counter.holder')}</th>
              <th scope="col">{t('staff.counter.office')}</th>
              <th scope="col">{t('staff.counter.readySince')}</th>
              <th scope="col">{t('staff.counter.handOver')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-reference={row.referenceNumber}>
                <td className="mono nowrap">{row.serialNumber}</td>
                <td className="mono nowrap">{row.referenceNumber}</td>
                <td>{row.recipientName}</td>
                <td>
                  {districtName(row.districtCode)}
                  {row.method === 'counter' && <div className="hint">{pick(row.address)}</div>}
                </td>
                <td className="nowrap">
                  {dateTime(row.updatedAt)}
                  {row.pickupRemindedAt && <div className="hint">{t('staff.counter.reminded', { time: dateTime(row.pickupRemindedAt) })}</div>}
                </td>
                <td>
                  <CounterPickupForm dispatchId={row.id} version={row.version} />
                </td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={6} className="empty">{t('staff.counter.empty')}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </main>
  );
}
