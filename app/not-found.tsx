import type { Metadata } from 'next';
import { Link } from '@/components/link';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('errors.notFoundTitle') };
}

// The page does not resolve the caller (no session decoding, no SQL): the header above it already
// shows a signed-in reader their own navigation, so the way back is the same for everyone.
export default async function NotFound() {
  const { t } = await getTranslator();
  return (
    <main className="narrow status-page">
      <p className="code">404</p>
      <h1>{t('errors.notFoundTitle')}</h1>
      <div className="card">
        <p>{t('errors.notFoundText')}</p>
        <div className="actions">
          <Link className="button" href="/">{t('errors.home')}</Link>
          <Link className="button secondary" href="/me">{t('errors.myApplications')}</Link>
        </div>
      </div>
    </main>
  );
}
