import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '@/db/connect';
import { outboxMessages } from '@/db/schema';
import { maskRecipientsInText } from './masking';

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

/** How long a claimed message is held by its sender: a sender that dies mid-batch loses it after this. */
export const CLAIM_LEASE_SECONDS = 300;

/** The back-off ceiling before attempt n+1 (no jitter): 2, 4, 8 … seconds, capped at 10 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(600, 2 ** attempts);
}

/**
 * The back-off actually used, in milliseconds: "equal jitter" — half the ceiling plus a random part
 * of the other half — so messages that failed together (an SMTP outage) do not all retry at once.
 * `random` is in [0, 1); 1 − ε gives the ceiling, 0 half of it.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const ceiling = retryDelaySeconds(attempts) * 1000;
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(1, Math.max(0, random())));
}

export type DrainOptions = {
  /** Jitter source, for tests that check the schedule. */
  random?: () => number;
  leaseSeconds?: number;
};

/** Statuses a drain picks up once due: new messages and ones waiting for a retry. */
const DELIVERABLE = ['pending', 'failed'] as const;

/**
 * Delivers due messages. A batch is claimed in a short transaction with FOR UPDATE SKIP LOCKED,
 * and the claim is a lease: next_attempt_at moves CLAIM_LEASE_SECONDS ahead, so another instance
 * draining at the same time skips these rows, and a sender that crashes before recording the
 * outcome hands them back when the lease runs out. Each outcome is then written only if the lease
 * is still ours (same attempts count and lease time), so a sender that outlived its lease never
 * overwrites what a newer sender recorded.
 */
export async function drainOutbox(
  db: Database,
  deliverers: Deliverers,
  clock?: Date,
  batchSize = 20,
  options: DrainOptions = {},
): Promise<{ sent: number; failed: number; dead: number }> {
  const now = clock ?? new Date();
  const random = options.random ?? Math.random;
  const leaseSeconds = options.leaseSeconds ?? CLAIM_LEASE_SECONDS;
  // Without a test clock, "due" is judged by the database's own clock: JavaScript's millisecond
  // time can fall just before the microsecond stamp of a message committed a moment ago.
  const dueBy = clock ?? sql`now()`;
  const leaseUntil = new Date(now.getTime() + leaseSeconds * 1000);
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(and(inArray(outboxMessages.status, [...DELIVERABLE]), lte(outboxMessages.nextAttemptAt, dueBy)))
      .orderBy(asc(outboxMessages.nextAttemptAt), asc(outboxMessages.id))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outboxMessages)
      .set({ nextAttemptAt: leaseUntil })
      .where(inArray(outboxMessages.id, due.map((d) => d.id)))
      .returning();
  });

  let sent = 0;
  let failed = 0;
  let dead = 0;
  for (const message of claimed.sort((a, b) => a.id - b.id)) {
    const stillOurs = and(eq(outboxMessages.id, message.id), eq(outboxMessages.attempts, message.attempts), eq(outboxMessages.nextAttemptAt, leaseUntil));
    try {
      if (message.kind === 'email') await deliverers.sendEmail(emailPayloadSchema.parse(message.payload));
      else await deliverers.sendSms(smsPayloadSchema.parse(message.payload));
      await db
        .update(outboxMessages)
        .set({ status: 'sent', sentAt: new Date(), attempts: message.attempts + 1, lastError: null })
        .where(stillOurs);
      sent += 1;
    } catch (error) {
      const attempts = message.attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS;
      await db
        .update(outboxMessages)
        .set({
          attempts,
          status: giveUp ? 'dead' : 'failed',
          lastError: describeError(error),
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, random)),
        })
        .where(stillOurs);
      if (giveUp) dead += 1;
      else failed += 1;
    }
  }
  return { sent, failed, dead };
}

/** The error as stored and shown to staff: short, with addresses and ID numbers masked. */
function describeError(error: unknown): string {
  const text = String(error instanceof Error ? error.message : error).slice(0, 500);
  return maskRecipientsInText(text);
}
