'use client';

import { useActionState } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import { resetTwoFactorAction, type ResetState } from './actions';

export function ResetTwoFactorForm({ staffId, staffLabel }: { staffId: string; staffLabel: string }) {
  const { t, pick } = useTranslator();
  const [state, action, isPending] = useActionState<ResetState, FormData>(resetTwoFactorAction, null);
  if (state?.status === 'ok') {
    return <span role="status">{t('staff.team.resetDone', { sessions: state.data.endedSessions })}</span>;
  }
  return (
    <form action={action} onSubmit={(event) => { if (!window.confirm(t('staff.team.confirmReset', { who: staffLabel }))) event.preventDefault(); }}>
      <input type="hidden" name="staffId" value={staffId} />
      {state && <span className="alert error" role="alert">{pick(state.message)}</span>}
      <button type="submit" className="secondary" disabled={isPending} aria-label={t('staff.team.resetFor', { who: staffLabel })}>
        {t('staff.team.reset')}
      </button>
    </form>
  );
}
