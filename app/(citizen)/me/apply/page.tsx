import { Link } from '@/components/link';
import { requireCitizenPage } from '@/lib/auth/session';
import { expectedCompletionDate } from '@/lib/calendar/working-days';
import { getTranslator } from '@/lib/i18n/server';
import { loadPageData } from '@/lib/page-data';
import { CATEGORY_LABELS } from '@/lib/services/catalog';
import { groupByCategory, parseCatalogueQuery, searchCatalogue } from '@/lib/services/catalogue-search';
import { getPublishedCatalogue } from '@/lib/services/published-catalogue';
import { CatalogueSearch, CategoryNav } from '../../../(public)/services/catalogue-search';
import { ServiceFacts } from '../../../(public)/services/service-facts';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('myApplications.applyTitle') };
}

export default async function ServiceCataloguePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireCitizenPage();
  const search = parseCatalogueQuery(await searchParams);
  const tr = await getTranslator();
  const { t, label } = tr;
  const now = new Date();
  const catalogue = searchCatalogue(await loadPageData((db) => getPublishedCatalogue(db)), search.query);
  return (
    <main>
      <p className="breadcrumb">
        <Link href="/me">{t('myApplications.back')}</Link>
      </p>
      <h1>{t('myApplications.applyTitle')}</h1>
      <p className="lead">{t('myApplications.applyLead')}</p>
      <CatalogueSearch path="/me/apply" search={search} found={catalogue.length} tr={tr} />
      <CategoryNav services={catalogue} tr={tr} />
      {groupByCategory(catalogue).map(({ category, services }) => (
        <section key={category} aria-labelledby={`${category}-heading`}>
          <h2 id={`${category}-heading`}>{label(CATEGORY_LABELS[category])}</h2>
          {services.map((service) => {
            const name = label({ zh: service.nameZh, en: service.nameEn });
            return (
              <article key={service.id} className="card service-card" aria-labelledby={`${service.id}-heading`}>
                <h3 id={`${service.id}-heading`}>{name}</h3>
                <p>{label({ zh: service.summaryZh, en: service.summaryEn })}</p>
                <ServiceFacts service={service} expectedBy={expectedCompletionDate(now, service.deadlineWorkingDays)} tr={tr} />
                <Link className="button" href={`/me/apply/${service.id}`}>
                  {t('services.apply')}
                  <span className="visually-hidden">{t('common.labelled', { label: '', value: name })}</span>
                </Link>
              </article>
            );
          })}
        </section>
      ))}
    </main>
  );
}
