import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { getTranslator } from '@/lib/i18n/server';
import { CitizenSignInForm } from './citizen-sign-in-form';
import { QrSignIn } from './qr-sign-in';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('signIn.title') };
}

export default async function CitizenSignInPage() {
  const [actor, { t }] = await Promise.all([getActor(), getTranslator()]);
  if (actor?.kind === 'citizen') redirect('/me');
  return (
    <main className="narrow">
      <h1>{t('signIn.heading')}</h1>
      <p>{t('signIn.intro')}</p>
      <CitizenSignInForm />
      <QrSignIn />
      <p className="hint">{t('signIn.privacy')}</p>
      <p className="hint">
        {t('signIn.staffPrefix')} <Link href="/staff/sign-in">{t('signIn.staffLink')}</Link> {t('signIn.staffSuffix')}
      </p>
    </main>
  );
}
