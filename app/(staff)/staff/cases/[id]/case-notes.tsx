'use client';

import { useActionState } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import { addCaseNoteAction, type StaffActionState } from '../../actions';

type Note = { id: number; body: string; createdAt: Date | string; staffNumber: string; displayName: string };

/** Internal notes: staff only, never shown to the citizen. */
export function CaseNotes({ applicationId, notes }: { applicationId: string; notes: Note[] }) {
  const { t, pick, dateTime } = useTranslator();
  const [state, formAction, isPending] = useActionState<StaffActionState, FormData>(addCaseNoteAction, null);
  return (
    <section className="card" aria-labelledby="notes-heading">
      <h2 id="notes-heading">{t('staff.notes.heading')}</h2>
      {notes.length === 0 ? (
        <p className="hint">{t('staff.notes.none')}</p>
      ) : (
        <ul className="notes" data-testid="case-notes">
          {notes.map((note) => (
            <li key={note.id}>
              <div>{note.body}</div>
              <div className="hint">
                {t('staff.notes.by', { number: note.staffNumber, time: dateTime(note.createdAt) })}
              </div>
            </li>
          ))}
        </ul>
      )}
      <form action={formAction}>
        <input type="hidden" name="applicationId" value={applicationId} />
        <label htmlFor="note-body">{t('staff.notes.add')}</label>
        <textarea id="note-body" name="body" rows={2} maxLength={2000} required />
        {state && state.status !== 'ok' && <div className="alert error" role="alert">{pick(state.message)}</div>}
        <div className="actions">
          <button type="submit" className="secondary small" disabled={isPending}>{t('staff.notes.save')}</button>
        </div>
      </form>
    </section>
  );
}
