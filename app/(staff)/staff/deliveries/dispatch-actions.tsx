'use client';

import { useActionState, useId } from 'react';
import { DISPATCH_TRANSITION_LABELS, type DispatchTransitionName } from '@/lib/delivery/state-machine';
import { dispatchTransitionAction, type StaffActionState } from '../actions';

// The usual next step is the filled button; the alternatives are outlined; recording returned mail is
// tucked behind a disclosure so it is never clicked by mistake next to "delivered".
const MAIN_STEP: DispatchTransitionName[] = ['print', 'hand_to_courier', 'deliver', 'resend'];

export function DispatchActions({ dispatchId, version, transitions }: { dispatchId: string; version: number; transitions: DispatchTransitionName[] }) {
  const [state, formAction, isPending] = useActionState<StaffActionState, FormData>(dispatchTransitionAction, null);
  const id = useId();
  if (transitions.length === 0) return <span className="hint">无需操作 / Nothing to do</span>;
  const ordered = [...transitions].sort((a, b) => Number(b === 'deliver') - Number(a === 'deliver'));

  const hidden = (t: DispatchTransitionName) => (
    <>
      <input type="hidden" name="dispatchId" value={dispatchId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="transition" value={t} />
    </>
  );

  return (
    <div className="dispatch-actions">
      {state && state.status !== 'ok' && <p className="field-error" role="alert">{state.message}</p>}
      {ordered.map((t) => {
        const label = `${DISPATCH_TRANSITION_LABELS[t].zh} / ${DISPATCH_TRANSITION_LABELS[t].en}`;
        if (t === 'return') {
          return (
            <details key={t}>
              <summary>{label}</summary>
              <form action={formAction}>
                {hidden(t)}
                <label htmlFor={`${id}-reason`}>退件原因 <span className="hint" style={{ display: 'inline' }}>Reason</span></label>
                <input id={`${id}-reason`} name="reason" type="text" placeholder="如：地址错误、无人签收 / e.g. wrong address" required />
                <button type="submit" className="danger-outline small" disabled={isPending}>{label}</button>
              </form>
            </details>
          );
        }
        return (
          <form key={t} action={formAction}>
            {hidden(t)}
            {t === 'hand_to_courier' && (
              <>
                <label htmlFor={`${id}-courier`}>快递公司 <span className="hint" style={{ display: 'inline' }}>Courier</span></label>
                <select id={`${id}-courier`} name="courier" defaultValue="EMS">
                  <option value="EMS">EMS 中国邮政</option>
                  <option value="SF">顺丰 SF Express</option>
                </select>
                <label htmlFor={`${id}-tracking`}>运单号 <span className="hint" style={{ display: 'inline' }}>Tracking number</span></label>
                <input id={`${id}-tracking`} name="trackingNumber" type="text" placeholder="运单号 / Tracking no." required pattern="[A-Za-z0-9]{8,20}" autoComplete="off" spellCheck={false} className="mono" />
              </>
            )}
            <button type="submit" className={`small${MAIN_STEP.includes(t) ? '' : ' secondary'}`} disabled={isPending} aria-busy={isPending}>
              {label}
            </button>
          </form>
        );
      })}
    </div>
  );
}
