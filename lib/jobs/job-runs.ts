// Runs a scheduled job at most once per time slot across every app or worker instance on one
// database. Each instance's timer fires when it fires; the first to insert the (job, slot) row in
// job_runs runs the slot, the others see the row and skip. No server-only: tests drive it directly.
import os from 'node:os';
import { and, eq, lt } from 'drizzle-orm';
import type { Database } from '@/db/connect';
import { jobRuns } from '@/db/schema';
import { getEnv } from '@/lib/env';

/** Who ran a slot, for the job_runs table and the logs: INSTANCE_ID if set, else host:pid. */
export function instanceId(): string {
  return getEnv().INSTANCE_ID ?? `${os.hostname()}:${process.pid}`;
}

/** How long finished slots are kept (the table is a record, not a queue). */
const KEEP_DAYS = 30;

export function slotOf(now: Date, everyMs: number): Date {
  return new Date(Math.floor(now.getTime() / everyMs) * everyMs);
}

export type SlotOutcome<T> = { ran: true; slot: Date; result: T } | { ran: false; slot: Date; heldBy: string };

/**
 * Claims (job, slot) and runs `fn` if the claim is ours. A run that throws is recorded as failed
 * and not retried in the same slot (the jobs catch up in the next one); an instance that dies
 * mid-run leaves the slot unfinished, and the next slot runs as usual.
 */
export async function runOncePerSlot<T>(
  db: Database,
  job: string,
  everyMs: number,
  fn: () => Promise<T>,
  options: { now?: Date; instance?: string } = {},
): Promise<SlotOutcome<T>> {
  const now = options.now ?? new Date();
  const instance = options.instance ?? instanceId();
  const slot = slotOf(now, everyMs);
  const claimed = await db.insert(jobRuns).values({ job, slot, instance, startedAt: now }).onConflictDoNothing().returning({ instance: jobRuns.instance });
  if (claimed.length === 0) {
    const [holder] = await db.select({ instance: jobRuns.instance }).from(jobRuns).where(and(eq(jobRuns.job, job), eq(jobRuns.slot, slot)));
    return { ran: false, slot, heldBy: holder?.instance ?? 'unknown' };
  }
  const mine = and(eq(jobRuns.job, job), eq(jobRuns.slot, slot));
  try {
    const result = await fn();
    await db.update(jobRuns).set({ finishedAt: new Date(), outcome: 'ok' }).where(mine);
    await db.delete(jobRuns).where(and(eq(jobRuns.job, job), lt(jobRuns.slot, new Date(now.getTime() - KEEP_DAYS * 86_400_000))));
    return { ran: true, slot, result };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.update(jobRuns).set({ finishedAt: new Date(), outcome: `failed: ${message}`.slice(0, 500) }).where(mine);
    throw error;
  }
}
