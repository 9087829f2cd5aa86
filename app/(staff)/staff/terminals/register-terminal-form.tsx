'use client';

import { useActionState, useEffect, useRef, useState, useTransition, type FormEvent } from 'react';
import { FieldError } from '@/components/field-error';
import { useTranslator } from '@/lib/i18n/client';
import { WUHAN_DISTRICTS } from '@/lib/identity/area-codes';
import { TERMINAL_KINDS } from '@/lib/terminals/kinds';
import { registerTerminalAction, type RegisterTerminalState } from './actions';

export function RegisterTerminalForm() {
  const { t, pick } = useTranslator();
  const [state, formAction, isPending] = useActionState<RegisterTerminalState, FormData>(registerTerminalAction, null);
  const [, startTransition] = useTransition();
  const errors = state?.status === 'invalid' ? (state.fieldErrors ?? {}) : {};
  const isInvalid = (field: string) => (errors[field]?.length ? true : undefined);
  const created = state?.status === 'ok' ? state.data : null;

  // Submitted by hand so that a refused attempt keeps what was typed; after a success the form is
  // remounted empty (its key is the new terminal's id).
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }

  return (
    <section className="card" aria-labelledby="register-heading">
      <h2 id="register-heading">{t('staff.terminals.register.heading')}</h2>
      {created && <NewTerminalKey key={`key-${created.terminalId}`} name={created.name} apiKey={created.apiKey} />}
      {state && state.status !== 'ok' && (
        <div className="alert error" role="alert">
          {pick(state.message)}
        </div>
      )}
      <form method="post" key={`form-${created?.terminalId ?? 'new'}`} onSubmit={submit} noValidate>
        <label htmlFor="terminal-name">
          {t('staff.terminals.register.name')} <span className="hint">{t('staff.terminals.register.nameHint')}</span>
        </label>
        <input id="terminal-name" name="name" type="text" required minLength={2} maxLength={60} autoComplete="off" aria-invalid={isInvalid('name')} aria-describedby="terminal-name-error" />
        <FieldError id="terminal-name-error" messages={errors.name} />

        <fieldset aria-describedby="terminal-kind-error">
          <legend className="field-legend">
            {t('staff.terminals.register.kind')} <span className="hint">{t('staff.terminals.register.kindHint')}</span>
          </legend>
          {TERMINAL_KINDS.map((kind, index) => (
            <label key={kind} className="choice">
              <input type="radio" name="kind" value={kind} defaultChecked={index === 0} />
              <span>
                {t(`staff.terminals.kindName.${kind}`)}
                <span className="hint">{t('staff.terminals.sees', { what: t(`staff.terminals.kindSees.${kind}`) })}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <FieldError id="terminal-kind-error" messages={errors.kind} />

        <label htmlFor="terminal-district">
          {t('staff.terminals.register.district')}
        </label>
        <select id="terminal-district" name="districtCode" defaultValue="" required aria-invalid={isInvalid('districtCode')} aria-describedby="terminal-district-error">
          <option value="" disabled>
            {t('staff.terminals.register.choose')}
          </option>
          {WUHAN_DISTRICTS.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name} {d.code}
            </option>
          ))}
        </select>
        <FieldError id="terminal-district-error" messages={errors.districtCode} />

        <div className="actions">
          <button type="submit" disabled={isPending} aria-busy={isPending}>
            {t('staff.terminals.register.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The new key, once: copy it now or lose it. */
function NewTerminalKey({ name, apiKey }: { name: string; apiKey: string }) {
  const { t } = useTranslator();
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [isDismissed, setIsDismissed] = useState(false);
  const boxRef = useRef<HTMLDivElement>(null);
  // Move focus to the key, so keyboard and screen-reader users land on it.
  useEffect(() => boxRef.current?.focus(), []);
  if (isDismissed) return null;

  async function copy() {
    try {
      await navigator.clipboard.writeText(apiKey);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  }

  return (
    <div className="alert warn terminal-new-key" role="status" tabIndex={-1} ref={boxRef}>
      <h3>{t('staff.terminals.register.done', { name })}</h3>
      <p>
        <strong>{t('staff.terminals.register.copyNow')}</strong>
      </p>
      <label htmlFor="new-terminal-key">
        {t('staff.terminals.register.key')}
      </label>
      <div className="key-copy">
        <textarea id="new-terminal-key" data-testid="new-terminal-key" readOnly rows={3} value={apiKey} className="mono" spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="secondary" onClick={copy}>
          {t('staff.terminals.register.copy')}
        </button>
      </div>
      <p aria-live="polite" className="hint">
        {copyState === 'copied' && t('staff.terminals.register.copied')}
        {copyState === 'failed' && t('staff.terminals.register.copyFailed')}
      </p>
      <div className="actions">
        <button type="button" className="secondary small" onClick={() => setIsDismissed(true)}>
          {t('staff.terminals.register.close')}
        </button>
      </div>
    </div>
  );
}
