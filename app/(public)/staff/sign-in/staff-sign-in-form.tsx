'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition, type FormEvent } from 'react';
import { useTranslator } from '@/lib/i18n/client';

export function StaffSignInForm() {
  const { t } = useTranslator();
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
        redirect: false,
      });
      if (response?.ok && !response.error) {
        router.push('/staff');
        router.refresh();
      } else {
        setError(t('signIn.staff.wrong'));
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
      <div className="actions">
        <button type="submit" disabled={isPending} aria-busy={isPending}>{t('signIn.staff.submit')}</button>
      </div>
    </form>
  );
}
