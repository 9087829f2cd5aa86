import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '@/db/connect';
import { applicationNotes, staffUsers } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { StaffActor } from '@/lib/auth/actor';
import { invalid, notFound, ok, type Result } from '@/lib/result';
import { findApplicationForActor } from './access';
import { msg } from '@/lib/i18n/problem';

export const caseNoteSchema = z.object({
  applicationId: z.uuid(),
  body: z.string().trim().min(1, msg('problems.applications.writeNote')).max(2000, msg('problems.applications.noteTooLong')),
});

/** An internal note on a case (never shown to the citizen), written with its audit entry. */
export async function addCaseNote(db: Database, actor: StaffActor, rawInput: unknown, now = new Date()): Promise<Result<{ id: number }>> {
  const parsed = caseNoteSchema.safeParse(rawInput);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message ?? msg('problems.common.invalidRequest'), z.flattenError(parsed.error).fieldErrors);
  const application = await findApplicationForActor(db, actor, parsed.data.applicationId);
  if (!application) return notFound(msg('problems.applications.notFound'));
  const id = await db.transaction(async (tx) => {
    const [note] = await tx.insert(applicationNotes).values({ applicationId: application.id, staffId: actor.staffId, body: parsed.data.body, createdAt: now }).returning({ id: applicationNotes.id });
    await writeAudit(tx, { action: 'application.note_added', actorType: 'staff', actorId: actor.staffId, subjectType: 'application', subjectId: application.id, details: { noteId: note!.id } });
    return note!.id;
  });
  return ok({ id });
}

/** Notes of a case the caller may already see (the caller has checked scope). */
export async function listCaseNotes(db: Executor, applicationId: string) {
  return db
    .select({ id: applicationNotes.id, body: applicationNotes.body, createdAt: applicationNotes.createdAt, staffNumber: staffUsers.staffNumber, displayName: staffUsers.displayName })
    .from(applicationNotes)
    .innerJoin(staffUsers, eq(staffUsers.id, applicationNotes.staffId))
    .where(eq(applicationNotes.applicationId, applicationId))
    .orderBy(asc(applicationNotes.id));
}
