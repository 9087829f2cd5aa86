import { Link } from '@/components/link';
import { notFound } from 'next/navigation';
import { expectedCompletionDate } from '@/lib/calendar/working-days';
import { getTranslator } from '@/lib/i18n/server';
import { loadPageData } from '@/lib/page-data';
import { CATEGORY_LABELS } from '@/lib/services/catalog';
import { findPublishedService } from '@/lib/services/published-catalogue';
import { ServiceFacts } from '../service-facts';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const service = await loadPageData((db) => findPublishedService(db, id));
  const { label, t } = await getTranslator();
  return { title: service ? label({ zh: service.nameZh, en: service.nameEn }) : t('services.catalogueTitle') };
}

export default async function ServiceGuidePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const service = await loadPageData((db) => findPublishedService(db, id));
  if (!service) notFound();
  const tr = await getTranslator();
  const { t, label, date } = tr;
  const expectedBy = expectedCompletionDate(new Date(), service.deadlineWorkingDays);
  const name = label({ zh: service.nameZh, en: service.nameEn });
  return (
    <main className="narrow" style={{ maxWidth: 760 }}>
      <p className="breadcrumb">
        <Link href="/services">{t('services.backToCatalogue')}</Link>
      </p>
      <span className="step-label">{label(CATEGORY_LABELS[service.category])}</span>
      <h1>{name}</h1>
      <p>{label({ zh: service.summaryZh, en: service.summaryEn })}</p>
      <div className="alert info">
        {t('services.expectedDecision', { date: date(expectedBy), days: service.deadlineWorkingDays })} {t('services.expectedByNote')}
      </div>
      <section className="card">
        <ServiceFacts service={service} expectedBy={expectedBy} tr={tr} full />
      </section>
      <p className="actions">
        <Link className="button" href={`/me/apply/${service.id}`}>
          {t('services.applyNamed', { name })}
        </Link>
      </p>
    </main>
  );
}
