// Integration tests run against every database listed here: the embedded PGlite always, and a
// real PostgreSQL when TEST_DATABASE_URL is set (scripts/test.mjs and .ci/run set it).
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { migrateDatabase, openDatabase, type Connection, type DatabaseTarget } from '@/db/connect';
import { seedForTest } from './fixtures';
import { databaseOf, recreateFromTemplate, workerDatabaseUrl } from './postgres-admin';
import type { SnapshotKind, TestSnapshots } from './test-snapshots';

export const TEST_TARGETS: DatabaseTarget[] = [
  { kind: 'pglite' },
  ...(process.env.TEST_DATABASE_URL ? [{ kind: 'postgresql' as const, url: process.env.TEST_DATABASE_URL }] : []),
];

if (!process.env.TEST_DATABASE_URL) {
  console.warn('TEST_DATABASE_URL is not set: integration tests run on PGlite only (npm test sets it).');
}

// Built once per run by lib/testing/global-setup.ts; null when that setup did not run.
const snapshots: TestSnapshots | null = (() => {
  try {
    return inject('testSnapshots') ?? null;
  } catch {
    return null;
  }
})();

/** A clean, migrated database: PGlite in memory, or the worker's PostgreSQL test database emptied first. */
export async function openCleanDatabase(target: DatabaseTarget): Promise<Connection> {
  return (await openFromSnapshot(target, 'migrated')) ?? openByMigrating(target);
}

/**
 * A clean database holding exactly what seedForTest writes — the same as openCleanDatabase followed
 * by seedForTest, copied from the run's snapshot instead of seeded again.
 */
export async function openSeededDatabase(target: DatabaseTarget): Promise<Connection> {
  const copied = await openFromSnapshot(target, 'seeded');
  if (copied) return copied;
  const connection = await openByMigrating(target);
  await seedForTest(connection.db);
  return connection;
}

async function openFromSnapshot(target: DatabaseTarget, kind: SnapshotKind): Promise<Connection | null> {
  if (!snapshots) return null;
  if (target.kind === 'pglite') {
    // Only the in-memory database comes from a snapshot; one on disk is the test's own.
    if (target.dataDir || target.loadDataDir) return null;
    const dump = new Blob([fs.readFileSync(snapshots.pglite[kind])]);
    return openDatabase({ kind: 'pglite', loadDataDir: dump });
  }
  const pg = snapshots.postgresql;
  // Only this worker's own test database (lib/testing/worker-database.ts) is re-created; a private
  // cluster's is left to its test.
  if (!pg || target.url !== workerDatabaseUrl(pg.url, process.env.VITEST_POOL_ID)) return null;
  await recreateFromTemplate(target.url, databaseOf(target.url), pg[kind]);
  return openDatabase(target);
}

async function openByMigrating(target: DatabaseTarget): Promise<Connection> {
  const connection = await openDatabase(target);
  if (connection.kind === 'postgresql') {
    await connection.db.execute(sql`drop schema if exists public cascade`);
    await connection.db.execute(sql`drop schema if exists drizzle cascade`);
    await connection.db.execute(sql`create schema public`);
  }
  await migrateDatabase(connection);
  return connection;
}

export { TEST_BASE_URL } from './test-seed';
