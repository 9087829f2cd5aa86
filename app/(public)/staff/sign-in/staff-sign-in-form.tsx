'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition, type FormEvent } from 'react';
import { useHydrated } from '@/components/use-hydrated';
import { useTranslator } from '@/lib/i18n/client';
import { beginStaffSignInAction } from './actions';

// Two steps on one page: the password, then (for the enrolled) the code. The attempt token from step one
// lives only in this component's state; a reload starts again from the password.
export function StaffSignInForm() {
  const { t, pick } = useTranslator();
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const router = useRouter();
  const passwordRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (attempt) codeRef.current?.focus();
  }, [attempt]);

  async function finish(attemptToken: string, code: string): Promise<string | null> {
    const response = await signIn('staff', { attempt: attemptToken, code, redirect: false });
    if (response?.ok && !response.error) {
      router.push('/staff');
      router.refresh();
      return null;
    }
    return response?.error && response.error !== 'CredentialsSignin' ? pick(response.error) : t('signIn.staff.codeWrong');
  }

  // Submitted by hand: a failed attempt keeps the username and clears only the password.
  function submitPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const formData = new FormData(event.currentTarget);
    setError(null);
    startTransition(async () => {
      const result = await beginStaffSignInAction(formData);
      if (result.status === 'ok') {
        if (result.data.next === 'code') {
          setAttempt(result.data.attempt);
          return;
        }
        const failure = await finish(result.data.attempt, '');
        if (failure) setError(failure);
        return;
      }
      setError(pick(result.message));
      if (passwordRef.current) {
        passwordRef.current.value = '';
        passwordRef.current.focus();
      }
    });
  }

  function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending || !attempt) return;
    const code = String(new FormData(event.currentTarget).get('code') ?? '');
    setError(null);
    startTransition(async () => {
      const failure = await finish(attempt, code);
      if (!failure) return;
      setError(failure);
      if (codeRef.current) {
        codeRef.current.value = '';
        codeRef.current.focus();
      }
    });
  }

  const errorAlert = error && (
    <div className="alert error" role="alert" id="sign-in-error">
      {error}
    </div>
  );

  if (attempt) {
    return (
      <form method="post" onSubmit={submitCode} className="card" aria-labelledby="code-step-heading">
        <h2 id="code-step-heading">{t('signIn.staff.codeHeading')}</h2>
        {errorAlert}
        <label htmlFor="code">
          {t('signIn.staff.code')} <span className="hint">{t('signIn.staff.codeHint')}</span>
        </label>
        <input
          ref={codeRef}
          id="code"
          name="code"
          type="text"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={16}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'sign-in-error' : undefined}
        />
        <div className="actions">
          <button type="submit" disabled={!hydrated || isPending} aria-busy={isPending}>{t('signIn.staff.verify')}</button>
          <button type="button" className="secondary" onClick={() => { setAttempt(null); setError(null); }}>
            {t('signIn.staff.startOver')}
          </button>
        </div>
      </form>
    );
  }

  return (
    <form method="post" onSubmit={submitPassword} className="card">
      {errorAlert}
      <label htmlFor="username">{t('signIn.staff.username')}</label>
      <input id="username" name="username" type="text" autoComplete="username" autoCapitalize="none" spellCheck={false} required />
      <label htmlFor="password">{t('signIn.staff.password')}</label>
      <input
        ref={passwordRef}
        id="password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'sign-in-error' : undefined}
      />
      <div className="actions">
        <button type="submit" disabled={!hydrated || isPending} aria-busy={isPending}>{t('signIn.staff.submit')}</button>
      </div>
    </form>
  );
}
