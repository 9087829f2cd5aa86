import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCleanDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import type { Connection } from './connect';
import { definePrepared } from './prepared';
import { households } from './schema';

describe.each(TEST_TARGETS)('definePrepared on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openCleanDatabase(target);
    await connection.db.insert(households).values([
      { householdNumber: '42010600000001', districtCode: '420106', address: '武昌区一号' },
      { householdNumber: '42010600000002', districtCode: '420102', address: '江岸区二号' },
    ]);
  });
  afterAll(async () => connection?.close());

  it('builds a query once per database and runs it with each call’s own values', async () => {
    let builds = 0;
    const byNumber = definePrepared((db) => {
      builds += 1;
      return db.select({ address: households.address }).from(households).where(eq(households.householdNumber, sql.placeholder('number'))).prepare('household_by_number');
    });
    expect(await byNumber(connection.db).execute({ number: '42010600000001' })).toEqual([{ address: '武昌区一号' }]);
    expect(await byNumber(connection.db).execute({ number: '42010600000002' })).toEqual([{ address: '江岸区二号' }]);
    expect(await byNumber(connection.db).execute({ number: '42010600009999' })).toEqual([]);
    expect(builds).toBe(1);
    // A transaction is a database of its own: its query is built for it, and sees its uncommitted rows.
    await connection.db.transaction(async (tx) => {
      await tx.insert(households).values({ householdNumber: '42010600000003', districtCode: '420106', address: '武昌区三号' });
      expect(await byNumber(tx).execute({ number: '42010600000003' })).toEqual([{ address: '武昌区三号' }]);
      tx.rollback();
    }).catch((error: unknown) => {
      if (!(error instanceof Error) || !/rollback/i.test(error.message)) throw error;
    });
    expect(builds).toBe(2);
    expect(await byNumber(connection.db).execute({ number: '42010600000003' })).toEqual([]);
  });
});
