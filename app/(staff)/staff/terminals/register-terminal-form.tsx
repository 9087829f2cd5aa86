'use client';

import { useActionState, useEffect, useRef, useState, useTransition, type FormEvent } from 'react';
import { FieldError } from '@/components/field-error';
import { WUHAN_DISTRICTS } from '@/lib/identity/area-codes';
import { TERMINAL_KIND_LABELS, TERMINAL_KINDS } from '@/lib/terminals/kinds';
import { registerTerminalAction, type RegisterTerminalState } from './actions';

export function RegisterTerminalForm() {
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
      <h2 id="register-heading">登记新终端 <span className="en">Register a terminal</span></h2>
      {created && <NewTerminalKey key={`key-${created.terminalId}`} name={created.name} apiKey={created.apiKey} />}
      {state && state.status !== 'ok' && (
        <div className="alert error" role="alert">
          {state.message}
        </div>
      )}
      <form key={`form-${created?.terminalId ?? 'new'}`} onSubmit={submit} noValidate>
        <label htmlFor="terminal-name">
          终端名称 <span className="hint">Name — 场所与位置，如“光谷网咖 2 号收银台” / place and position</span>
        </label>
        <input id="terminal-name" name="name" type="text" required minLength={2} maxLength={60} autoComplete="off" aria-invalid={isInvalid('name')} aria-describedby="terminal-name-error" />
        <FieldError id="terminal-name-error" messages={errors.name} />

        <fieldset aria-describedby="terminal-kind-error">
          <legend className="field-legend">
            终端类型 <span className="hint">Kind — 决定扫码后能看到的信息 / decides what a scan shows</span>
          </legend>
          {TERMINAL_KINDS.map((kind, index) => (
            <label key={kind} className="choice">
              <input type="radio" name="kind" value={kind} defaultChecked={index === 0} />
              <span>
                {TERMINAL_KIND_LABELS[kind].zh} <span className="en">{TERMINAL_KIND_LABELS[kind].en}</span>
                <span className="hint">
                  可见：{TERMINAL_KIND_LABELS[kind].sees.zh} / Sees: {TERMINAL_KIND_LABELS[kind].sees.en}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <FieldError id="terminal-kind-error" messages={errors.kind} />

        <label htmlFor="terminal-district">
          所在区 <span className="hint">District</span>
        </label>
        <select id="terminal-district" name="districtCode" defaultValue="" required aria-invalid={isInvalid('districtCode')} aria-describedby="terminal-district-error">
          <option value="" disabled>
            请选择 / Choose…
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
            登记并生成密钥 / Register and create key
          </button>
        </div>
      </form>
    </section>
  );
}

/** The new key, once: copy it now or lose it. */
function NewTerminalKey({ name, apiKey }: { name: string; apiKey: string }) {
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
      <h3>“{name}”已登记 <span className="en">registered</span></h3>
      <p>
        <strong>请立即复制此密钥，交给终端操作员保管。密钥只显示这一次</strong>，离开或刷新本页后无法再查看；遗失后只能停用该终端并重新登记。
        <span className="en"> Copy this key now and hand it to the terminal operator. It is shown only this once: it cannot be viewed again after you leave or reload this page. If it is lost, deactivate the terminal and register it again.</span>
      </p>
      <label htmlFor="new-terminal-key">
        终端 API 密钥 <span className="hint" style={{ display: 'inline' }}>Terminal API key</span>
      </label>
      <div className="key-copy">
        <textarea id="new-terminal-key" data-testid="new-terminal-key" readOnly rows={3} value={apiKey} className="mono" spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="secondary" onClick={copy}>
          复制 / Copy
        </button>
      </div>
      <p aria-live="polite" className="hint">
        {copyState === 'copied' && '已复制到剪贴板 / Copied to the clipboard'}
        {copyState === 'failed' && '无法自动复制，请选中后手动复制 / Could not copy; select the key and copy it by hand'}
      </p>
      <div className="actions">
        <button type="button" className="secondary small" onClick={() => setIsDismissed(true)}>
          我已保存，关闭 / I have saved it — close
        </button>
      </div>
    </div>
  );
}
