import type { Metadata } from 'next';
import { Link } from '@/components/link';
import { loadPageData } from '@/lib/page-data';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/session';
import { deliveriesQuery, getDeliveriesView } from '@/lib/delivery/deliveries-view';
import { getTranslator } from '@/lib/i18n/server';
import { DeliveryOverview } from './delivery-overview';
import { DeliveryWorklist } from './delivery-worklist';
import { DispatchFilters } from './dispatch-filters';
import { DispatchTable } from './dispatch-table';
import { ManifestImportForm } from './manifest-import-form';
import { PrintBatchForm } from './print-batch-form';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('staff.deliveries.title') };
}

export default async function DeliveriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage(STAFF_ROLES_THAT.manageDeliveries);
  const view = await loadPageData(async (db) => getDeliveriesView(db, actor, await searchParams));
  const { t } = await getTranslator();
  const { params, stats, worklist, readyToPrint, batches, total, pageCount } = view;
  const filterLabel = params.status === 'all' ? t('staff.deliveries.all') : t(`problems.delivery.status.${params.status}`);
  const pageHref = (page: number) => `/staff/deliveries?${deliveriesQuery(params, { page })}`;
  return (
    <main className="wide">
      <h1>{t('staff.deliveries.heading')}</h1>
      <p className="hint">{t('staff.deliveries.intro')}</p>
      {stats && <DeliveryOverview stats={stats} params={params} />}
      <DeliveryWorklist worklist={worklist} />

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
      <DispatchFilters params={params} />

      <p className="hint" aria-live="polite">
        {t('staff.deliveries.totalBefore', { filter: filterLabel })} <span data-testid="dispatch-total">{total}</span> {t('staff.deliveries.totalAfter')}
      </p>
      <DispatchTable view={view} filterLabel={filterLabel} />
      {pageCount > 1 && (
        <nav className="pager" aria-label={t('staff.deliveries.pages')}>
          {params.page > 1 && <Link className="button secondary small" href={pageHref(params.page - 1)}>{t('staff.deliveries.previous')}</Link>}
          <span>{t('staff.deliveries.page', { page: params.page, count: pageCount })}</span>
          {params.page < pageCount && <Link className="button secondary small" href={pageHref(params.page + 1)}>{t('staff.deliveries.next')}</Link>}
        </nav>
      )}
    </main>
  );
}
