import { Link } from '@/components/link';
import { expectedCompletionDate } from '@/lib/calendar/working-days';
import { getTranslator } from '@/lib/i18n/server';
import { loadPageData } from '@/lib/page-data';
import { CATEGORY_LABELS } from '@/lib/services/catalog';
import { groupByCategory, parseCatalogueQuery, searchCatalogue } from '@/lib/services/catalogue-search';
import { getPublishedCatalogue } from '@/lib/services/published-catalogue';
import { CatalogueSearch, CategoryNav } from './catalogue-search';
import { ServiceFacts } from './service-facts';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('services.catalogueTitle') };
}

export default async function PublicServicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = parseCatalogueQuery(await searchParams);
  const tr = await getTranslator();
  const { t, label } = tr;
  const now = new Date();
  const catalogue = searchCatalogue(await loadPageData((db) => getPublishedCatalogue(db)), search.query);
  return (
    <main>
      <h1>{t('services.catalogueTitle')}</h1>
      <p className="lead">{t('services.catalogueLead')}</p>
      <CatalogueSearch path="/services" search={search} found={catalogue.length} tr={tr} />
      <CategoryNav services={catalogue} tr={tr} />
      {groupByCategory(catalogue).map(({ category, services }) => (
        <section key={category} aria-labelledby={`${category}-heading`}>
          <h2 id={`${category}-heading`}>{label(CATEGORY_LABELS[category])}</h2>
          {services.map((service) => (
            <article key={service.id} className="card service-card" aria-labelledby={`${service.id}-heading`}>
              <h3 id={`${service.id}-heading`}>{label({ zh: service.nameZh, en: service.nameEn })}</h3>
              <p>{label({ zh: service.summaryZh, en: service.summaryEn })}</p>
              <ServiceFacts service={service} expectedBy={expectedCompletionDate(now, service.deadlineWorkingDays)} tr={tr} />
              <p className="actions">
                <Link className="button secondary" href={`/services/${service.id}`}>
                  {t('services.details')}
                  <span className="visually-hidden">{t('common.labelled', { label: '', value: label({ zh: service.nameZh, en: service.nameEn }) })}</span>
                </Link>
              </p>
            </article>
          ))}
        </section>
      ))}
    </main>
  );
}
