'use client';

import { useActionState, useRef, useState, useTransition, type FormEvent } from 'react';
import { FieldError } from '@/components/field-error';
import { composeMaterialRequest, composeRejectionReason, REJECTION_REASONS, type RejectionReasonCode } from '@/lib/applications/decision-reasons';
import { needsReason, type TransitionName } from '@/lib/applications/state-machine';
import { caseTransitionAction, escalateCaseAction, type StaffActionState } from '../../actions';

const REJECT_CONFIRM = '确定不予批准？申请人将收到通知，此决定不能撤销。/ Reject this application? The citizen is notified and the decision cannot be undone.';

type Props = {
  applicationId: string;
  version: number;
  transitions: TransitionName[];
  needsCountersign: boolean;
  /** The service's documents: the "request more material" checklist. */
  documents: { kind: string; labelZh: string; labelEn: string }[];
  canEscalate: boolean;
};

/**
 * Shows only what the state machine allows this person now; the server checks it all again.
 * The decisions are grouped by weight: the main step, then the steps that need a reason told to the
 * citizen, then the quiet "give it back" at the bottom, so the buttons never look alike.
 */
export function DecisionPanel({ applicationId, version, transitions, needsCountersign, documents, canEscalate }: Props) {
  const [transitionState, formAction, isPending] = useActionState<StaffActionState, FormData>(caseTransitionAction, null);
  const [escalateState, escalateAction, isEscalating] = useActionState<StaffActionState, FormData>(escalateCaseAction, null);
  const [lastUsed, setLastUsed] = useState<'transition' | 'escalate'>('transition');
  const state = lastUsed === 'escalate' ? escalateState : transitionState;
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reasonCode, setReasonCode] = useState<RejectionReasonCode | ''>('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  if (transitions.length === 0 && !canEscalate && !state) return null;
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
  // The typed text is composed with the reason code or the checklist here; the textarea keeps what was typed.
  function submitWithReason(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const text = reasonRef.current?.value.trim() ?? '';
    const formData = new FormData(event.currentTarget, submitter);
    const transition = submitter?.value;
    if (transition === 'escalate') {
      formData.set('reason', text);
      setLastUsed('escalate');
      startTransition(() => escalateAction(formData));
      return;
    }
    if (transition === 'reject') {
      if (!reasonCode) {
        setCodeError('请选择不予批准的原因 / Choose the reason code');
        return;
      }
      setCodeError(null);
      if (text && !window.confirm(REJECT_CONFIRM)) return;
      formData.set('reason', text ? composeRejectionReason(reasonCode, text) : '');
    }
    if (transition === 'request_more_material') {
      const items = formData.getAll('missing').map(String);
      formData.set('reason', composeMaterialRequest(items, text));
    }
    setLastUsed('transition');
    startTransition(() => formAction(formData));
  }

  return (
    <section className="card" aria-labelledby="decision-heading">
      <h2 id="decision-heading">办理 <span className="en">Decision</span></h2>
      {state && (
        <div className={`alert ${state.status === 'ok' ? 'success' : 'error'}`} role={state.status === 'ok' ? 'status' : 'alert'}>
          {state.status === 'ok' ? state.data.message : state.message}
          {state.status === 'conflict' && (
            <>
              {' '}
              <button type="button" className="link" onClick={() => window.location.reload()}>
                刷新 / Reload
              </button>
              <span className="hint"> 您填写的理由已保留 / What you typed is kept until you reload.</span>
            </>
          )}
        </div>
      )}

      {has('claim') && (
        <form action={formAction} className="decision-group">
          {hidden}
          <input type="hidden" name="transition" value="claim" />
          <p className="hint" style={{ margin: 0 }}>受理后由您负责审核此案件。/ Claim the case to become responsible for reviewing it.</p>
          <div className="actions">
            <button type="submit" data-shortcut="claim" disabled={isPending} aria-busy={isPending}>受理此案件 / Claim</button>
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
            <button type="submit" data-shortcut="approve" disabled={isPending} aria-busy={isPending}>批准 / Approve</button>
          </div>
        </form>
      )}

      {(withReason.length > 0 || canEscalate) && (
        <form className="decision-group" onSubmit={submitWithReason} noValidate>
          {hidden}
          {withReason.includes('request_more_material') && documents.length > 0 && (
            <fieldset className="checklist">
              <legend>
                需补正的材料 <span className="hint">Material to request</span>
              </legend>
              {documents.map((d) => (
                <label key={d.kind} className="checkbox">
                  <input type="checkbox" name="missing" value={d.labelZh} /> {d.labelZh} <span className="en">{d.labelEn}</span>
                </label>
              ))}
            </fieldset>
          )}
          {withReason.includes('reject') && (
            <>
              <label htmlFor="reason-code">
                不予批准原因 <span className="hint">Reason code (for a rejection)</span>
              </label>
              <select id="reason-code" value={reasonCode} onChange={(e) => setReasonCode(e.target.value as RejectionReasonCode | '')} aria-invalid={codeError ? true : undefined} aria-describedby="reason-code-error">
                <option value="">请选择 / Choose…</option>
                {(Object.keys(REJECTION_REASONS) as RejectionReasonCode[]).map((code) => (
                  <option key={code} value={code}>
                    {REJECTION_REASONS[code].zh} / {REJECTION_REASONS[code].en}
                  </option>
                ))}
              </select>
              <FieldError id="reason-code-error" messages={codeError ? [codeError] : undefined} />
            </>
          )}
          <label htmlFor="reason">
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
            {canEscalate && (
              <button type="submit" name="transition" value="escalate" className="secondary" disabled={isEscalating}>
                升级至负责人 / Escalate
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
