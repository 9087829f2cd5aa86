'use client';

import { useActionState } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import { uploadTicketListAction, type TicketListState } from './actions';

/** One event's list upload: the file replaces the whole list, or nothing changes. */
export function TicketListForm({ eventId, eventName }: { eventId: string; eventName: string }) {
  const { t, pick } = useTranslator();
  const [state, formAction, isPending] = useActionState<TicketListState, FormData>(uploadTicketListAction, null);
  const inputId = `ticket-list-${eventId}`;
  return (
    <form action={formAction} className="ticket-list-form" data-testid="ticket-list-form">
      <input type="hidden" name="eventId" value={eventId} />
      <label htmlFor={inputId}>
        {t('staff.events.upload.label')} <span className="visually-hidden">{eventName}</span>
      </label>
      <input id={inputId} name="list" type="file" accept=".csv,text/csv,text/plain" required aria-describedby={`${inputId}-hint`} />
      <p className="hint" id={`${inputId}-hint`}>
        {t('staff.events.upload.hint')}
      </p>
      <button type="submit" disabled={isPending} aria-busy={isPending}>
        {t('staff.events.upload.submit')}
      </button>
      {state?.status === 'ok' && (
        <p className="alert success" role="status">
          {t('staff.events.upload.done', { count: state.data.ticketCount })}
        </p>
      )}
      {state && state.status !== 'ok' && (
        <div className="alert error" role="alert">
          <p>{pick(state.message)}</p>
          {'problems' in state && state.problems.length > 0 && (
            <ul>
              {state.problems.map((problem) => (
                <li key={problem.line}>{t('staff.events.upload.line', { line: problem.line, message: pick(problem.message) })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
