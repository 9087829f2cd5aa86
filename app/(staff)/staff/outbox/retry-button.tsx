'use client';

import { useActionState } from 'react';
import { retryMessageAction, type RetryMessageState } from './actions';

export function RetryButton({ messageId }: { messageId: number }) {
  const [state, formAction, isPending] = useActionState<RetryMessageState, FormData>(retryMessageAction, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="messageId" value={messageId} />
      <button type="submit" className="small" disabled={isPending || state?.status === 'ok'} aria-busy={isPending}>
        {state?.status === 'ok' ? '已重新排队 / Queued' : '立即重试 / Retry now'}
      </button>
      {state && state.status !== 'ok' && (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
