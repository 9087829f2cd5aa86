import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '@/db/connect';
import { outboxMessages } from '@/db/schema';

// Side effects are written here in the same transaction as the change they report, and
// delivered after commit. A delivery failure is retried with back-off and never undoes the change.

export const emailPayloadSchema = z.object({
  to: z.email(),
  subject: z.string().min(1),
  text: z.string().min(1),
});
export const smsPayloadSchema = z.object({
  to: z.string().regex(/^1\d{10}$/),
  text: z.string().min(1),
  /** Only for the dev adapter's file, so a developer or a test can read a one-time code. */
  code: z.string().optional(),
});
export type EmailPayload = z.infer<typeof emailPayloadSchema>;
export type SmsPayload = z.infer<typeof smsPayloadSchema>;

export async function enqueueEmail(tx: Executor, payload: EmailPayload): Promise<void> {
  await tx.insert(outboxMessages).values({ kind: 'email', payload: emailPayloadSchema.parse(payload) });
}

export async function enqueueSms(tx: Executor, payload: SmsPayload): Promise<void> {
  await tx.insert(outboxMessages).values({ kind: 'sms', payload: smsPayloadSchema.parse(payload) });
}

export type Deliverers = {
  sendEmail: (message: EmailPayload) => Promise<void>;
  sendSms: (message: SmsPayload) => Promise<void>;
};

export const MAX_ATTEMPTS = 10;

/** Seconds to wait before attempt n+1: 2, 4, 8 … capped at 10 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(600, 2 ** attempts);
}

/**
 * Delivers due messages. Each message is claimed by pushing its next attempt into the future
 * in a short transaction (FOR UPDATE SKIP LOCKED), so several app instances never send one twice.
 */
export async function drainOutbox(db: Database, deliverers: Deliverers, clock?: Date, batchSize = 20): Promise<{ sent: number; failed: number }> {
  const now = clock ?? new Date();
  // Without a test clock, "due" is judged by the database's own clock: JavaScript's millisecond
  // time can fall just before the microsecond stamp of a message committed a moment ago.
  const dueBy = clock ?? sql`now()`;
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.status, 'pending'), lte(outboxMessages.nextAttemptAt, dueBy)))
      .orderBy(asc(outboxMessages.id))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outboxMessages)
      .set({ nextAttemptAt: sql`${now.toISOString()}::timestamptz + interval '5 minutes'` })
      .where(inArray(outboxMessages.id, due.map((d) => d.id)))
      .returning();
  });

  let sent = 0;
  let failed = 0;
  for (const message of claimed.sort((a, b) => a.id - b.id)) {
    try {
      if (message.kind === 'email') await deliverers.sendEmail(emailPayloadSchema.parse(message.payload));
      else await deliverers.sendSms(smsPayloadSchema.parse(message.payload));
      await db
        .update(outboxMessages)
        .set({ status: 'sent', sentAt: new Date(), attempts: message.attempts + 1, lastError: null })
        .where(eq(outboxMessages.id, message.id));
      sent += 1;
    } catch (error) {
      const attempts = message.attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS;
      await db
        .update(outboxMessages)
        .set({
          attempts,
          status: giveUp ? 'failed' : 'pending',
          lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
          nextAttemptAt: new Date(now.getTime() + retryDelaySeconds(attempts) * 1000),
        })
        .where(eq(outboxMessages.id, message.id));
      failed += 1;
    }
  }
  return { sent, failed };
}
