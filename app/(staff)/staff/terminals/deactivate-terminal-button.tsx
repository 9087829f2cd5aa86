'use client';

import { useActionState } from 'react';
import { deactivateTerminalAction, type DeactivateTerminalState } from './actions';

// Behind a disclosure, so a terminal is never stopped by one stray click.
export function DeactivateTerminalButton({ terminalId, name }: { terminalId: string; name: string }) {
  const [state, formAction, isPending] = useActionState<DeactivateTerminalState, FormData>(deactivateTerminalAction, null);
  return (
    <details className="terminal-deactivate">
      <summary>停用 / Deactivate</summary>
      <form action={formAction}>
        <input type="hidden" name="terminalId" value={terminalId} />
        <p className="hint">
          停用后“{name}”的密钥立即失效，无法恢复；如需继续使用须重新登记。
          <span lang="en"> The key stops working at once and cannot be restored; register the terminal again to keep using it.</span>
        </p>
        <button type="submit" className="danger-outline small" disabled={isPending} aria-busy={isPending}>
          确认停用 / Deactivate now
        </button>
      </form>
      {state && state.status !== 'ok' && (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      )}
    </details>
  );
}
