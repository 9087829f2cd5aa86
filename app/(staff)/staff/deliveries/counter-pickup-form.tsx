'use client';

import { startTransition, useActionState, useId, useState, type FormEvent } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import { counterPickupAction, type PickupActionState } from './actions';

/** Hand-over at the counter: scan the collector's wallet identity QR, or type their ID number. */
export function CounterPickupForm({ dispatchId, version }: { dispatchId: string; version: number }) {
  const { t, pick } = useTranslator();
  const [state, formAction, isPending] = useActionState<PickupActionState, FormData>(counterPickupAction, null);
  const [method, setMethod] = useState<'identity_qr' | 'id_number'>('identity_qr');
  const id = useId();
  // Submitted by hand so that React does not reset the form after a refused check: a reset would put
  // the method select back on its first option while the form still shows the ID-number field.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return (
    <details>
      <summary>{t('staff.deliveries.pickup.summary')}</summary>
      <form action={formAction} onSubmit={submit} autoComplete="off">
        <input type="hidden" name="dispatchId" value={dispatchId} />
        <input type="hidden" name="expectedVersion" value={version} />
        <label htmlFor={`${id}-method`}>{t('staff.deliveries.pickup.method')}</label>
        <select id={`${id}-method`} name="method" value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
          <option value="identity_qr">{t('staff.deliveries.pickup.qr')}</option>
          <option value="id_number">{t('staff.deliveries.pickup.idNumber')}</option>
        </select>
        {method === 'identity_qr' ? (
          <>
            <label htmlFor={`${id}-qr`}>{t('staff.deliveries.pickup.scanned')}</label>
            <input id={`${id}-qr`} name="identityQr" type="text" className="mono" required spellCheck={false} />
          </>
        ) : (
          <>
            <label htmlFor={`${id}-idn`}>{t('staff.deliveries.pickup.idNumberLabel')}</label>
            <input id={`${id}-idn`} name="idNumber" type="password" className="mono" required pattern="[0-9]{17}[0-9Xx]" inputMode="text" />
          </>
        )}
        <button type="submit" className="small" disabled={isPending}>{t('staff.deliveries.pickup.submit')}</button>
      </form>
      {state && <p className={state.status === 'ok' ? 'hint' : 'field-error'} role={state.status === 'ok' ? 'status' : 'alert'}>{pick(state.status === 'ok' ? state.data.message : state.message)}</p>}
    </details>
  );
}
