'use client';

import { useActionState } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import { revealCasePiiAction, type RevealPiiState } from '../../actions';

/** A masked ID number or mobile with a "show" button: the full value comes from the server, which records the look. */
export function RevealPii({ applicationId, field, masked }: { applicationId: string; field: 'idNumber' | 'contactPhone'; masked: string }) {
  const { t, pick } = useTranslator();
  const [state, formAction, isPending] = useActionState<RevealPiiState, FormData>(revealCasePiiAction, null);
  const revealed = state?.status === 'ok' ? state.data.value : null;
  return (
    <>
      <span className="mono" data-testid={`pii-${field}`}>{revealed ?? masked}</span>
      {revealed === null && (
        <form action={formAction} style={{ display: 'inline' }}>
          <input type="hidden" name="applicationId" value={applicationId} />
          <input type="hidden" name="field" value={field} />{' '}
          <button type="submit" className="secondary small" disabled={isPending} aria-label={field === 'idNumber' ? t('staff.reveal.showIdNumber') : t('staff.reveal.showContactPhone')} title={field === 'idNumber' ? t('staff.reveal.showIdNumber') : t('staff.reveal.showContactPhone')}>
            {isPending ? t('staff.reveal.showing') : t('staff.reveal.show')}
          </button>
        </form>
      )}
      {state && state.status !== 'ok' && (
        <span className="mismatch" role="alert">
          {' '}
          {pick(state.message)}
        </span>
      )}
    </>
  );
}
