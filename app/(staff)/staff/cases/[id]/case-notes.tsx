'use client';

import { useActionState } from 'react';
import { formatDateTime } from '@/components/format';
import { addCaseNoteAction, type StaffActionState } from '../../actions';

type Note = { id: number; body: string; createdAt: Date | string; staffNumber: string; displayName: string };

/** Internal notes: staff only, never shown to the citizen. */
export function CaseNotes({ applicationId, notes }: { applicationId: string; notes: Note[] }) {
  const [state, formAction, isPending] = useActionState<StaffActionState, FormData>(addCaseNoteAction, null);
  return (
    <section className="card" aria-labelledby="notes-heading">
      <h2 id="notes-heading">内部备注 <span className="en">Internal notes (staff only)</span></h2>
      {notes.length === 0 ? (
        <p className="hint">暂无备注 / No notes yet.</p>
      ) : (
        <ul className="notes" data-testid="case-notes">
          {notes.map((note) => (
            <li key={note.id}>
              <div>{note.body}</div>
              <div className="hint">
                警号 {note.staffNumber} · {formatDateTime(note.createdAt)}
              </div>
            </li>
          ))}
        </ul>
      )}
      <form action={formAction}>
        <input type="hidden" name="applicationId" value={applicationId} />
        <label htmlFor="note-body">添加备注 <span className="hint">Add a note</span></label>
        <textarea id="note-body" name="body" rows={2} maxLength={2000} required />
        {state && state.status !== 'ok' && <div className="alert error" role="alert">{state.message}</div>}
        <div className="actions">
          <button type="submit" className="secondary small" disabled={isPending}>保存备注 / Save note</button>
        </div>
      </form>
    </section>
  );
}
