'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslator } from '@/lib/i18n/client';

type Request = { requestId: string; pollSecret: string; expiresAt: string; matchNumber: number; svg: string };

/** Shows a login QR; when the citizen confirms it in their wallet, this browser signs in and goes to `next` (a checked same-site path). */
export function QrSignIn({ next = '/me' }: { next?: string }) {
  const { t, pick } = useTranslator();
  const [request, setRequest] = useState<Request | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'waiting' | 'expired' | 'cancelled' | 'signing-in' | 'error'>('idle');
  const router = useRouter();
  const signingIn = useRef(false);

  const create = useCallback(async () => {
    const response = await fetch('/api/qr-sign-in', { method: 'POST' });
    if (!response.ok) {
      // Throttled: the server's words say how long to wait.
      const body = (await response.json().catch(() => null)) as { message?: string } | null;
      setRefusal(typeof body?.message === 'string' ? body.message : null);
      setState('error');
      return;
    }
    setRefusal(null);
    setRequest((await response.json()) as Request);
    setState('waiting');
  }, []);

  useEffect(() => {
    if (!request || state !== 'waiting') return;
    const timer = setInterval(async () => {
      if (Date.now() > new Date(request.expiresAt).getTime()) {
        setState('expired');
        return;
      }
      const response = await fetch('/api/qr-sign-in/status', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ requestId: request.requestId, pollSecret: request.pollSecret }) });
      const { status } = (await response.json()) as { status: string };
      if (status === 'approved' && !signingIn.current) {
        signingIn.current = true;
        setState('signing-in');
        const result = await signIn('qr', { requestId: request.requestId, pollSecret: request.pollSecret, redirect: false });
        if (result?.ok && !result.error) {
          router.push(next);
          router.refresh();
        } else {
          signingIn.current = false;
          setState('error');
        }
      } else if (status === 'cancelled') {
        setState('cancelled');
      } else if (status === 'expired' || status === 'consumed' || status === 'unknown') {
        setState('expired');
      }
    }, 1500);
    return () => clearInterval(timer);
  }, [request, state, router, next]);

  return (
    <section className="card" aria-labelledby="qr-sign-in-title">
      <h2 id="qr-sign-in-title">
        {t('signIn.qr.heading')}
      </h2>
      {state === 'idle' && (
        <button type="button" className="secondary" onClick={() => void create()}>
          {t('signIn.qr.show')}
        </button>
      )}
      {request && state === 'waiting' && (
        <>
          <div className="qr-image" style={{ width: 220 }} data-testid="qr-sign-in" dangerouslySetInnerHTML={{ __html: request.svg }} role="img" aria-label={t('signIn.qr.image')} />
          <p role="status">
            {t('signIn.qr.waiting')}
          </p>
          {/* Number matching: the phone offers three numbers; the person picks this one. */}
          <p>
            {t('signIn.qr.matchPrompt')} <strong className="match-number" data-testid="qr-match-number">{request.matchNumber}</strong>
          </p>
        </>
      )}
      {state === 'signing-in' && <p role="status">{t('signIn.qr.signingIn')}</p>}
      {(state === 'expired' || state === 'cancelled' || state === 'error') && (
        <p role="alert">
          {state === 'cancelled' ? t('signIn.qr.cancelled') : refusal ? pick(refusal) : t('signIn.qr.expired')}{' '}
          <button type="button" className="secondary" onClick={() => void create()}>
            {t('signIn.qr.renew')}
          </button>
        </p>
      )}
    </section>
  );
}
