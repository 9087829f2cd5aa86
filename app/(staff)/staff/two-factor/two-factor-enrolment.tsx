'use client';

import { useActionState, useState, useTransition } from 'react';
import { confirmEnrolmentAction, startEnrolmentAction, type EnrolmentState } from './actions';

export function TwoFactorEnrolment() {
  const [started, setStarted] = useState<EnrolmentState>(null);
  const [isStarting, startStarting] = useTransition();
  const [confirmed, confirmAction, isConfirming] = useActionState<EnrolmentState, FormData>(confirmEnrolmentAction, null);
  const enrolment = started?.status === 'ok' && 'secret' in started.data ? started.data : null;

  if (confirmed?.status === 'ok') {
    return <div className="alert success" role="status">两步验证已开通，下次登录时请输入验证码。 <span className="en">Two-factor sign-in is on: enter a code at your next sign-in.</span></div>;
  }
  return (
    <div className="card">
      {started && started.status !== 'ok' && <div className="alert error" role="alert">{started.message}</div>}
      {!enrolment ? (
        <button type="button" disabled={isStarting} onClick={() => startStarting(async () => setStarted(await startEnrolmentAction()))}>
          生成二维码 / Show the QR code
        </button>
      ) : (
        <form action={confirmAction}>
          {/* eslint-disable-next-line @next/next/no-img-element -- an inline data URL, nothing to optimise */}
          <img src={enrolment.qrSvgDataUrl} alt="两步验证二维码 / Two-factor QR code" width={220} height={220} data-testid="totp-qr" />
          <p className="hint">
            无法扫码时手动输入密钥 / Or type the key: <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          {confirmed && <div className="alert error" role="alert">{confirmed.message}</div>}
          <label htmlFor="code">验证器显示的 6 位数字 <span className="hint">The 6 digits your app shows</span></label>
          <input id="code" name="code" type="text" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required />
          <div className="actions">
            <button type="submit" disabled={isConfirming}>开通 / Turn on</button>
          </div>
        </form>
      )}
    </div>
  );
}
