'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';

export function StaffSignInForm() {
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const router = useRouter();

  function submit(formData: FormData) {
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
        setError('用户名或密码错误 / Wrong username or password');
      }
    });
  }

  return (
    <form action={submit} className="card">
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
      <label htmlFor="username">用户名 <span className="hint">Username</span></label>
      <input id="username" name="username" type="text" autoComplete="username" required />
      <label htmlFor="password">密码 <span className="hint">Password</span></label>
      <input id="password" name="password" type="password" autoComplete="current-password" required />
      <div className="actions">
        <button type="submit" disabled={isPending}>登录 / Sign in</button>
      </div>
    </form>
  );
}
