'use client';

import { useActionState, useId } from 'react';
import { DISPATCH_TRANSITION_LABELS, type DispatchTransitionName } from '@/lib/delivery/state-machine';
import { dispatchTransitionAction, type StaffActionState } from '../actions';

export function DispatchActions({ dispatchId, version, transitions }: { dispatchId: string; version: number; transitions: DispatchTransitionName[] }) {
  const [state, formAction, isPending] = useActionState<StaffActionState, FormData>(dispatchTransitionAction, null);
  const id = useId();
  return (
    <div>
      {state && state.status !== 'ok' && <p className="field-error" role="alert">{state.message}</p>}
      {transitions.map((t) => (
        <form key={t} action={formAction} style={{ marginBottom: 6 }}>
          <input type="hidden" name="dispatchId" value={dispatchId} />
          <input type="hidden" name="expectedVersion" value={version} />
          <input type="hidden" name="transition" value={t} />
          {t === 'hand_to_courier' && (
            <>
              <label htmlFor={`${id}-courier`} className="visually-hidden">快递公司 / Courier</label>
              <select id={`${id}-courier`} name="courier" defaultValue="EMS">
                <option value="EMS">EMS 中国邮政</option>
                <option value="SF">顺丰 SF Express</option>
              </select>
              <label htmlFor={`${id}-tracking`} className="visually-hidden">运单号 / Tracking number</label>
              <input id={`${id}-tracking`} name="trackingNumber" type="text" placeholder="运单号 / Tracking no." required pattern="[A-Za-z0-9]{8,20}" />
            </>
          )}
          {t === 'return' && (
            <>
              <label htmlFor={`${id}-reason`} className="visually-hidden">退件原因 / Reason</label>
              <input id={`${id}-reason`} name="reason" type="text" placeholder="退件原因 / Reason" required />
            </>
          )}
          <button type="submit" className={t === 'return' ? 'secondary' : undefined} disabled={isPending}>
            {DISPATCH_TRANSITION_LABELS[t].zh} / {DISPATCH_TRANSITION_LABELS[t].en}
          </button>
        </form>
      ))}
    </div>
  );
}
