'use client';

import { useActionState } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import { regenerateRecoveryCodesAction, type RecoveryCodesState } from './actions';
import { RecoveryCodesList } from './recovery-codes-list';

export function RecoveryCodesForm({ unused }: { unused: number }) {
  const { t, pick } = useTranslator();
  const [state, action, isPending] = useActionState<RecoveryCodesState, FormData>(regenerateRecoveryCodesAction, null);
  if (state?.status === 'ok') return <RecoveryCodesList codes={state.data.recoveryCodes} />;
  return (
    <form action={action} className="card" aria-labelledby="regenerate-heading">
      <h2 id="regenerate-heading">{t('staff.twoFactor.regenerateHeading')}</h2>
      <p data-testid="recovery-codes-left">{t('staff.twoFactor.recoveryLeft', { count: unused })}</p>
      {state && (
        <div className="alert error" role="alert" id="regenerate-error">
          {pick(state.message)}
        </div>
      )}
      <label htmlFor="regenerate-code">{t('staff.twoFactor.codeLabel')}</label>
      <input
        id="regenerate-code"
        name="code"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        required
        aria-describedby={state ? 'regenerate-error' : undefined}
      />
      <div className="actions">
        <button type="submit" disabled={isPending}>{t('staff.twoFactor.regenerate')}</button>
      </div>
    </form>
  );
}
