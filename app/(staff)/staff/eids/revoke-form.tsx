'use client';

import { useActionState } from 'react';
import { FieldError } from '@/components/field-error';
import { revokeEidAction, type RevokeState } from './actions';

export function RevokeEidForm({ eidId }: { eidId: string }) {
  const [state, formAction, isPending] = useActionState<RevokeState, FormData>(revokeEidAction, null);
  if (state?.status === 'ok') return <div className="alert success" role="status">已注销 / Revoked</div>;
  const fieldErrors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!window.confirm('注销后不可恢复，持证人将在所有设备上退出登录。确定注销？/ Revoking cannot be undone and signs the holder out everywhere. Revoke?')) e.preventDefault();
      }}
    >
      <input type="hidden" name="eidId" value={eidId} />
      {state && <div className="alert error" role="alert">{state.message}</div>}
      <label htmlFor="reason">注销原因 <span className="hint">Reason (told to the holder by SMS)</span></label>
      <textarea id="reason" name="reason" rows={3} maxLength={500} aria-invalid={fieldErrors?.reason ? true : undefined} aria-describedby="reason-error" />
      <FieldError id="reason-error" messages={fieldErrors?.reason} />
      <div className="actions">
        <button type="submit" className="danger" disabled={isPending}>注销电子身份证 / Revoke e-ID</button>
      </div>
    </form>
  );
}
