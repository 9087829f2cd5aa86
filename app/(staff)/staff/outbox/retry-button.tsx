'use client';

import { useActionState } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import { retryMessageAction, type RetryMessageState } from './actions';

export function RetryButton({ messageId }: { messageId: number }) {
  const { t, pick } = useTranslator();
  const [state, formAction, isPending] = useActionState<RetryMessageState, FormData>(retryMessageAction, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="messageId" value={messageId} />
      <button type="submit" className="small" disabled={isPending || state?.status === 'ok'} aria-busy={isPending}>
        {state?.status === 'ok' ? t('staff.outbox.queued') : t('staff.outbox.retry')}
      </button>
      {state && state.status !== 'ok' && (
        <p className="field-error" role="alert">
          {pick(state.message)}
        </p>
      )}
    </form>
  );
}
