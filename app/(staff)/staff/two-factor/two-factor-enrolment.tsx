'use client';

import { useActionState, useState, useTransition } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import { confirmEnrolmentAction, startEnrolmentAction, type EnrolmentStart, type EnrolmentState } from './actions';
import { RecoveryCodesList } from './recovery-codes-list';

export function TwoFactorEnrolment() {
  const { t, pick } = useTranslator();
  const [started, setStarted] = useState<EnrolmentStart>(null);
  const [isStarting, startStarting] = useTransition();
  const [confirmed, confirmAction, isConfirming] = useActionState<EnrolmentState, FormData>(confirmEnrolmentAction, null);
  const enrolment = started?.status === 'ok' ? started.data : null;

  if (confirmed?.status === 'ok') {
    return (
      <>
        <div className="alert success" role="status">{t('staff.twoFactor.done')}</div>
        <RecoveryCodesList codes={confirmed.data.recoveryCodes} />
        <p>
          {/* A full page load, so the header too sees the session that has now passed the second factor. */}
          <a href="/staff">{t('staff.twoFactor.toPortal')}</a>
        </p>
      </>
    );
  }
  return (
    <div className="card">
      {started && started.status !== 'ok' && <div className="alert error" role="alert">{pick(started.message)}</div>}
      {!enrolment ? (
        <button type="button" disabled={isStarting} onClick={() => startStarting(async () => setStarted(await startEnrolmentAction()))}>
          {t('staff.twoFactor.showQr')}
        </button>
      ) : (
        <form action={confirmAction}>
          {/* eslint-disable-next-line @next/next/no-img-element -- an inline data URL, nothing to optimise */}
          <img src={enrolment.qrSvgDataUrl} alt={t('staff.twoFactor.qrAlt')} width={220} height={220} data-testid="totp-qr" />
          <p className="hint">
            {t('staff.twoFactor.typeKey')} <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          {confirmed && <div className="alert error" role="alert">{pick(confirmed.message)}</div>}
          <label htmlFor="code">{t('staff.twoFactor.codeLabel')}</label>
          <input id="code" name="code" type="text" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required />
          <div className="actions">
            <button type="submit" disabled={isConfirming}>{t('staff.twoFactor.turnOn')}</button>
          </div>
        </form>
      )}
    </div>
  );
}
