import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/connect';
import { outboxMessages } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { StaffActor } from '@/lib/auth/actor';
import { conflict, forbidden, notFound, ok, type Result } from '@/lib/result';
import { msg } from '@/lib/i18n/problem';
import { maskRecipient } from './masking';
import { canSeeOutbox } from '@/lib/auth/permissions';

// The dead-letter view: messages whose delivery failed (waiting for a retry) or was given up
// ('dead'). Mail and SMS carry personal data, so only supervisors and admins see them, masked.

const mayManage = (actor: StaffActor) => canSeeOutbox(actor);

export type UndeliveredMessage = {
  id: number;
  kind: 'email' | 'sms';
  status: 'failed' | 'dead';
  /** Masked: never the full address or phone number. */
  recipient: string;
  /** The e-mail subject (it carries a reference number, no personal data); SMS have none. */
  subject: string | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
};

export async function listUndeliveredMessages(db: Database, actor: StaffActor, limit = 200): Promise<Result<{ messages: UndeliveredMessage[]; counts: { failed: number; dead: number } }>> {
  if (!mayManage(actor)) return forbidden();
  const rows = await db
    .select()
    .from(outboxMessages)
    .where(inArray(outboxMessages.status, ['failed', 'dead']))
    .orderBy(desc(outboxMessages.id))
    .limit(limit);
  const counted = await db
    .select({ status: outboxMessages.status, n: sql<number>`count(*)::int` })
    .from(outboxMessages)
    .where(inArray(outboxMessages.status, ['failed', 'dead']))
    .groupBy(outboxMessages.status);
  const counts = { failed: 0, dead: 0 };
  for (const c of counted) counts[c.status as 'failed' | 'dead'] = Number(c.n);
  return ok({
    counts,
    messages: rows.map((r) => {
      const payload = r.payload as { to?: unknown; subject?: unknown };
      return {
        id: r.id,
        kind: r.kind,
        status: r.status as 'failed' | 'dead',
        recipient: maskRecipient(r.kind, String(payload.to ?? '')),
        subject: typeof payload.subject === 'string' ? payload.subject : null,
        attempts: r.attempts,
        lastError: r.lastError,
        nextAttemptAt: r.nextAttemptAt,
        createdAt: r.createdAt,
      };
    }),
  });
}

const messageIdSchema = z.coerce.number().int().positive();

/**
 * "Retry now": a failed or dead message goes back to pending, due at once, with a fresh count of
 * attempts (the last error is kept until the next attempt). One transaction with its audit entry.
 */
export async function retryOutboxMessage(db: Database, actor: StaffActor, rawId: unknown, now = new Date()): Promise<Result<{ id: number }>> {
  if (!mayManage(actor)) return forbidden();
  const parsed = messageIdSchema.safeParse(rawId);
  if (!parsed.success) return notFound(msg('problems.notifications.messageNotFound'));
  const id = parsed.data;
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(outboxMessages).where(eq(outboxMessages.id, id)).for('update');
    if (!before) return notFound(msg('problems.notifications.messageNotFound'));
    if (before.status !== 'failed' && before.status !== 'dead') return conflict(msg('problems.notifications.notFailed'));
    await tx
      .update(outboxMessages)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: now })
      .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, before.status)));
    await writeAudit(tx, {
      action: 'outbox.retried',
      actorType: 'staff',
      actorId: actor.staffId,
      subjectType: 'outbox_message',
      subjectId: String(id),
      details: { kind: before.kind, statusBefore: before.status, attemptsBefore: before.attempts },
    });
    return ok({ id });
  });
}
