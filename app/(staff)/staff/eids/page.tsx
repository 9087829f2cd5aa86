import type { Metadata } from 'next';
import { requireStaffPage } from '@/lib/auth/session';
import { getTranslator } from '@/lib/i18n/server';
import { EidLookup } from './eid-lookup';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('staff.eids.title') };
}

export default async function EidAdminPage() {
  await requireStaffPage(STAFF_ROLES_THAT.manageEids);
  const { t } = await getTranslator();
  return (
    <main className="narrow">
      <h1>{t('staff.eids.heading')}</h1>
      <EidLookup />
    </main>
  );
}
