'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useTransition, type FormEvent } from 'react';
import { FieldError } from '@/components/field-error';
import { formDataWithoutEmptyFiles } from '@/components/form-data';
import { isSignedOutResult, signInAgainPath } from '@/lib/auth/signed-out';
import { useTranslator } from '@/lib/i18n/client';
import { citizenTransitionAction, type CitizenTransitionState } from '../../actions';

type CitizenTransition = 'withdraw' | 'resubmit';

/** Resubmit is the main way on; withdrawing is kept apart and styled as the irreversible step it is. */
type DocumentSpec = { kind: string; label: string };
/** A field the clerk asked the citizen to correct, with its current value. */
export type CorrectableField = { name: string; label: string; value: string; type: 'text' | 'date' | 'select'; options?: { value: string; text: string }[] };

export function CitizenActions({
  applicationId,
  version,
  actions,
  documents,
  fields = [],
}: {
  applicationId: string;
  version: number;
  actions: CitizenTransition[];
  /** What the citizen may add when resubmitting: the service's document kinds. */
  documents: DocumentSpec[];
  /** Only the fields the clerk's request names. */
  fields?: CorrectableField[];
}) {
  const { t, pick } = useTranslator();
  const [state, formAction, isPending] = useActionState<CitizenTransitionState, FormData>(citizenTransitionAction, null);
  const [, startTransition] = useTransition();
  const fieldErrors = state?.status === 'invalid' ? (state.fieldErrors ?? {}) : {};
  const router = useRouter();
  const isSignedOut = isSignedOutResult(state);
  // The session has ended: sign in and come back to this application, not a form error.
  useEffect(() => {
    if (isSignedOut) router.replace(signInAgainPath(window.location.pathname));
  }, [isSignedOut, router]);

  // Submitted by hand so chosen files survive a refusal, and empty file inputs are dropped.
  function resubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const formData = formDataWithoutEmptyFiles(event.currentTarget);
    startTransition(() => formAction(formData));
  }

  function hiddenFields(action: CitizenTransition) {
    return (
      <>
        <input type="hidden" name="applicationId" value={applicationId} />
        <input type="hidden" name="expectedVersion" value={version} />
        <input type="hidden" name="transition" value={action} />
      </>
    );
  }

  return (
    <>
      {state && state.status !== 'ok' && !isSignedOut && <div className="alert error" role="alert">{pick(state.message)}</div>}
      {actions.includes('resubmit') && (
        <form method="post" onSubmit={resubmit} noValidate>
          {hiddenFields('resubmit')}
          <p className="hint">{t('myApplications.detail.resubmitHint')}</p>
          {fields.map((field) => {
            const name = `field.${field.name}`;
            const common = {
              id: `resubmit-${name}`,
              name,
              defaultValue: field.value,
              'aria-invalid': fieldErrors[name] ? true : undefined,
              'aria-describedby': `resubmit-${name}-error`,
            };
            return (
              <div key={name}>
                <label htmlFor={`resubmit-${name}`}>{field.label}</label>
                {field.type === 'select' ? (
                  <select {...common}>
                    {(field.options ?? []).map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.text}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input {...common} type={field.type} />
                )}
                <FieldError id={`resubmit-${name}-error`} messages={fieldErrors[name]} />
              </div>
            );
          })}
          {documents.map((doc) => {
            const name = `document.${doc.kind}`;
            return (
              <div key={doc.kind}>
                <label htmlFor={`resubmit-${name}`}>{doc.label}</label>
                <input
                  id={`resubmit-${name}`}
                  name={name}
                  type="file"
                  accept="application/pdf,image/jpeg,image/png"
                  aria-invalid={fieldErrors[name] ? true : undefined}
                  aria-describedby={`resubmit-${name}-error`}
                />
                <FieldError id={`resubmit-${name}-error`} messages={fieldErrors[name]} />
              </div>
            );
          })}
          <div className="actions">
            <button type="submit" disabled={isPending} aria-busy={isPending}>{t('myApplications.detail.resubmit')}</button>
          </div>
        </form>
      )}
      {actions.includes('withdraw') && (
        <form
          action={formAction}
          className="withdraw-box"
          onSubmit={(e) => {
            if (!window.confirm(t('myApplications.detail.withdrawConfirm'))) e.preventDefault();
          }}
        >
          {hiddenFields('withdraw')}
          <p className="hint" style={{ margin: '0 0 8px' }}>
            {t('myApplications.detail.withdrawHint')}
          </p>
          <button type="submit" className="danger-outline small" disabled={isPending}>{t('myApplications.detail.withdraw')}</button>
        </form>
      )}
    </>
  );
}
