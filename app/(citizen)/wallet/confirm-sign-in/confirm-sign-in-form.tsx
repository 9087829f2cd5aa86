'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { confirmQrSignInAction, type ConfirmState } from './actions';

export function ConfirmSignInForm({ requestId }: { requestId: string }) {
  const [state, formAction, isPending] = useActionState<ConfirmState, FormData>(confirmQrSignInAction, null);
  if (state?.status === 'ok') {
    return (
      <div className="alert success" role="status">
        已确认，电脑将自动登录。/ Confirmed: the computer signs in now. <Link href="/wallet">返回卡包 / Back to the wallet</Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="actions">
      <input type="hidden" name="requestId" value={requestId} />
      {state && <div className="alert error" role="alert">{state.message}</div>}
      <button type="submit" disabled={isPending}>确认登录 / Yes, sign in there</button>
      <Link className="button secondary" href="/wallet">不是我 / No</Link>
    </form>
  );
}
