'use client';

import { useCallback, useEffect, useState } from 'react';

type Code = { svg: string; issuedAt: string; expiresAt: string };

/** Fetches a new code when the current one is about to expire, and shows the seconds left. */
export function IdentityQr() {
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
        setError(body.message ?? '无法生成身份码 / Could not make a code');
      }
    } catch {
      setError('网络异常，正在重试 / Network problem; retrying');
    }
  }, []);

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
          <div className="qr-image" data-testid="identity-qr" dangerouslySetInnerHTML={{ __html: code.svg }} role="img" aria-label="身份码二维码 / Identity QR code" />
          <p aria-live="polite" data-testid="qr-countdown">
            {secondsLeft} 秒后自动刷新 <span className="en">refreshes in {secondsLeft} s</span>
          </p>
          <p className="hint">
            身份码每分钟更新，截图一分钟后即失效；码中不含姓名和身份证号。
            <span className="en"> The code changes every minute, so a screenshot is useless a minute later; it holds neither your name nor your ID number.</span>
          </p>
        </>
      ) : (
        !error && <p>正在生成 / Making your code…</p>
      )}
    </div>
  );
}
