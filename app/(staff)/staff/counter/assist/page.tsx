import type { Metadata } from 'next';
import { Link } from '@/components/link';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/session';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { getTranslator } from '@/lib/i18n/server';
import { loadPageData } from '@/lib/page-data';
import { getPublishedCatalogue } from '@/lib/services/published-catalogue';
import { CounterAssistForm, type AssistService } from './counter-assist-form';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('staff.counterAssist.page.title') };
}

/** Assisted service: the clerk scans a citizen's wallet QR and files an application on their behalf. */
export default async function CounterAssistPage() {
  await requireStaffPage(STAFF_ROLES_THAT.assistAtCounter);
  const { t } = await getTranslator();
  // A service that picks among the applicant's own registry records (vehicles, violations) is filed online.
  const catalogue = await loadPageData((db) => getPublishedCatalogue(db));
  const services: AssistService[] = catalogue.filter((s) => s.fields.every((f) => f.kind !== 'registry')).map((s) => ({
    id: s.id,
    name: { zh: s.nameZh, en: s.nameEn },
    fields: s.fields,
    documents: s.documents.map((d) => ({ kind: d.kind, label: { zh: d.labelZh, en: d.labelEn }, isRequired: d.isRequired })),
    deliveryOptions: s.deliveryOptions,
  }));
  return (
    <main className="wide">
      <p className="breadcrumb">
        <Link href="/staff/counter">{t('staff.counterAssist.page.back')}</Link>
      </p>
      <h1>{t('staff.counterAssist.page.heading')}</h1>
      <p className="hint">{t('staff.counterAssist.page.intro')}</p>
      <CounterAssistForm services={services} districts={WUHAN_DISTRICTS.map((d) => ({ code: d.code, name: d.name }))} />
    </main>
  );
}
