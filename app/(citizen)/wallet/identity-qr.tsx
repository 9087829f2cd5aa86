'use client';

import { useCallback, useEffect, useState } from 'react';
import { useTranslator } from '@/lib/i18n/client';

type Code = { svg: string; issuedAt: string; expiresAt: string };

/** Fetches a new code when the current one is about to expire, and shows the seconds left. */
export function IdentityQr() {
  const { t, pick, locale } = useTranslator();
  const [code, setCode] = useState<Code | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  const refresh = useCallback(async () => {
    try {
      const response = await fetch('/api/wallet/identity-qr', { method: 'POST', cache: 'no-store' });
      const body = (await response.json()) as { status: string; data?: Code; message?: string };
      if (body.status === 'ok' && body.data) {
        setCode(body.data);
        setError(null);
      } else {
        setError(body.message ? pick(body.message) : t('wallet.qr.failed'));
      }
    } catch {
      setError(t('wallet.qr.network'));
    }
  }, [t, pick]);

  useEffect(() => {
    // The first code arrives after mount; then a new one whenever the current has a second or two left.
    const first = setTimeout(() => void refresh(), 0);
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      clearTimeout(first);
      clearInterval(tick);
    };
  }, [refresh]);

  // Each code schedules its successor two seconds before it expires (or a retry after an error).
  useEffect(() => {
    const delay = code ? Math.max(1000, new Date(code.expiresAt).getTime() - Date.now() - 2000) : error ? 5000 : null;
    if (delay === null) return;
    const timer = setTimeout(() => void refresh(), delay);
    return () => clearTimeout(timer);
  }, [code, error, refresh]);

  const secondsLeft = code ? Math.max(0, Math.round((new Date(code.expiresAt).getTime() - now) / 1000)) : 0;

  return (
    <div className="identity-qr">
      {error && <div className="alert error" role="alert">{error}</div>}
      {code ? (
        <>
          {/* The SVG is made on our server by the qrcode library from an opaque token: no markup from elsewhere. */}
          <div className="qr-image" data-testid="identity-qr" dangerouslySetInnerHTML={{ __html: code.svg }} role="img" aria-label={t('wallet.qr.image')} />
          {/* The countdown changes every second: not a live region (it would talk over everything); the refresh is announced once. */}
          <p className="visually-hidden" role="status">
            {t('wallet.qr.refreshed', { time: new Date(code.issuedAt).toLocaleTimeString(locale === 'en' ? 'en-GB' : 'zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }) })}
          </p>
          <p data-testid="qr-countdown">
            {t('wallet.qr.countdown', { seconds: secondsLeft })}
          </p>
          <p className="hint">{t('wallet.qr.hint')}</p>
        </>
      ) : (
        !error && <p>{t('wallet.qr.making')}</p>
      )}
    </div>
  );
}
