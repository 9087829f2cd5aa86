'use client';

import { useActionState } from 'react';
import { TRANSITION_LABELS, type TransitionName } from '@/lib/applications/state-machine';
import { caseTransitionAction, type StaffActionState } from '../../actions';

const BUTTON_TEXT: Partial<Record<TransitionName, string>> = {
  claim: '受理此案件 / Claim',
  approve: '批准 / Approve',
  countersign: '复核通过 / Countersign',
  release: '退回队列 / Release',
};
const NEEDS_REASON: TransitionName[] = ['reject', 'request_more_material'];

/** Shows only what the state machine allows this person now; the server checks it all again. */
export function DecisionPanel({ applicationId, version, transitions }: { applicationId: string; version: number; transitions: TransitionName[] }) {
  const [state, formAction, isPending] = useActionState<StaffActionState, FormData>(caseTransitionAction, null);
  if (transitions.length === 0 && !state) return null;
  const simple = transitions.filter((t) => !NEEDS_REASON.includes(t));
  const withReason = transitions.filter((t) => NEEDS_REASON.includes(t));
  const fieldErrors = state?.status === 'invalid' ? state.fieldErrors : undefined;

  return (
    <section className="card" aria-labelledby="decision-heading">
      <h2 id="decision-heading">办理 <span className="en">Decision</span></h2>
      {state && (
        <div className={`alert ${state.status === 'ok' ? 'success' : 'error'}`} role={state.status === 'ok' ? 'status' : 'alert'}>
          {state.status === 'ok' ? state.data.message : state.message}
        </div>
      )}
      <div className="actions">
        {simple.map((t) => (
          <form key={t} action={formAction}>
            <input type="hidden" name="applicationId" value={applicationId} />
            <input type="hidden" name="expectedVersion" value={version} />
            <input type="hidden" name="transition" value={t} />
            <button type="submit" className={t === 'release' ? 'secondary' : undefined} disabled={isPending}>
              {BUTTON_TEXT[t] ?? `${TRANSITION_LABELS[t].zh} / ${TRANSITION_LABELS[t].en}`}
            </button>
          </form>
        ))}
      </div>
      {withReason.length > 0 && (
        <form action={formAction} style={{ marginTop: 12 }}>
          <input type="hidden" name="applicationId" value={applicationId} />
          <input type="hidden" name="expectedVersion" value={version} />
          <label htmlFor="reason">
            理由或需补正的材料 <span className="hint">Reason, or what material is missing (told to the citizen)</span>
          </label>
          <textarea id="reason" name="reason" rows={3} maxLength={1000} aria-invalid={fieldErrors?.reason ? true : undefined} />
          <div className="actions">
            {withReason.map((t) => (
              <button key={t} type="submit" name="transition" value={t} className={t === 'reject' ? 'danger' : 'secondary'} disabled={isPending}>
                {t === 'reject' ? '不予批准 / Reject' : '要求补正 / Request more material'}
              </button>
            ))}
          </div>
        </form>
      )}
    </section>
  );
}
