import type { Metadata } from 'next';
import { Link } from '@/components/link';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { loadPageData } from '@/lib/page-data';
import { readPendingChallenge, SIGN_IN_CHALLENGE_COOKIE } from '@/lib/auth/citizen-sign-in';
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
  // A reload after the code was sent stays on the code step while that code is still usable.
  const pending = await loadPageData(async (db) => readPendingChallenge(db, (await cookies()).get(SIGN_IN_CHALLENGE_COOKIE)?.value));
  return (
    <main className="narrow">
      <h1>{t('signIn.heading')}</h1>
      {next !== '/me' && (
        <div className="alert info" role="status" data-testid="sign-in-to-continue">
          {t('signIn.continueWhereLeft')}
        </div>
      )}
      <p>{t('signIn.intro')}</p>
      <CitizenSignInForm next={next} pending={pending && { challengeId: pending.challengeId, maskedPhone: pending.maskedPhone }} />
      <QrSignIn next={next} />
      <p className="hint">{t('signIn.privacy')}</p>
      <p className="hint">
        {t('signIn.staffPrefix')} <Link href="/staff/sign-in">{t('signIn.staffLink')}</Link> {t('signIn.staffSuffix')}
      </p>
    </main>
  );
}
