import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { loadPageData } from '@/lib/page-data';
import { getTranslator } from '@/lib/i18n/server';
import { clientAddressFrom } from '@/lib/http/client-address';
import { verifyCertificate } from '@/lib/certificates/verify-certificate';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('verify.title'), robots: { index: false } };
}
export const dynamic = 'force-dynamic';

const VERDICT_CLASS = { valid: 'success', revoked: 'error', superseded: 'error', tampered: 'error' } as const;

/** Public: what a QR scan tells anyone — genuine or not, and the holder's name masked. */
export default async function VerifyPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [result, { t, locale, dateTime }] = await Promise.all([
    loadPageData(async (db) => verifyCertificate(db, token, clientAddressFrom(await headers()))),
    getTranslator(),
  ]);
  if (!result.found && result.throttledForSeconds) {
    return (
      <main className="narrow">
        <h1>{t('verify.heading')}</h1>
        <div className="alert error" role="alert" data-testid="verdict">
          {t('verify.throttled', { seconds: result.throttledForSeconds })}
        </div>
      </main>
    );
  }
  return (
    <main className="narrow">
      <h1>{t('verify.heading')}</h1>
      {!result.found ? (
        <>
          <div className="alert error" role="alert" data-testid="verdict">
            <h2>{t('verify.notFoundHeading')}</h2>
            {t('verify.notFoundText')}
          </div>
          <section className="card" aria-labelledby="what-to-do-heading">
            <h2 id="what-to-do-heading">{t('verify.whatToDo')}</h2>
            <ul>
              <li>{t('verify.adviceScan')}</li>
              <li>{t('verify.adviceReport')}</li>
            </ul>
          </section>
        </>
      ) : (
        <>
          <div className={`alert ${VERDICT_CLASS[result.status]}`} role="status" data-testid="verdict">
            <h2>{t(`verify.verdicts.${result.status}`)}</h2>
            <div>{t(`verify.verdictTexts.${result.status}`)}</div>
          </div>
          <section className="card" aria-labelledby="certificate-heading">
            <h2 id="certificate-heading">{t('verify.details')}</h2>
            <dl className="facts">
              <dt>{t('verify.certificate')}</dt>
              <dd>{locale === 'en' ? result.kindEn : result.kindZh}</dd>
              <dt>{t('verify.serial')}</dt>
              <dd className="mono">{result.serialNumber}</dd>
              <dt>{t('verify.holder')}</dt>
              <dd data-testid="holder">{result.holderNameMasked}</dd>
              <dt>{t('verify.issued')}</dt>
              <dd>{dateTime(result.issuedAt)}</dd>
              <dt>{t('verify.checked')}</dt>
              <dd>{dateTime(new Date())}</dd>
            </dl>
            <p className="hint" style={{ marginTop: 12 }}>{t('verify.privacy')}</p>
          </section>
        </>
      )}
    </main>
  );
}
