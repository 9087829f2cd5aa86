'use client';

import { useActionState, useRef, useTransition, type FormEvent } from 'react';
import { FieldError } from '@/components/field-error';
import { needsReason, type TransitionName } from '@/lib/applications/state-machine';
import { caseTransitionAction, type StaffActionState } from '../../actions';

const REJECT_CONFIRM = '确定不予批准？申请人将收到通知，此决定不能撤销。/ Reject this application? The citizen is notified and the decision cannot be undone.';

type Props = { applicationId: string; version: number; transitions: TransitionName[]; needsCountersign: boolean };

/**
 * Shows only what the state machine allows this person now; the server checks it all again.
 * The decisions are grouped by weight: the main step, then the steps that need a reason told to the
 * citizen, then the quiet "give it back" at the bottom, so the buttons never look alike.
 */
export function DecisionPanel({ applicationId, version, transitions, needsCountersign }: Props) {
  const [state, formAction, isPending] = useActionState<StaffActionState, FormData>(caseTransitionAction, null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [, startTransition] = useTransition();
  if (transitions.length === 0 && !state) return null;
  const has = (t: TransitionName) => transitions.includes(t);
  const withReason = transitions.filter(needsReason);
  const fieldErrors = state?.status === 'invalid' ? state.fieldErrors : undefined;

  const hidden = (
    <>
      <input type="hidden" name="applicationId" value={applicationId} />
      <input type="hidden" name="expectedVersion" value={version} />
    </>
  );

  // Submitted by hand: a rejection is confirmed first, and a failed attempt keeps the reason typed.
  function submitWithReason(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const hasReason = !!reasonRef.current?.value.trim();
    if (submitter?.value === 'reject' && hasReason && !window.confirm(REJECT_CONFIRM)) return;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(() => formAction(formData));
  }

  return (
    <section className="card" aria-labelledby="decision-heading">
      <h2 id="decision-heading">办理 <span className="en">Decision</span></h2>
      {state && (
        <div className={`alert ${state.status === 'ok' ? 'success' : 'error'}`} role={state.status === 'ok' ? 'status' : 'alert'}>
          {state.status === 'ok' ? state.data.message : state.message}
        </div>
      )}

      {has('claim') && (
        <form action={formAction} className="decision-group">
          {hidden}
          <input type="hidden" name="transition" value="claim" />
          <p className="hint" style={{ margin: 0 }}>受理后由您负责审核此案件。/ Claim the case to become responsible for reviewing it.</p>
          <div className="actions">
            <button type="submit" disabled={isPending} aria-busy={isPending}>受理此案件 / Claim</button>
          </div>
        </form>
      )}

      {has('countersign') && (
        <form action={formAction} className="decision-group">
          {hidden}
          <input type="hidden" name="transition" value="countersign" />
          <p className="hint" style={{ margin: 0 }}>审批民警已批准。复核通过后签发证件并安排邮寄。/ The clerk approved. Countersigning issues the certificate and queues it for mailing.</p>
          <div className="actions">
            <button type="submit" disabled={isPending} aria-busy={isPending}>复核通过 / Countersign</button>
          </div>
        </form>
      )}

      {has('approve') && (
        <form action={formAction} className="decision-group">
          {hidden}
          <input type="hidden" name="transition" value="approve" />
          <p className="hint" style={{ margin: 0 }}>
            {needsCountersign
              ? '批准后转负责人复核，复核通过后签发证件。/ Approving sends the case to the supervisor to countersign.'
              : '批准后立即签发证件并安排邮寄，申请人将收到通知。/ Approving issues the certificate, queues it for mailing and notifies the citizen.'}
          </p>
          <div className="actions">
            <button type="submit" disabled={isPending} aria-busy={isPending}>批准 / Approve</button>
          </div>
        </form>
      )}

      {withReason.length > 0 && (
        <form className="decision-group" onSubmit={submitWithReason} noValidate>
          {hidden}
          <label htmlFor="reason" style={{ marginTop: 0 }}>
            理由或需补正的材料 <span className="hint">Reason, or what material is missing (sent to the citizen)</span>
          </label>
          <textarea
            ref={reasonRef}
            id="reason"
            name="reason"
            rows={4}
            maxLength={1000}
            aria-invalid={fieldErrors?.reason ? true : undefined}
            aria-describedby="reason-error"
          />
          <FieldError id="reason-error" messages={fieldErrors?.reason} />
          <div className="actions">
            {withReason.includes('request_more_material') && (
              <button type="submit" name="transition" value="request_more_material" className="secondary" disabled={isPending}>
                要求补正 / Request more material
              </button>
            )}
            {withReason.includes('return_for_review') && (
              <button type="submit" name="transition" value="return_for_review" className="secondary" disabled={isPending}>
                退回重审 / Return to the clerk
              </button>
            )}
            {withReason.includes('reject') && (
              <button type="submit" name="transition" value="reject" className="danger" disabled={isPending}>
                不予批准 / Reject
              </button>
            )}
          </div>
        </form>
      )}

      {has('release') && (
        <form action={formAction} className="decision-group">
          {hidden}
          <input type="hidden" name="transition" value="release" />
          <p className="hint" style={{ margin: 0 }}>
            暂不办理？<button type="submit" className="link" disabled={isPending}>退回队列 / Release</button>，由其他民警受理。
            <span lang="en"> Give the case back so another clerk can take it.</span>
          </p>
        </form>
      )}
    </section>
  );
}
