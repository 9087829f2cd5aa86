// Seed once, clone per file (issue 17 item 5). Most integration test files start from the same two
// states: a migrated empty database, or one seeded by seedForTest. Building them costs 10–25 s per file
// and database (migrations, then 60 residents through the domain). The vitest global setup
// (lib/testing/global-setup.ts) builds each state once per run:
//   PGlite      — a dump of the in-memory data directory (a tar file), loaded by each file's new PGlite;
//   PostgreSQL  — two template databases beside TEST_DATABASE_URL's; each file's database is dropped and
//                 re-created from the template (`CREATE DATABASE … TEMPLATE …`), keeping its name and URL.
// Without the global setup (a script, another runner), openCleanDatabase and openSeededDatabase fall
// back to migrating and seeding in place.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateDatabase, openDatabase } from '@/db/connect';
import { seedTestData } from './test-seed';
import { databaseOf, onMaintenanceDatabase, quoteIdent, withDatabase } from './postgres-admin';

export type TestSnapshots = {
  pglite: { migrated: string; seeded: string };
  postgresql: { url: string; migrated: string; seeded: string } | null;
};

export type SnapshotKind = 'migrated' | 'seeded';

export { databaseOf, dropWorkerDatabases, ensureDatabase, onMaintenanceDatabase, recreateFromTemplate, withDatabase, workerDatabaseUrl } from './postgres-admin';

export async function buildTestSnapshots(postgresUrl: string | undefined): Promise<TestSnapshots> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eid-test-snapshots-'));
  const pgliteFile = (kind: SnapshotKind) => path.join(dir, `pglite-${kind}.tar`);

  const lite = await openDatabase({ kind: 'pglite' });
  try {
    await migrateDatabase(lite);
    await dumpPglite(lite.db, pgliteFile('migrated'));
    await seedTestData(lite.db);
    await dumpPglite(lite.db, pgliteFile('seeded'));
  } finally {
    await lite.close();
  }

  let postgresql: TestSnapshots['postgresql'] = null;
  if (postgresUrl) {
    const base = databaseOf(postgresUrl);
    const migrated = `${base}_tpl_migrated`;
    const seeded = `${base}_tpl_seeded`;
    await onMaintenanceDatabase(postgresUrl, async (sql) => {
      for (const name of [seeded, migrated]) await sql(`drop database if exists ${quoteIdent(name)} with (force)`);
      await sql(`create database ${quoteIdent(migrated)}`);
    });
    const m = await openDatabase({ kind: 'postgresql', url: withDatabase(postgresUrl, migrated) });
    try {
      await migrateDatabase(m);
    } finally {
      await m.close();
    }
    await onMaintenanceDatabase(postgresUrl, (sql) => sql(`create database ${quoteIdent(seeded)} template ${quoteIdent(migrated)}`).then(() => undefined));
    const s = await openDatabase({ kind: 'postgresql', url: withDatabase(postgresUrl, seeded) });
    try {
      await seedTestData(s.db);
    } finally {
      await s.close();
    }
    postgresql = { url: postgresUrl, migrated, seeded };
  }
  return { pglite: { migrated: pgliteFile('migrated'), seeded: pgliteFile('seeded') }, postgresql };
}

export async function removeTestSnapshots(snapshots: TestSnapshots): Promise<void> {
  fs.rmSync(path.dirname(snapshots.pglite.migrated), { recursive: true, force: true });
  const pg = snapshots.postgresql;
  if (pg) {
    await onMaintenanceDatabase(pg.url, async (sql) => {
      for (const name of [pg.seeded, pg.migrated]) await sql(`drop database if exists ${quoteIdent(name)} with (force)`);
    });
  }
}

async function dumpPglite(db: unknown, file: string): Promise<void> {
  // drizzle keeps the PGlite client as `$client`.
  const client = (db as { $client: { dumpDataDir: (c: 'none') => Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('none');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
}
