import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Connection } from '@/db/connect';
import { openCleanDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { hitThrottle, hitThrottles, peekThrottle } from './throttle';

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
