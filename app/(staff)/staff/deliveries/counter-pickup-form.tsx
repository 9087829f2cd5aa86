'use client';

import { useActionState, useId, useState } from 'react';
import { counterPickupAction, type PickupActionState } from './actions';

/** Hand-over at the counter: scan the collector's wallet identity QR, or type their ID number. */
export function CounterPickupForm({ dispatchId, version }: { dispatchId: string; version: number }) {
  const [state, formAction, isPending] = useActionState<PickupActionState, FormData>(counterPickupAction, null);
  const [method, setMethod] = useState<'identity_qr' | 'id_number'>('identity_qr');
  const id = useId();
  return (
    <details>
      <summary>窗口领取 / Hand over at the counter</summary>
      <form action={formAction} autoComplete="off">
        <input type="hidden" name="dispatchId" value={dispatchId} />
        <input type="hidden" name="expectedVersion" value={version} />
        <label htmlFor={`${id}-method`}>核验方式 Identity check</label>
        <select id={`${id}-method`} name="method" value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
          <option value="identity_qr">扫描电子身份证二维码 / Scan the wallet identity QR</option>
          <option value="id_number">输入公民身份号码 / Enter the ID number</option>
        </select>
        {method === 'identity_qr' ? (
          <>
            <label htmlFor={`${id}-qr`}>二维码内容 Scanned code</label>
            <input id={`${id}-qr`} name="identityQr" type="text" className="mono" required spellCheck={false} />
          </>
        ) : (
          <>
            <label htmlFor={`${id}-idn`}>公民身份号码 ID number</label>
            <input id={`${id}-idn`} name="idNumber" type="password" className="mono" required pattern="[0-9]{17}[0-9Xx]" inputMode="text" />
          </>
        )}
        <button type="submit" className="small" disabled={isPending}>核验并交付 / Check and hand over</button>
      </form>
      {state && <p className={state.status === 'ok' ? 'hint' : 'field-error'} role={state.status === 'ok' ? 'status' : 'alert'}>{state.status === 'ok' ? state.data.message : state.message}</p>}
    </details>
  );
}
