import type { Metadata } from 'next';
import { Link } from '@/components/link';
import { notFound } from 'next/navigation';
import { loadPageData } from '@/lib/page-data';
import { requireCitizenPage } from '@/lib/auth/session';
import { canShowIdentityQr, getWallet } from '@/lib/identity/wallet';
import { ClientMessages } from '@/lib/i18n/client-messages';
import { getTranslator } from '@/lib/i18n/server';
import { isTerminalVerificationResult } from '@/lib/terminals/kinds';
import { SignOutEverywhereForm } from '@/components/sign-out-everywhere-form';
import { revokePhotoConsentAction } from './actions';
import { EidStatusForm } from './eid-status-form';
import { IdentityQr } from './identity-qr';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('wallet.title') };
}

export default async function WalletPage() {
  const actor = await requireCitizenPage();
  const { t, date, dateTime } = await getTranslator();
  const wallet = await loadPageData((db) => getWallet(db, actor));
  if (!wallet) notFound();
  const { photoConsent } = wallet;
  return (
    <main className="narrow wallet">
      <h1>{t('wallet.heading')}</h1>

      <section className="eid-card" aria-labelledby="eid-card-title" data-testid="eid-card">
        {wallet.card.hasPhoto ? (
          // eslint-disable-next-line @next/next/no-img-element -- a private, per-user image behind a session check
          <img className="eid-photo" src="/api/wallet/photo" alt={t('wallet.photoAlt')} />
        ) : (
          <div className="eid-photo" role="img" aria-label={t('wallet.noPhoto')}>
            {wallet.card.name.slice(0, 1)}
          </div>
        )}
        <div>
          <h2 id="eid-card-title">{t('wallet.eid')}</h2>
          <p className="eid-name">{wallet.card.name}</p>
          <p className="eid-number">{wallet.card.idNumberMasked}</p>
          {wallet.eid ? (
            <p>
              <span className={`badge ${wallet.eid.status === 'active' ? 'valid' : 'revoked'}`} data-testid="eid-status">
                {t(`wallet.eidStatus.${wallet.eid.status}`)}
              </span>{' '}
              L{wallet.eid.assuranceLevel}
            </p>
          ) : (
            <p>
              {t('wallet.notEnrolled')} <Link href="/enrol?next=/wallet">{t('wallet.enrolNow')}</Link>
            </p>
          )}
        </div>
      </section>

      {wallet.eid?.status === 'active' && (
        <section className="card" aria-labelledby="qr-title">
          <h2 id="qr-title">{t('wallet.qrHeading')}</h2>
          {canShowIdentityQr(actor) ? (
            <ClientMessages scope="walletQr"><IdentityQr /></ClientMessages>
          ) : (
            <p>
              {t('wallet.verifyFirst')} <Link href="/enrol?next=/wallet">{t('wallet.verifyNow')}</Link>
            </p>
          )}
        </section>
      )}

      {wallet.eid?.status === 'active' && (
        <section className="card" aria-labelledby="scan-sign-in-title">
          <h2 id="scan-sign-in-title">{t('wallet.scanSignIn.heading')}</h2>
          <p className="hint">{t('wallet.scanSignIn.hint')}</p>
          <Link className="button secondary" href="/wallet/confirm-sign-in">
            {t('wallet.scanSignIn.open')}
          </Link>
        </section>
      )}

      {(wallet.eid?.status === 'active' || wallet.eid?.status === 'suspended') && (
        <section className="card" aria-labelledby="eid-status-title">
          <h2 id="eid-status-title">{t('wallet.statusHeading')}</h2>
          <ClientMessages scope="walletStatus"><EidStatusForm status={wallet.eid.status} /></ClientMessages>
        </section>
      )}

      <section className="card" aria-labelledby="photo-consent-title" data-testid="photo-consent">
        <h2 id="photo-consent-title">{t('wallet.consentHeading')}</h2>
        {photoConsent ? (
          <form action={revokePhotoConsentAction}>
            <p>{t('wallet.consentGiven', { time: dateTime(photoConsent.grantedAt) })}</p>
            <button type="submit" className="secondary">{t('wallet.withdraw')}</button>
          </form>
        ) : (
          <p className="hint">{t('wallet.consentNotGiven')}</p>
        )}
      </section>

      <section className="card" aria-labelledby="credentials-title">
        <h2 id="credentials-title">{t('wallet.credentialsHeading')}</h2>
        <ul className="credential-list" data-testid="credentials">
          {wallet.credentials.map((credential) => (
            <li key={credential.kind}>
              <strong>{t(`wallet.credentialKinds.${credential.kind}`)}</strong>
              {credential.documents.length === 0 ? (
                <div className="hint">{t('wallet.notHeld')}</div>
              ) : (
                credential.documents.map((doc, i) => (
                  <div key={i} className="hint">
                    {doc.numberMasked} · <span className={`badge ${doc.status === 'valid' ? 'valid' : 'revoked'}`}>{t(`wallet.documentStatus.${doc.status}`)}</span> · {doc.expiresOn ? t('wallet.validUntil', { date: date(doc.expiresOn) }) : t('wallet.noExpiry')}
                  </div>
                ))
              )}
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="uses-title">
        <h2 id="uses-title">{t('wallet.usesHeading')}</h2>
        {wallet.uses.length === 0 ? (
          <p className="hint">{t('wallet.nothingYet')}</p>
        ) : (
          <ol className="timeline" data-testid="identity-uses">
            {wallet.uses.map((use) => (
              <li key={use.id}>
                <strong>{t(`wallet.uses.${use.kind}`)}</strong> ·{' '}
                {isTerminalVerificationResult(use.result) ? t(`terminal.result.${use.result}`) : use.result}
                {use.terminalName && <div className="hint">{use.terminalName}</div>}
                <time dateTime={use.createdAt.toISOString()}>{dateTime(use.createdAt)}</time>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">
          {t('wallet.sessions.heading')}
        </h2>
        <p className="hint">{t('wallet.sessions.hint')}</p>
        <SignOutEverywhereForm />
      </section>
    </main>
  );
}
