'use client';

import { useActionState, useRef, useState, useTransition, type FormEvent } from 'react';
import { FieldError } from '@/components/field-error';
import { useTranslator } from '@/lib/i18n/client';
import { composeMaterialRequest, composeRejectionReason, REJECTION_REASON_CODES, type RejectionLabel, type RejectionReasonCode } from '@/lib/applications/decision-reasons';
import { needsReason, type TransitionName } from '@/lib/applications/state-machine';
import { caseTransitionAction, escalateCaseAction, type StaffActionState } from '../../actions';

type Props = {
  applicationId: string;
  version: number;
  transitions: TransitionName[];
  needsCountersign: boolean;
  /** How the citizen chose to receive the certificate: the hints say what approving sets off. */
  deliveryMethod: 'mail' | 'counter';
  /** The service's documents: the "request more material" checklist. */
  documents: { kind: string; labelZh: string; labelEn: string }[];
  canEscalate: boolean;
  /** Each rejection code's label in both languages (lib/applications/rejection-labels.ts). */
  rejectionLabels: Record<RejectionReasonCode, RejectionLabel>;
};

/**
 * Shows only what the state machine allows this person now; the server checks it all again.
 * The decisions are grouped by weight: the main step, then the steps that need a reason told to the
 * citizen, then the quiet "give it back" at the bottom, so the buttons never look alike.
 */
export function DecisionPanel({ applicationId, version, transitions, needsCountersign, deliveryMethod, documents, canEscalate, rejectionLabels }: Props) {
  const { t, pick, label } = useTranslator();
  const [transitionState, formAction, isPending] = useActionState<StaffActionState, FormData>(caseTransitionAction, null);
  const [escalateState, escalateAction, isEscalating] = useActionState<StaffActionState, FormData>(escalateCaseAction, null);
  const [lastUsed, setLastUsed] = useState<'transition' | 'escalate'>('transition');
  const state = lastUsed === 'escalate' ? escalateState : transitionState;
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reasonCode, setReasonCode] = useState<RejectionReasonCode | ''>('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  if (transitions.length === 0 && !canEscalate && !state) return null;
  const has = (name: TransitionName) => transitions.includes(name);
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
        setCodeError(t('staff.decision.chooseReasonCode'));
        return;
      }
      setCodeError(null);
      if (text && !window.confirm(t('staff.decision.rejectConfirm'))) return;
      formData.set('reason', text ? composeRejectionReason(rejectionLabels[reasonCode], text) : '');
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
      <h2 id="decision-heading">{t('staff.decision.heading')}</h2>
      {state && (
        <div className={`alert ${state.status === 'ok' ? 'success' : 'error'}`} role={state.status === 'ok' ? 'status' : 'alert'}>
          {pick(state.status === 'ok' ? state.data.message : state.message)}
          {state.status === 'conflict' && (
            <>
              {' '}
              <button type="button" className="link" onClick={() => window.location.reload()}>
                {t('staff.decision.reload')}
              </button>
              <span className="hint"> {t('staff.decision.keptUntilReload')}</span>
            </>
          )}
        </div>
      )}

      {has('claim') && (
        <form action={formAction} className="decision-group">
          {hidden}
          <input type="hidden" name="transition" value="claim" />
          <p className="hint" style={{ margin: 0 }}>{t('staff.decision.claimHint')}</p>
          <div className="actions">
            <button type="submit" data-shortcut="claim" disabled={isPending} aria-busy={isPending}>{t('staff.decision.claim')}</button>
          </div>
        </form>
      )}

      {has('countersign') && (
        <form action={formAction} className="decision-group">
          {hidden}
          <input type="hidden" name="transition" value="countersign" />
          <p className="hint" style={{ margin: 0 }}>{deliveryMethod === 'counter' ? t('staff.decision.countersignHintCounter') : t('staff.decision.countersignHint')}</p>
          <div className="actions">
            <button type="submit" disabled={isPending} aria-busy={isPending}>{t('staff.decision.countersign')}</button>
          </div>
        </form>
      )}

      {has('approve') && (
        <form action={formAction} className="decision-group">
          {hidden}
          <input type="hidden" name="transition" value="approve" />
          <p className="hint" style={{ margin: 0 }}>
            {needsCountersign ? t('staff.decision.approveCountersignHint') : deliveryMethod === 'counter' ? t('staff.decision.approveHintCounter') : t('staff.decision.approveHint')}
          </p>
          <div className="actions">
            <button type="submit" data-shortcut="approve" disabled={isPending} aria-busy={isPending}>{t('staff.decision.approve')}</button>
          </div>
        </form>
      )}

      {(withReason.length > 0 || canEscalate) && (
        <form method="post" className="decision-group" onSubmit={submitWithReason} noValidate>
          {hidden}
          {withReason.includes('request_more_material') && documents.length > 0 && (
            <fieldset className="checklist">
              <legend>{t('staff.decision.materialToRequest')}</legend>
              {documents.map((d) => (
                <label key={d.kind} className="checkbox">
                  <input type="checkbox" name="missing" value={d.labelZh} /> {label({ zh: d.labelZh, en: d.labelEn })}
                </label>
              ))}
            </fieldset>
          )}
          {withReason.includes('reject') && (
            <>
              <label htmlFor="reason-code">
                {t('staff.decision.reasonCode')} <span className="hint">{t('staff.decision.reasonCodeHint')}</span>
              </label>
              <select id="reason-code" value={reasonCode} onChange={(e) => setReasonCode(e.target.value as RejectionReasonCode | '')} aria-invalid={codeError ? true : undefined} aria-describedby="reason-code-error">
                <option value="">{t('staff.decision.choose')}</option>
                {REJECTION_REASON_CODES.map((code) => (
                  <option key={code} value={code}>
                    {label(rejectionLabels[code])}
                  </option>
                ))}
              </select>
              <FieldError id="reason-code-error" messages={codeError ? [codeError] : undefined} />
            </>
          )}
          <label htmlFor="reason">
            {t('staff.decision.reason')} <span className="hint">{t('staff.decision.reasonHint')}</span>
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
                {t('staff.decision.requestMoreMaterial')}
              </button>
            )}
            {withReason.includes('return_for_review') && (
              <button type="submit" name="transition" value="return_for_review" className="secondary" disabled={isPending}>
                {t('staff.decision.returnForReview')}
              </button>
            )}
            {withReason.includes('reject') && (
              <button type="submit" name="transition" value="reject" className="danger" disabled={isPending}>
                {t('staff.decision.reject')}
              </button>
            )}
            {canEscalate && (
              <button type="submit" name="transition" value="escalate" className="secondary" disabled={isEscalating}>
                {t('staff.decision.escalate')}
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
            {t('staff.decision.releasePrefix')}{' '}
            <button type="submit" className="link" disabled={isPending}>
              {t('staff.decision.release')}
            </button>
            {t('staff.decision.releaseSuffix')}
          </p>
        </form>
      )}
    </section>
  );
}
