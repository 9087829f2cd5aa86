'use client';

import { useActionState } from 'react';
import { FieldError } from '@/components/field-error';
import { useTranslator } from '@/lib/i18n/client';
import { revokeEidAction, type RevokeState } from './actions';

export function RevokeEidForm({ eidId }: { eidId: string }) {
  const { t, pick } = useTranslator();
  const [state, formAction, isPending] = useActionState<RevokeState, FormData>(revokeEidAction, null);
  if (state?.status === 'ok') return <div className="alert success" role="status">{t('staff.eids.revoked')}</div>;
  const fieldErrors = state?.status === 'invalid' ? state.fieldErrors : undefined;
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!window.confirm(t('staff.eids.revokeConfirm'))) e.preventDefault();
      }}
    >
      <input type="hidden" name="eidId" value={eidId} />
      {state && <div className="alert error" role="alert">{pick(state.message)}</div>}
      <label htmlFor="reason">
        {t('staff.eids.revokeReason')} <span className="hint">{t('staff.eids.revokeReasonHint')}</span>
      </label>
      <textarea id="reason" name="reason" rows={3} maxLength={500} aria-invalid={fieldErrors?.reason ? true : undefined} aria-describedby="reason-error" />
      <FieldError id="reason-error" messages={fieldErrors?.reason} />
      <div className="actions">
        <button type="submit" className="danger" disabled={isPending}>{t('staff.eids.revoke')}</button>
      </div>
    </form>
  );
}
