import type { Metadata } from 'next';
import { Link } from '@/components/link';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/session';
import { getTranslator } from '@/lib/i18n/server';
import { loadPageData } from '@/lib/page-data';
import { CATEGORY_LABELS } from '@/lib/services/catalog';
import { listServicesForDesign } from '@/lib/services/designer';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('staff.catalogue.title') };
}

export default async function CataloguePage({ searchParams }: { searchParams: Promise<{ published?: string; version?: string }> }) {
  const actor = await requireStaffPage(STAFF_ROLES_THAT.designServices);
  const rows = await loadPageData((db) => listServicesForDesign(db, actor));
  const { published, version } = await searchParams;
  const { t, label } = await getTranslator();
  const justPublished = rows.find((r) => r.id === published && String(r.version) === version);
  return (
    <main className="wide">
      <h1>{t('staff.catalogue.heading')}</h1>
      <p className="hint">{t('staff.catalogue.intro')}</p>
      {justPublished && (
        <p className="alert success" role="status" data-testid="catalogue-published">
          {t('staff.catalogue.published', { name: label({ zh: justPublished.nameZh, en: justPublished.nameEn }), version: justPublished.version })}
        </p>
      )}
      <p>
        <Link className="button" href="/staff/catalogue/new">
          {t('staff.catalogue.new')}
        </Link>
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('staff.catalogue.list')}>
        <table className="data" data-testid="catalogue-table">
          <caption className="visually-hidden">{t('staff.catalogue.caption', { count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.catalogue.name')}</th>
              <th scope="col">{t('staff.catalogue.category')}</th>
              <th scope="col">{t('staff.catalogue.version')}</th>
              <th scope="col">{t('staff.catalogue.level')}</th>
              <th scope="col">{t('staff.catalogue.deadline')}</th>
              <th scope="col">{t('staff.catalogue.chain')}</th>
              <th scope="col">{t('staff.catalogue.contents')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-service-id={row.id}>
                <td>
                  <Link href={`/staff/catalogue/edit/${row.id}`}>{label({ zh: row.nameZh, en: row.nameEn })}</Link>
                  <div className="hint mono">{row.id}</div>
                </td>
                <td>{label(CATEGORY_LABELS[row.category])}</td>
                <td className="nowrap">{t('staff.catalogue.versionN', { version: row.version })}</td>
                <td>L{row.requiredAssuranceLevel}</td>
                <td className="nowrap">{t('staff.catalogue.days', { days: row.deadlineWorkingDays })}</td>
                <td>{t(row.approvalChain === 'clerk' ? 'staff.catalogue.chainClerk' : 'staff.catalogue.chainTwo')}</td>
                <td className="nowrap">{t('staff.catalogue.counts', { fields: row.fieldCount, documents: row.documentCount })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
