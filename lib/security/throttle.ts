import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '@/db/connect';
import { throttleBuckets } from '@/db/schema';
import { msg } from '@/lib/i18n/problem';

export type ThrottleRule = { limit: number; windowSeconds: number };
export type ThrottleState = { isAllowed: boolean; remaining: number; retryAfterSeconds: number };

// Every gate is throttled per account and per client (lib/security/throttle-rules.ts). Counters live
// in the database, so the limit holds however many app instances serve the traffic.
/** The start of the fixed window `now` falls in (exported for statements that count a hit in their own SQL). */
export const windowStartOf = (now: Date, rule: ThrottleRule) =>
  new Date(Math.floor(now.getTime() / (rule.windowSeconds * 1000)) * rule.windowSeconds * 1000);

/** What `hits` in the current window mean for the caller. */
export function stateFor(hits: number, rule: ThrottleRule, now: Date): ThrottleState {
  const windowEnd = windowStartOf(now, rule).getTime() + rule.windowSeconds * 1000;
  const isAllowed = hits <= rule.limit;
  return {
    isAllowed,
    remaining: Math.max(0, rule.limit - hits),
    retryAfterSeconds: isAllowed ? 0 : Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)),
  };
}

/** Counts one attempt against `key` (atomic upsert) and says whether it is within the limit. */
export async function hitThrottle(db: Executor, key: string, rule: ThrottleRule, now = new Date()): Promise<ThrottleState> {
  const [row] = await db
    .insert(throttleBuckets)
    .values({ key, windowStart: windowStartOf(now, rule), hits: 1 })
    .onConflictDoUpdate({ target: [throttleBuckets.key, throttleBuckets.windowStart], set: { hits: sql`${throttleBuckets.hits} + 1` } })
    .returning({ hits: throttleBuckets.hits });
  return stateFor(row?.hits ?? 1, rule, now);
}

/** Where `key` stands without counting an attempt: for showing "n attempts left". */
export async function peekThrottle(db: Executor, key: string, rule: ThrottleRule, now = new Date()): Promise<ThrottleState> {
  const [row] = await db
    .select({ hits: throttleBuckets.hits })
    .from(throttleBuckets)
    .where(and(eq(throttleBuckets.key, key), eq(throttleBuckets.windowStart, windowStartOf(now, rule))));
  const hits = row?.hits ?? 0;
  return hits >= rule.limit ? stateFor(hits + 1, rule, now) : { isAllowed: true, remaining: rule.limit - hits, retryAfterSeconds: 0 };
}

/** Several limits at once (per account and per client): all are counted; the strictest answer wins. */
export async function hitThrottles(db: Executor, checks: { key: string; rule: ThrottleRule }[], now = new Date()): Promise<ThrottleState> {
  const states = [];
  for (const check of checks) states.push(await hitThrottle(db, check.key, check.rule, now));
  const blocked = states.filter((s) => !s.isAllowed);
  if (blocked.length > 0) return { isAllowed: false, remaining: 0, retryAfterSeconds: Math.max(...blocked.map((s) => s.retryAfterSeconds)) };
  return { isAllowed: true, remaining: Math.min(...states.map((s) => s.remaining)), retryAfterSeconds: 0 };
}

/** The wait before a retry (seconds under a minute, minutes under an hour, else hours), as a reference for a message's `{wait}`. */
export function retryWait(seconds: number): string {
  if (seconds < 60) return msg('problems.common.wait.seconds', { n: seconds });
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return msg('problems.common.wait.minutes', { n: minutes });
  return msg('problems.common.wait.hours', { n: Math.ceil(minutes / 60) });
}

/**
 * No throttle window is longer than this (a day: registry misses per ID number, the questionnaire,
 * the staff sign-in's last tier). Buckets are aligned to their window, so one that started longer ago
 * than this has closed whatever its rule.
 */
export const LONGEST_THROTTLE_WINDOW_SECONDS = 24 * 60 * 60;

/** Deletes closed buckets (the table otherwise only grows): the `throttle-purge` job runs it hourly. */
export async function purgeExpiredThrottleBuckets(db: Executor, now = new Date()): Promise<{ buckets: number }> {
  const cutoff = new Date(now.getTime() - LONGEST_THROTTLE_WINDOW_SECONDS * 1000);
  const deleted = await db.delete(throttleBuckets).where(lt(throttleBuckets.windowStart, cutoff)).returning({ key: throttleBuckets.key });
  return { buckets: deleted.length };
}

