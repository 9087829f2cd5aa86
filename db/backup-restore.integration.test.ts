// Backup and restore round trip (scripts/backup.sh → scripts/restore.sh, pg_dump -Fc / pg_restore)
// on a private PostgreSQL 15 cluster: every table has the same rows after the restore, and a
// certificate issued before the backup still verifies (file hash and SM2 signature) from the copy.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrateDatabase, openDatabase, queryRows, type Connection, type Executor } from '@/db/connect';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { certificates } from '@/db/schema';
import { submitApplication } from '@/lib/applications/submit-application';
import { transitionApplication } from '@/lib/applications/transition-application';
import { verifyCertificate } from '@/lib/certificates/verify-certificate';
import { citizenByPhone, seedForTest, staffByUsername, validTransferInput, approveForTest } from '@/lib/testing/fixtures';
import { startPrivatePostgres, type PrivatePostgres } from '@/lib/testing/private-postgres';
import { TEST_BASE_URL } from '@/lib/testing/test-databases';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');

async function rowCounts(db: Executor): Promise<Record<string, number>> {
  const tables = await queryRows<{ schema: string; name: string }>(
    db,
    sql`select table_schema as schema, table_name as name from information_schema.tables
        where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1, 2`,
  );
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from "${t.schema}"."${t.name}"`));
    counts[`${t.schema}.${t.name}`] = Number(row!.n);
  }
  return counts;
}

describe('backup and restore', () => {
  let pg: PrivatePostgres;
  let source: Connection;
  let restored: Connection | undefined;
  let dir: string;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    source = await openDatabase({ kind: 'postgresql', url: pg.url() });
    await migrateDatabase(source);
    await seedForTest(source.db);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'eid-backup-'));
    vi.spyOn(console, 'info').mockImplementation(() => {});
  }, 180_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await restored?.close();
    await source?.close();
    await pg?.stop();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('restores every row of every table, and a certificate still verifies from the restored copy', { timeout: 180_000 }, async () => {
    const { db } = source;
    // An approved application, so there is a signed certificate PDF in the database.
    const citizen = await citizenByPhone(db, DEMO_CITIZENS[0]!.phone);
    const submitted = await submitApplication(db, citizen, await validTransferInput(db, citizen));
    if (submitted.status !== 'ok') throw new Error(JSON.stringify(submitted));
    const clerk = await staffByUsername(db, 'clerk06');
    const ctx = { publicBaseUrl: TEST_BASE_URL };
    const applicationId = submitted.data.applicationId;
    expect((await transitionApplication(db, clerk, { applicationId, transition: 'claim', expectedVersion: 1 }, ctx)).status).toBe('ok');
    await approveForTest(db, applicationId, 2); // clerk approves, supervisor countersigns
    const [certificate] = await db.select().from(certificates).where(sql`${certificates.applicationId} = ${applicationId}`);
    expect(certificate).toBeTruthy();

    const before = await rowCounts(db);
    expect(Object.keys(before).length).toBeGreaterThan(15);
    expect(before['public.certificates']).toBeGreaterThan(0);

    const dump = path.join(dir, 'eid.dump');
    const env = { ...process.env, PG_DUMP: '/usr/lib/postgresql/15/bin/pg_dump', PG_RESTORE: '/usr/lib/postgresql/15/bin/pg_restore', PSQL: '/usr/lib/postgresql/15/bin/psql' };
    await run('bash', [path.join(ROOT, 'scripts/backup.sh'), dump], { env: { ...env, DATABASE_URL: pg.url() } });
    expect((await fs.stat(dump)).size).toBeGreaterThan(1000);

    await db.execute(sql`create database eid_restored`);
    await run('bash', [path.join(ROOT, 'scripts/restore.sh'), dump], { env: { ...env, RESTORE_DATABASE_URL: pg.url('eid_restored') } });
    restored = await openDatabase({ kind: 'postgresql', url: pg.url('eid_restored') });

    expect(await rowCounts(restored.db)).toEqual(before);
    const verification = await verifyCertificate(restored.db, certificate!.verifyToken);
    expect(verification).toMatchObject({ found: true, status: 'valid', serialNumber: certificate!.serialNumber });

    // A second restore into the now-populated database is refused, never mixed in.
    await expect(run('bash', [path.join(ROOT, 'scripts/restore.sh'), dump], { env: { ...env, RESTORE_DATABASE_URL: pg.url('eid_restored') } })).rejects.toMatchObject({ code: 3 });
  });
});
