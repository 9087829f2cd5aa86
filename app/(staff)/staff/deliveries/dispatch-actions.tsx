'use client';

import { useActionState, useId } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import type { DispatchTransitionName } from '@/lib/delivery/state-machine';
import { dispatchTransitionAction, type StaffActionState } from '../actions';

// The usual next step is the filled button; the alternatives are outlined; recording returned mail is
// tucked behind a disclosure so it is never clicked by mistake next to "delivered".
const MAIN_STEP: DispatchTransitionName[] = ['print', 'hand_to_courier', 'deliver', 'resend'];

export function DispatchActions({ dispatchId, version, transitions }: { dispatchId: string; version: number; transitions: DispatchTransitionName[] }) {
  const { t, pick } = useTranslator();
  const [state, formAction, isPending] = useActionState<StaffActionState, FormData>(dispatchTransitionAction, null);
  const id = useId();
  if (transitions.length === 0) return <span className="hint">{t('staff.deliveries.nothingToDo')}</span>;
  const ordered = [...transitions].sort((a, b) => Number(b === 'deliver') - Number(a === 'deliver'));

  const hidden = (transition: DispatchTransitionName) => (
    <>
      <input type="hidden" name="dispatchId" value={dispatchId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="transition" value={transition} />
    </>
  );

  return (
    <div className="dispatch-actions">
      {state && state.status !== 'ok' && <p className="field-error" role="alert">{pick(state.message)}</p>}
      {ordered.map((step) => {
        const label = t(`staff.deliveries.transition.${step}`);
        if (step === 'return') {
          return (
            <details key={step}>
              <summary>{label}</summary>
              <form action={formAction}>
                {hidden(step)}
                <label htmlFor={`${id}-reason`}>{t('staff.deliveries.reason')}</label>
                <input id={`${id}-reason`} name="reason" type="text" placeholder={t('staff.deliveries.reasonPlaceholder')} required />
                <button type="submit" className="danger-outline small" disabled={isPending}>{label}</button>
              </form>
            </details>
          );
        }
        return (
          <form key={step} action={formAction}>
            {hidden(step)}
            {step === 'hand_to_courier' && (
              <>
                <label htmlFor={`${id}-courier`}>{t('staff.deliveries.courierLabel')}</label>
                <select id={`${id}-courier`} name="courier" defaultValue="EMS">
                  <option value="EMS">EMS 中国邮政</option>
                  <option value="SF">顺丰 SF Express</option>
                </select>
                <label htmlFor={`${id}-tracking`}>{t('staff.deliveries.trackingNumber')}</label>
                <input id={`${id}-tracking`} name="trackingNumber" type="text" placeholder={t('staff.deliveries.trackingPlaceholder')} required pattern="[A-Za-z0-9]{8,20}" autoComplete="off" spellCheck={false} className="mono" />
              </>
            )}
            <button type="submit" className={`small${MAIN_STEP.includes(step) ? '' : ' secondary'}`} disabled={isPending} aria-busy={isPending}>
              {label}
            </button>
          </form>
        );
      })}
    </div>
  );
}
