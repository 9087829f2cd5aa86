'use client';

import { useActionState } from 'react';
import { changeEidStatusAction, type EidStatusState } from './actions';

const SUSPEND_CONFIRM = '暂停后，身份码将立即失效，直到您恢复。确定暂停？/ Suspend? Your identity codes stop working until you resume.';

export function EidStatusForm({ status }: { status: 'active' | 'suspended' }) {
  const [state, formAction, isPending] = useActionState<EidStatusState, FormData>(changeEidStatusAction, null);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (status === 'active' && !window.confirm(SUSPEND_CONFIRM)) e.preventDefault();
      }}
    >
      {state && state.status !== 'ok' && <div className="alert error" role="alert">{state.message}</div>}
      <input type="hidden" name="change" value={status === 'active' ? 'suspend' : 'resume'} />
      {status === 'active' ? (
        <>
          <p className="hint">
            手机丢失或怀疑身份被冒用？立即暂停电子身份证。/ Lost your phone, or think someone is using your identity? Suspend your e-ID now.
          </p>
          <button type="submit" className="danger-outline" disabled={isPending}>暂停电子身份证 / Suspend my e-ID</button>
        </>
      ) : (
        <>
          <p className="hint">恢复需要本次登录已通过问卷验证。/ Resuming needs this sign-in to have passed the questionnaire.</p>
          <button type="submit" disabled={isPending}>恢复电子身份证 / Resume my e-ID</button>
        </>
      )}
    </form>
  );
}
