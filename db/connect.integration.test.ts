import fs from 'node:fs';
import path from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCleanDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { MAX_PREPARED_PARAMETERS, migrateDatabase, migrationsFolder, queryRows, readMigrationLevel, type Connection } from './connect';
import { households } from './schema';

const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
const latestTag = journal.entries.at(-1)!.tag;

describe.each(TEST_TARGETS)('database connection on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openCleanDatabase(target);
  });
  afterAll(async () => connection?.close());

  it('reports the latest migration tag from the journal', async () => {
    expect(journal.entries.length).toBeGreaterThan(0);
    expect(await readMigrationLevel(connection.db)).toEqual({ applied: journal.entries.length, latest: latestTag });
  });

  it('migrates a second time without changing the level or losing data', async () => {
    const [row] = await connection.db
      .insert(households)
      .values({ householdNumber: '42010699999999', districtCode: '420106', address: '武汉市武昌区中南路 1 号' })
      .returning();
    await migrateDatabase(connection);
    await migrateDatabase(connection);
    expect(await readMigrationLevel(connection.db)).toEqual({ applied: journal.entries.length, latest: latestTag });
    expect(await connection.db.select().from(households).where(eq(households.id, row!.id))).toEqual([row]);
  });
});

// drizzle's postgres.js driver asks for unnamed statements; db/connect.ts keeps them prepared instead,
// so a repeated query is one round trip (docs/benchmarks.md). pg_prepared_statements lists what the
// current connection holds, and a transaction keeps to one connection.
describe.each(TEST_TARGETS.filter((t) => t.kind === 'postgresql'))('prepared statements on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openCleanDatabase(target);
  });
  afterAll(async () => connection?.close());

  const preparedOnThisConnection = (tx: Parameters<Parameters<Connection['db']['transaction']>[0]>[0], marker: string) =>
    queryRows<{ statement: string }>(tx, sql`select statement from pg_prepared_statements where statement like ${`%${marker}%`} and statement not like '%pg_prepared_statements%'`);

  it('keeps a drizzle query prepared on its connection, and runs it again from there', async () => {
    const marker = '42010699999998';
    await connection.db.transaction(async (tx) => {
      for (let i = 0; i < 3; i += 1) {
        expect(await tx.select({ id: households.id }).from(households).where(eq(households.householdNumber, marker))).toEqual([]);
      }
      const prepared = await preparedOnThisConnection(tx, 'household_number');
      expect(prepared).toHaveLength(1);
      expect(prepared[0]!.statement).toMatch(/^select "id" from "households" where "households"\."household_number" = \$1$/);
    });
  });

  it('inside a savepoint too, and with a transaction of its own', async () => {
    await connection.db.transaction(async (tx) => {
      await tx.transaction(async (inner) => {
        await inner.select({ id: households.id }).from(households).where(eq(households.address, 'savepoint'));
      });
      expect(await preparedOnThisConnection(tx, '"households"."address" = $1')).toHaveLength(1);
    });
  });

  it('leaves a statement with more parameters than the limit unprepared (bulk inserts vary in size)', async () => {
    const many = Array.from({ length: MAX_PREPARED_PARAMETERS + 1 }, (_, i) => `4201069${String(i).padStart(7, '0')}`);
    await connection.db.transaction(async (tx) => {
      expect(await tx.select({ id: households.id }).from(households).where(inArray(households.householdNumber, many))).toEqual([]);
      expect(await tx.select({ id: households.id }).from(households).where(inArray(households.householdNumber, many.slice(0, 2)))).toEqual([]);
      const prepared = await preparedOnThisConnection(tx, '"households"."household_number" in');
      expect(prepared.map((p) => p.statement)).toEqual([expect.stringMatching(/in \(\$1, \$2\)$/)]);
    });
  });
});
