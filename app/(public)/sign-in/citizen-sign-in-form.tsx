'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useActionState, useState, useTransition, type FormEvent } from 'react';
import { FieldError } from '@/components/field-error';
import { useHydrated } from '@/components/use-hydrated';
import { useTranslator } from '@/lib/i18n/client';
import { requestCodeAction, resendCodeAction, startOverAction, type RequestCodeState } from './actions';

type Challenge = { challengeId: string; maskedPhone: string };

/**
 * Two steps: the details, then the code. The code step is the whole form once a code is sent (and
 * after a reload, while the code is usable: `pending` comes from the server); "send a new code" sits
 * apart from the code field, under its own question, so it is not pressed instead of "sign in".
 */
/** `next`: where to go once signed in, a same-site path the page has checked (safeLocalPath). */
export function CitizenSignInForm({ pending, next = '/me' }: { pending: Challenge | null; next?: string }) {
  const { t, pick } = useTranslator();
  const hydrated = useHydrated();
  const [challenge, setChallenge] = useState<Challenge | null>(pending);
  const [wasResent, setWasResent] = useState(false);
  const [state, formAction, isRequesting] = useActionState<RequestCodeState, FormData>(async (previous, formData) => {
    const result = await requestCodeAction(previous, formData);
    if (result?.status === 'ok') {
      setWasResent(false);
      setChallenge(result.data);
    }
    return result;
  }, null);
  const [resendState, resendAction, isResending] = useActionState<RequestCodeState, FormData>(async () => {
    const result = await resendCodeAction();
    if (result?.status === 'ok') {
      setWasResent(true);
      setChallenge(result.data);
    }
    return result;
  }, null);
  const [, startRequesting] = useTransition();
  const [codeError, setCodeError] = useState<string | null>(null);
  const [isVerifying, startVerifying] = useTransition();
  const router = useRouter();
  const fieldErrors = state && state.status === 'invalid' ? (state.fieldErrors ?? {}) : {};

  async function startOver() {
    await startOverAction();
    setChallenge(null);
    setCodeError(null);
  }

  // Submitted by hand so a mistake does not wipe what was typed (a form action resets the form).
  function requestCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isRequesting) return;
    setCodeError(null);
    const formData = new FormData(event.currentTarget);
    startRequesting(() => formAction(formData));
  }

  function verify(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!challenge || isVerifying) return;
    const code = String(new FormData(event.currentTarget).get('code') ?? '').trim();
    if (!/^\d{6}$/.test(code)) {
      setCodeError(t('signIn.codeFormat'));
      return;
    }
    setCodeError(null);
    startVerifying(async () => {
      const response = await signIn('citizen', { challengeId: challenge.challengeId, code, redirect: false });
      if (response?.ok && !response.error) {
        router.push(next);
        router.refresh();
      } else {
        // The server's own words (attempts left, or how long to wait) when it gave them.
        const fromServer = response?.error && response.error !== 'CredentialsSignin' ? response.error : null;
        setCodeError(fromServer ? pick(fromServer) : t('signIn.codeWrong'));
      }
    });
  }

  if (!challenge) {
    return (
      <form method="post" onSubmit={requestCode} className="card" noValidate aria-labelledby="details-heading">
          <h2 id="details-heading">
            <span className="step-label">{t('signIn.step1')}</span>
            {t('signIn.detailsHeading')}
          </h2>
          {state && state.status !== 'ok' && (
            <div className="alert error" role="alert">
              {pick(state.message)}
            </div>
          )}
          <label htmlFor="name">
            {t('signIn.name')} <span className="hint">{t('signIn.nameHint')}</span>
          </label>
          <input id="name" name="name" type="text" autoComplete="name" required aria-invalid={!!fieldErrors.name} aria-describedby="name-error" />
          <FieldError id="name-error" messages={fieldErrors.name} />
          <label htmlFor="idNumber">
            {t('signIn.idNumber')} <span className="hint">{t('signIn.idNumberHint')}</span>
          </label>
          <input
            id="idNumber"
            name="idNumber"
            type="text"
            inputMode="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={18}
            required
            className="mono"
            aria-invalid={!!fieldErrors.idNumber}
            aria-describedby="idNumber-error"
          />
          <FieldError id="idNumber-error" messages={fieldErrors.idNumber} />
          <label htmlFor="phone">
            {t('signIn.phone')} <span className="hint">{t('signIn.phoneHint')}</span>
          </label>
          <input id="phone" name="phone" type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} required aria-invalid={!!fieldErrors.phone} aria-describedby="phone-error" />
          <FieldError id="phone-error" messages={fieldErrors.phone} />
          <div className="actions">
            <button type="submit" disabled={!hydrated || isRequesting} aria-busy={isRequesting}>
              {isRequesting ? t('signIn.checking') : t('signIn.sendCode')}
            </button>
          </div>
        </form>
    );
  }

  return (
    <section className="card" aria-labelledby="code-heading">
      <form method="post" onSubmit={verify} noValidate>
        <h2 id="code-heading">
          <span className="step-label">{t('signIn.step2')}</span>
          {t('signIn.codeHeading')}
        </h2>
        <p role="status">
          {wasResent ? t('signIn.resent', { phone: challenge.maskedPhone }) : t('signIn.codeSent', { phone: challenge.maskedPhone })}
        </p>
        {codeError && (
          <div className="alert error" role="alert" id="code-error">
            {codeError}
          </div>
        )}
        <label htmlFor="code">{t('signIn.code')} <span className="hint">{t('signIn.codeHint')}</span></label>
        <input
          id="code"
          name="code"
          className="code-input"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          autoFocus
          aria-invalid={codeError ? true : undefined}
          aria-describedby={codeError ? 'code-error' : undefined}
        />
        <div className="actions">
          <button type="submit" disabled={!hydrated || isVerifying} aria-busy={isVerifying}>{t('signIn.submit')}</button>
        </div>
      </form>
      <form action={resendAction} className="resend-code" aria-labelledby="no-code">
        <p id="no-code" className="hint">{t('signIn.noCode')}</p>
        {resendState && resendState.status !== 'ok' && (
          <div className="alert error" role="alert">
            {pick(resendState.message)}
          </div>
        )}
        <div className="actions">
          <button type="submit" className="secondary" disabled={isResending} aria-busy={isResending}>{t('signIn.sendNewCode')}</button>
          <button type="button" className="secondary" onClick={() => void startOver()}>{t('signIn.changeDetails')}</button>
        </div>
      </form>
    </section>
  );
}
