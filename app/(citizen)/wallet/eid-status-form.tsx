'use client';

import { useActionState } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import { changeEidStatusAction, type EidStatusState } from './actions';

export function EidStatusForm({ status }: { status: 'active' | 'suspended' }) {
  const { t, pick } = useTranslator();
  const [state, formAction, isPending] = useActionState<EidStatusState, FormData>(changeEidStatusAction, null);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (status === 'active' && !window.confirm(t('wallet.status.suspendConfirm'))) e.preventDefault();
      }}
    >
      {state && state.status !== 'ok' && <div className="alert error" role="alert">{pick(state.message)}</div>}
      <input type="hidden" name="change" value={status === 'active' ? 'suspend' : 'resume'} />
      {status === 'active' ? (
        <>
          <p className="hint">{t('wallet.status.suspendHint')}</p>
          <button type="submit" className="danger-outline" disabled={isPending}>{t('wallet.status.suspend')}</button>
        </>
      ) : (
        <>
          <p className="hint">{t('wallet.status.resumeHint')}</p>
          <button type="submit" disabled={isPending}>{t('wallet.status.resume')}</button>
        </>
      )}
    </form>
  );
}
