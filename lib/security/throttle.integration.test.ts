import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Connection } from '@/db/connect';
import { throttleBuckets } from '@/db/schema';
import { openCleanDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { STAFF_SIGN_IN_FAILURE_RULES, STAFF_SECOND_FACTOR_FAILURE_RULE } from '@/lib/auth/staff-sign-in';
import { runScheduledJob } from '@/lib/jobs/scheduled-jobs';
import { hitThrottle, hitThrottles, LONGEST_THROTTLE_WINDOW_SECONDS, peekThrottle } from './throttle';
import { THROTTLE_RULES } from './throttle-rules';

const rule = { limit: 3, windowSeconds: 60 };
const T0 = new Date('2026-11-28T10:00:10Z');

describe.each(TEST_TARGETS)('throttling on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openCleanDatabase(target);
  });
  afterAll(async () => connection?.close());

  it('allows the limit, then refuses with the wait until the window ends, then allows again', async () => {
    const key = `t1:${target.kind}`;
    expect(await peekThrottle(connection.db, key, rule, T0)).toEqual({ isAllowed: true, remaining: 3, retryAfterSeconds: 0 });
    expect((await hitThrottle(connection.db, key, rule, T0)).remaining).toBe(2);
    await hitThrottle(connection.db, key, rule, T0);
    expect(await hitThrottle(connection.db, key, rule, T0)).toEqual({ isAllowed: true, remaining: 0, retryAfterSeconds: 0 });
    expect(await hitThrottle(connection.db, key, rule, T0)).toEqual({ isAllowed: false, remaining: 0, retryAfterSeconds: 50 });
    expect((await peekThrottle(connection.db, key, rule, T0)).isAllowed).toBe(false);
    expect((await hitThrottle(connection.db, key, rule, new Date('2026-11-28T10:01:00Z'))).isAllowed).toBe(true);
  });

  it('keeps keys apart, and a combined check refuses when any one limit is spent', async () => {
    const account = `acct:${target.kind}`;
    const client = `client:${target.kind}`;
    for (let i = 0; i < 3; i += 1) await hitThrottle(connection.db, client, rule, T0);
    expect((await hitThrottle(connection.db, `other:${target.kind}`, rule, T0)).isAllowed).toBe(true);
    const combined = await hitThrottles(connection.db, [{ key: account, rule }, { key: client, rule }], T0);
    expect(combined).toMatchObject({ isAllowed: false, retryAfterSeconds: 50 });
  });

  it('the throttle-purge job deletes buckets whose window has closed and keeps the open ones (issue 15 item 7)', async () => {
    // No rule's window is longer than what the purge keeps.
    for (const r of [...Object.values(THROTTLE_RULES), ...STAFF_SIGN_IN_FAILURE_RULES, STAFF_SECOND_FACTOR_FAILURE_RULE]) expect(r.windowSeconds).toBeLessThanOrEqual(LONGEST_THROTTLE_WINDOW_SECONDS);
    const day = { limit: 5, windowSeconds: 24 * 60 * 60 };
    const now = new Date('2026-12-01T12:00:00Z');
    await hitThrottle(connection.db, `purge-old:${target.kind}`, rule, new Date(now.getTime() - 2 * 24 * 3600_000));
    await hitThrottle(connection.db, `purge-old-day:${target.kind}`, day, new Date(now.getTime() - 50 * 3600_000));
    await hitThrottle(connection.db, `purge-open-day:${target.kind}`, day, new Date(now.getTime() - 3600_000));
    await hitThrottle(connection.db, `purge-open:${target.kind}`, rule, now);
    const outcome = await runScheduledJob(connection.db, 'throttle-purge', { now, instance: 'test' });
    expect(outcome).toMatchObject({ ran: true });
    const keys = (await connection.db.select({ key: throttleBuckets.key }).from(throttleBuckets)).map((r) => r.key);
    expect(keys).not.toContain(`purge-old:${target.kind}`);
    expect(keys).not.toContain(`purge-old-day:${target.kind}`);
    expect(keys).toContain(`purge-open-day:${target.kind}`);
    expect(keys).toContain(`purge-open:${target.kind}`);
    // The day-long bucket opened an hour ago still counts.
    expect((await peekThrottle(connection.db, `purge-open-day:${target.kind}`, day, now)).remaining).toBe(4);
  });
});

// Two connection pools stand for two app instances sharing the production database.
describe.each(TEST_TARGETS.filter((t) => t.kind === 'postgresql'))('throttling across instances on $kind', (target) => {
  it('holds across two app instances hitting one PostgreSQL at once', async () => {
    const first = await openCleanDatabase(target);
    const second = await openDatabase(target);
    try {
      const key = 'shared-across-instances';
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => hitThrottle(i % 2 === 0 ? first.db : second.db, key, { limit: 7, windowSeconds: 60 }, T0)),
      );
      expect(results.filter((r) => r.isAllowed)).toHaveLength(7);
    } finally {
      await second.close();
      await first.close();
    }
  });
});
