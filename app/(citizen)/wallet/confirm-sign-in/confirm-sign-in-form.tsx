'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import { confirmQrSignInAction, type ConfirmState } from './actions';

export function ConfirmSignInForm({ requestId }: { requestId: string }) {
  const { t, pick } = useTranslator();
  const [state, formAction, isPending] = useActionState<ConfirmState, FormData>(confirmQrSignInAction, null);
  if (state?.status === 'ok') {
    return (
      <div className="alert success" role="status">
        {t('wallet.confirm.confirmed')} <Link href="/wallet">{t('wallet.confirm.back')}</Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="actions">
      <input type="hidden" name="requestId" value={requestId} />
      {state && <div className="alert error" role="alert">{pick(state.message)}</div>}
      <button type="submit" disabled={isPending}>{t('wallet.confirm.yes')}</button>
      <Link className="button secondary" href="/wallet">{t('wallet.confirm.no')}</Link>
    </form>
  );
}
