import type { Metadata } from 'next';
import { Link } from '@/components/link';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { getTranslator } from '@/lib/i18n/server';
import { StaffSignInForm } from './staff-sign-in-form';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('signIn.staff.title') };
}

export default async function StaffSignInPage() {
  const [actor, { t }] = await Promise.all([getActor(), getTranslator()]);
  if (actor?.kind === 'staff') redirect('/staff');
  return (
    <main className="narrow">
      <h1>{t('signIn.staff.heading')}</h1>
      <div className="alert info">{t('signIn.staff.notice')}</div>
      <StaffSignInForm />
      <p className="hint">
        {t('signIn.staff.citizenPrefix')} <Link href="/sign-in">{t('signIn.staff.citizenLink')}</Link> {t('signIn.staff.citizenSuffix')}
      </p>
    </main>
  );
}
