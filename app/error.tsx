'use client';

import { Link } from '@/components/link';
import { useTranslator } from '@/lib/i18n/client';

/** Any unexpected failure below the layout: a plain apology and a way on, never the error's details. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { t } = useTranslator();
  return (
    <main className="narrow status-page">
      <h1>{t('errors.errorTitle')}</h1>
      <div className="card">
        <p>{t('errors.errorText')}</p>
        <div className="actions">
          <button type="button" onClick={() => reset()}>{t('errors.tryAgain')}</button>
          <Link className="button secondary" href="/">{t('errors.home')}</Link>
        </div>
      </div>
    </main>
  );
}
