import type { Metadata } from 'next';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/session';
import { getTranslator } from '@/lib/i18n/server';
import { CafeRegisterSearch } from './cafe-register-search';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('cafe.police.title') };
}

export default async function CafeRegisterPage() {
  await requireStaffPage(STAFF_ROLES_THAT.searchCafeRegister);
  const { t } = await getTranslator();
  return (
    <main className="wide">
      <h1>{t('cafe.police.heading')}</h1>
      <p className="hint">{t('cafe.police.intro')}</p>
      <CafeRegisterSearch />
    </main>
  );
}
