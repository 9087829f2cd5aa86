import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCleanDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { migrateDatabase, migrationsFolder, readMigrationLevel, type Connection } from './connect';
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
