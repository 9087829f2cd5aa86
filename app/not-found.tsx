import type { Metadata } from 'next';
import Link from 'next/link';
import { getActor } from '@/lib/auth/session';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('errors.notFoundTitle') };
}

export default async function NotFound() {
  const [actor, { t }] = await Promise.all([getActor(), getTranslator()]);
  const home =
    actor?.kind === 'citizen'
      ? { href: '/me', text: t('errors.myApplications') }
      : actor?.kind === 'staff'
        ? { href: '/staff', text: t('errors.staffHome') }
        : { href: '/', text: t('errors.home') };
  return (
    <main className="narrow status-page">
      <p className="code">404</p>
      <h1>{t('errors.notFoundTitle')}</h1>
      <div className="card">
        <p>{t('errors.notFoundText')}</p>
        <div className="actions">
          <Link className="button" href={home.href}>{home.text}</Link>
          {!actor && <Link className="button secondary" href="/sign-in">{t('errors.citizenSignIn')}</Link>}
        </div>
      </div>
    </main>
  );
}
