import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/session';
import { ClientMessages } from '@/lib/i18n/client-messages';
import { getTranslator } from '@/lib/i18n/server';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { loadPageData } from '@/lib/page-data';
import { designerChoices, getServiceForDesign } from '@/lib/services/designer';
import { ServiceDesigner } from '../../service-designer';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('staff.catalogue.editTitle') };
}

export default async function EditServicePage({ params }: { params: Promise<{ serviceId: string }> }) {
  const actor = await requireStaffPage(STAFF_ROLES_THAT.designServices);
  const { serviceId } = await params;
  const design = await loadPageData((db) => getServiceForDesign(db, actor, serviceId));
  if (!design) notFound();
  const { t, label, dateTime } = await getTranslator();
  return (
    <main className="wide">
      <h1>{t('staff.catalogue.editHeading', { name: label({ zh: design.definition.nameZh, en: design.definition.nameEn }) })}</h1>
      <p className="hint">{t('staff.catalogue.editIntro', { version: design.version })}</p>
      <ClientMessages scope="staffCatalogue">
        <ServiceDesigner initial={design.definition} basedOnVersion={design.version} districts={WUHAN_DISTRICTS} choices={designerChoices()} />
      </ClientMessages>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('staff.catalogue.history')}</h2>
        <ol data-testid="service-history">
          {design.history.map((entry) => (
            <li key={entry.version}>
              {t('staff.catalogue.versionN', { version: entry.version })} · {dateTime(entry.publishedAt)} ·{' '}
              {entry.origin === 'catalogue' ? t('staff.catalogue.fromCatalogue') : t('staff.catalogue.byStaff', { name: entry.publishedBy ?? '—' })}
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}
