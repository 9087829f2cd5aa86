import { Link } from '@/components/link';
import { notFound } from 'next/navigation';
import { loadPageData } from '@/lib/page-data';
import { getCitizenApplicationView } from '@/lib/applications/citizen-application-view';
import { requireCitizenPage } from '@/lib/auth/session';
import { getTranslator } from '@/lib/i18n/server';
import { ApplicationTimeline } from '@/components/application-timeline';
import { ApplicationDocuments } from './application-documents';
import { ApplicationSummary } from './application-summary';
import { CertificateCard } from './certificate-card';
import { StatusMessage } from './status-message';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('myApplications.detail.title') };
}

export default async function ApplicationStatusPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ submitted?: string }> }) {
  const [{ id }, { submitted }] = await Promise.all([params, searchParams]);
  const actor = await requireCitizenPage(`/me/applications/${encodeURIComponent(id)}`);
  const view = await loadPageData(async (db) => getCitizenApplicationView(db, actor, id));
  if (!view) notFound();
  const { t, label, pick } = await getTranslator();
  const { application, service, events } = view;

  return (
    <main>
      <p className="breadcrumb">
        <Link href="/me">{t('myApplications.detail.back')}</Link>
      </p>
      {submitted && (
        <div className="alert success" role="status">
          <h2>{t('myApplications.detail.submittedHeading')}</h2>
          <p>
            {t('myApplications.detail.reference')}: <strong data-testid="reference-number">{application.referenceNumber}</strong>
          </p>
          <p>{t('myApplications.detail.submittedBody')}</p>
        </div>
      )}
      <h1>{service ? label({ zh: service.nameZh, en: service.nameEn }) : ''}</h1>
      <StatusMessage view={view} />
      <ApplicationSummary view={view} />

      <div className="grid-2">
        <section className="card" aria-labelledby="progress-heading">
          <h2 id="progress-heading">{t('myApplications.detail.progress')}</h2>
          {/* Who handled a step is a message reference: translated here, the timeline is a client component. */}
          <ApplicationTimeline events={events.map((e) => ({ ...e, actorLabel: e.actorLabel && pick(e.actorLabel) }))} />
        </section>
        <CertificateCard view={view} />
      </div>
      <ApplicationDocuments view={view} />
    </main>
  );
}
