// Integration tests run against every database listed here: the embedded PGlite always, and a
// real PostgreSQL when TEST_DATABASE_URL is set (scripts/test.mjs and .ci/run set it).
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Connection, type DatabaseTarget } from '@/db/connect';

export const TEST_TARGETS: DatabaseTarget[] = [
  { kind: 'pglite' },
  ...(process.env.TEST_DATABASE_URL ? [{ kind: 'postgresql' as const, url: process.env.TEST_DATABASE_URL }] : []),
];

if (!process.env.TEST_DATABASE_URL) {
  console.warn('TEST_DATABASE_URL is not set: integration tests run on PGlite only (npm test sets it).');
}

/** A clean, migrated database: PGlite in memory, or the PostgreSQL test database emptied first. */
export async function openCleanDatabase(target: DatabaseTarget): Promise<Connection> {
  const connection = await openDatabase(target);
  if (connection.kind === 'postgresql') {
    await connection.db.execute(sql`drop schema if exists public cascade`);
    await connection.db.execute(sql`drop schema if exists drizzle cascade`);
    await connection.db.execute(sql`create schema public`);
  }
  await migrateDatabase(connection);
  return connection;
}

export const TEST_BASE_URL = 'http://portal.test';
