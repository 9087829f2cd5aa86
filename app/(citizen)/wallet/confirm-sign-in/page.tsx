import type { Metadata } from 'next';
import { requireCitizenPage } from '@/lib/auth/session';
import { getTranslator } from '@/lib/i18n/server';
import { ConfirmSignInForm } from './confirm-sign-in-form';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('wallet.confirm.title') };
}

export default async function ConfirmSignInPage({ searchParams }: { searchParams: Promise<{ request?: string }> }) {
  await requireCitizenPage();
  const { t } = await getTranslator();
  const { request } = await searchParams;
  return (
    <main className="narrow">
      <h1>{t('wallet.confirm.heading')}</h1>
      {/* An old-style link (?request=…) confirms nothing: only the wallet's scan of the screen can. */}
      {request !== undefined && (
        <div className="alert info" role="status">
          {t('wallet.confirm.linkRefused')}
        </div>
      )}
      <p>{t('wallet.confirm.intro')}</p>
      <ConfirmSignInForm />
    </main>
  );
}
