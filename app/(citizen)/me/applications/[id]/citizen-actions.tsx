'use client';

import { useActionState } from 'react';
import { citizenTransitionAction, type CitizenTransitionState } from '../../actions';

type CitizenTransition = 'withdraw' | 'resubmit';

const WITHDRAW_CONFIRM = '确定撤回此申请？撤回后无法恢复，如需办理须重新申请。/ Withdraw this application? This cannot be undone; you would have to apply again.';

/** Resubmit is the main way on; withdrawing is kept apart and styled as the irreversible step it is. */
export function CitizenActions({ applicationId, version, actions }: { applicationId: string; version: number; actions: CitizenTransition[] }) {
  const [state, formAction, isPending] = useActionState<CitizenTransitionState, FormData>(citizenTransitionAction, null);

  function hiddenFields(action: CitizenTransition) {
    return (
      <>
        <input type="hidden" name="applicationId" value={applicationId} />
        <input type="hidden" name="expectedVersion" value={version} />
        <input type="hidden" name="transition" value={action} />
      </>
    );
  }

  return (
    <>
      {state && state.status !== 'ok' && <div className="alert error" role="alert">{state.message}</div>}
      {actions.includes('resubmit') && (
        <form action={formAction} className="actions">
          {hiddenFields('resubmit')}
          <button type="submit" disabled={isPending} aria-busy={isPending}>重新提交 / Resubmit</button>
        </form>
      )}
      {actions.includes('withdraw') && (
        <form
          action={formAction}
          className="withdraw-box"
          onSubmit={(e) => {
            if (!window.confirm(WITHDRAW_CONFIRM)) e.preventDefault();
          }}
        >
          {hiddenFields('withdraw')}
          <p className="hint" style={{ margin: '0 0 8px' }}>
            不再需要办理？可在作出决定前撤回申请，撤回后无法恢复。/ No longer needed? You can withdraw before a decision; this cannot be undone.
          </p>
          <button type="submit" className="danger-outline small" disabled={isPending}>撤回申请 / Withdraw</button>
        </form>
      )}
    </>
  );
}
