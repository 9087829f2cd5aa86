'use client';

import { useActionState } from 'react';
import { citizenTransitionAction, type CitizenTransitionState } from '../../actions';

const LABELS = {
  withdraw: { text: '撤回申请 / Withdraw', confirm: '确定撤回此申请？撤回后无法恢复。/ Withdraw this application? This cannot be undone.' },
  resubmit: { text: '重新提交 / Resubmit', confirm: null },
} as const;

export function CitizenActions({ applicationId, version, actions }: { applicationId: string; version: number; actions: ('withdraw' | 'resubmit')[] }) {
  const [state, formAction, isPending] = useActionState<CitizenTransitionState, FormData>(citizenTransitionAction, null);
  return (
    <div className="actions">
      {state && state.status !== 'ok' && <div className="alert error" role="alert">{state.message}</div>}
      {actions.map((action) => (
        <form
          key={action}
          action={formAction}
          onSubmit={(e) => {
            const confirmText = LABELS[action].confirm;
            if (confirmText && !window.confirm(confirmText)) e.preventDefault();
          }}
        >
          <input type="hidden" name="applicationId" value={applicationId} />
          <input type="hidden" name="expectedVersion" value={version} />
          <input type="hidden" name="transition" value={action} />
          <button type="submit" className={action === 'withdraw' ? 'secondary' : undefined} disabled={isPending}>
            {LABELS[action].text}
          </button>
        </form>
      ))}
    </div>
  );
}
