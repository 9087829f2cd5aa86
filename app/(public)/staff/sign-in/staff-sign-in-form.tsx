'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition, type FormEvent } from 'react';
import { useTranslator } from '@/lib/i18n/client';

export function StaffSignInForm() {
  const { t, pick } = useTranslator();
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const router = useRouter();
  const passwordRef = useRef<HTMLInputElement>(null);

  // Submitted by hand: a failed attempt keeps the username and clears only the password.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const formData = new FormData(event.currentTarget);
    setError(null);
    startTransition(async () => {
      const response = await signIn('staff', {
        username: String(formData.get('username') ?? ''),
        password: String(formData.get('password') ?? ''),
        otp: String(formData.get('otp') ?? ''),
        redirect: false,
      });
      if (response?.ok && !response.error) {
        router.push('/staff');
        router.refresh();
      } else {
        // next-auth says CredentialsSignin for the generic failure; anything else is the server's own message.
        const message = response?.error && response.error !== 'CredentialsSignin' ? response.error : null;
        setError(message ? pick(message) : t('signIn.staff.wrong'));
        if (passwordRef.current) {
          passwordRef.current.value = '';
          passwordRef.current.focus();
        }
      }
    });
  }

  return (
    <form onSubmit={submit} className="card">
      {error && (
        <div className="alert error" role="alert" id="sign-in-error">
          {error}
        </div>
      )}
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
      <label htmlFor="otp">
        {t('signIn.staff.otp')} <span className="hint">{t('signIn.staff.otpHint')}</span>
      </label>
      <input id="otp" name="otp" type="text" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} />
      <div className="actions">
        <button type="submit" disabled={isPending} aria-busy={isPending}>{t('signIn.staff.submit')}</button>
      </div>
    </form>
  );
}
