'use client';

import { Link } from '@/components/link';
import { useActionState } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import { confirmCafeCheckInAction, type CafeCheckInState } from './actions';

/** The one button of the check-in: the answer (done, or why not) replaces it. */
export function CafeCheckInForm({ token }: { token: string }) {
  const { t, pick } = useTranslator();
  const [state, action, isPending] = useActionState<CafeCheckInState, FormData>(confirmCafeCheckInAction, null);

  if (state?.status === 'ok') {
    return (
      <div className="alert success" role="status" data-testid="cafe-check-in-done">
        <p>{t('cafe.checkIn.done', { cafe: state.data.cafeName, seat: state.data.seat })}</p>
        <p>{t('cafe.checkIn.doneHint')}</p>
        <Link href="/wallet">{t('cafe.checkIn.back')}</Link>
      </div>
    );
  }
  return (
    <form action={action}>
      {state && (
        <div className="alert error" role="alert">
          <strong>{t('cafe.checkIn.refused')}</strong> {pick(state.message)}
        </div>
      )}
      <input type="hidden" name="token" value={token} />
      <button type="submit" className="primary" disabled={isPending}>
        {isPending ? t('cafe.checkIn.confirming') : t('cafe.checkIn.confirm')}
      </button>
    </form>
  );
}
