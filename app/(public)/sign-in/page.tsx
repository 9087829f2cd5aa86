import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { getTranslator } from '@/lib/i18n/server';
import { safeLocalPath } from '@/lib/safe-redirect';
import { CitizenSignInForm } from './citizen-sign-in-form';
import { QrSignIn } from './qr-sign-in';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('signIn.title') };
}

export default async function CitizenSignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const [actor, { t }, { next: requested }] = await Promise.all([getActor(), getTranslator(), searchParams]);
  // Where the citizen was when the session ended (e.g. a draft): only ever a same-site path.
  const next = safeLocalPath(requested, '/me');
  if (actor?.kind === 'citizen') redirect(next);
  return (
    <main className="narrow">
      <h1>{t('signIn.heading')}</h1>
      {next !== '/me' && (
        <div className="alert info" role="status" data-testid="sign-in-to-continue">
          {t('signIn.continueWhereLeft')}
        </div>
      )}
      <p>{t('signIn.intro')}</p>
      <CitizenSignInForm next={next} />
      <QrSignIn next={next} />
      <p className="hint">{t('signIn.privacy')}</p>
      <p className="hint">
        {t('signIn.staffPrefix')} <Link href="/staff/sign-in">{t('signIn.staffLink')}</Link> {t('signIn.staffSuffix')}
      </p>
    </main>
  );
}
