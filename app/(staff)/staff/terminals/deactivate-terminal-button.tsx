'use client';

import { useActionState } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import { deactivateTerminalAction, type DeactivateTerminalState } from './actions';

// Behind a disclosure, so a terminal is never stopped by one stray click.
export function DeactivateTerminalButton({ terminalId, name }: { terminalId: string; name: string }) {
  const { t, pick } = useTranslator();
  const [state, formAction, isPending] = useActionState<DeactivateTerminalState, FormData>(deactivateTerminalAction, null);
  return (
    <details className="terminal-deactivate">
      <summary>{t('staff.terminals.deactivate.summary')}</summary>
      <form action={formAction}>
        <input type="hidden" name="terminalId" value={terminalId} />
        <p className="hint">{t('staff.terminals.deactivate.warning', { name })}</p>
        <button type="submit" className="danger-outline small" disabled={isPending} aria-busy={isPending}>
          {t('staff.terminals.deactivate.submit')}
        </button>
      </form>
      {state && state.status !== 'ok' && (
        <p className="field-error" role="alert">
          {pick(state.message)}
        </p>
      )}
    </details>
  );
}
