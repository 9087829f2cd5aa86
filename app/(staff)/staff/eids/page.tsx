import type { Metadata } from 'next';
import { requireStaffPage } from '@/lib/auth/session';
import { getTranslator } from '@/lib/i18n/server';
import { EidLookup } from './eid-lookup';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('staff.eids.title') };
}

export default async function EidAdminPage() {
  await requireStaffPage(['supervisor', 'admin']);
  const { t } = await getTranslator();
  return (
    <main className="narrow">
      <h1>{t('staff.eids.heading')}</h1>
      <EidLookup />
    </main>
  );
}
