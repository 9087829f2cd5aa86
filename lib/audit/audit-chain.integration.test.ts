import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, queryRows, type Connection, type Database } from '@/db/connect';
import { auditChainHead, auditEvents } from '@/db/schema';
import { openCleanDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { writeAudit, type AuditEntry } from './actions';
import { GENESIS_HASH, hashAuditRow } from './chain';
import { verifyAuditChain } from './verify-chain';

const entry = (n: number): AuditEntry => ({
  action: 'application.note_added',
  actorType: 'staff',
  actorId: `staff-${n}`,
  subjectType: 'application',
  subjectId: `app-${n}`,
  details: { n, nested: { b: 2, a: [1, 'x', null] }, at: new Date('2026-11-20T02:00:00Z'), dropped: undefined },
});

async function tamper(db: Database, run: () => Promise<unknown>) {
  await db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
  try {
    await run();
  } finally {
    await db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
  }
}

function runVerifyScript(env: Record<string, string>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const result = spawnSync(path.resolve('node_modules/.bin/tsx'), ['scripts/audit-verify.ts'], { env: childEnv, encoding: 'utf8', timeout: 60_000 });
  // Shown in the test log (.ci/run) so the script's own words are on record.
  console.log(`[audit:verify] exit ${result.status}: ${(result.stdout + result.stderr).trim()}`);
  return { code: result.status, output: result.stdout + result.stderr };
}

describe.each(TEST_TARGETS)('audit trail hash chain on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openCleanDatabase(target);
  });
  afterAll(async () => connection?.close());

  it('chains every entry to the one before, starting at the genesis hash', async () => {
    for (let n = 1; n <= 3; n++) await writeAudit(connection.db, entry(n));
    const rows = await connection.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    expect(rows).toHaveLength(3);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[2]!.prevHash).toBe(rows[1]!.hash);
    for (const row of rows) expect(row.hash).toBe(hashAuditRow(row));
    const [head] = await connection.db.select().from(auditChainHead);
    expect(head).toMatchObject({ lastId: rows[2]!.id, lastHash: rows[2]!.hash });
    expect(await verifyAuditChain(connection.db)).toEqual({ ok: true, chained: 3, unchainedBeforeChain: 0, lastId: rows[2]!.id });
  });

  it('makes one chain from 60 concurrent writers, and a rolled-back writer leaves no link behind', async () => {
    await Promise.all(Array.from({ length: 60 }, (_, i) => writeAudit(connection.db, entry(100 + i))));
    await expect(
      connection.db.transaction(async (tx) => {
        await writeAudit(tx, entry(999));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await writeAudit(connection.db, entry(1000));
    const verdict = await verifyAuditChain(connection.db);
    expect(verdict).toMatchObject({ ok: true, chained: 64 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit rows', async () => {
    const [first] = await connection.db.select().from(auditEvents).orderBy(asc(auditEvents.id)).limit(1);
    await expect(connection.db.update(auditEvents).set({ action: 'staff.signed_in' }).where(eq(auditEvents.id, first!.id))).rejects.toThrow();
    await expect(connection.db.delete(auditEvents).where(eq(auditEvents.id, first!.id))).rejects.toThrow();
    await expect(connection.db.execute(sql`truncate audit_events`)).rejects.toThrow();
    const [row] = await connection.db.select({ n: count() }).from(auditEvents);
    expect(row!.n).toBe(64);
    expect((await verifyAuditChain(connection.db)).ok).toBe(true);
  });

  it('names the changed row when a row is edited behind the trigger', async () => {
    const rows = await connection.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    const victim = rows[10]!;
    await tamper(connection.db, () => connection.db.update(auditEvents).set({ details: { n: 'forged' } }).where(eq(auditEvents.id, victim.id)));
    expect(await verifyAuditChain(connection.db)).toMatchObject({ ok: false, brokenId: victim.id, checked: 10 });
    await tamper(connection.db, () => connection.db.update(auditEvents).set({ details: victim.details }).where(eq(auditEvents.id, victim.id)));
    expect((await verifyAuditChain(connection.db)).ok).toBe(true);
  });

  it('names the row after a removed one, and notices rows cut from the end', async () => {
    const rows = await connection.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    await tamper(connection.db, () => connection.db.delete(auditEvents).where(eq(auditEvents.id, rows[20]!.id)));
    expect(await verifyAuditChain(connection.db)).toMatchObject({ ok: false, brokenId: rows[21]!.id });
    const last = rows.at(-1)!;
    await tamper(connection.db, () => connection.db.execute(sql`delete from audit_events where id >= ${rows[20]!.id}`));
    expect(await verifyAuditChain(connection.db)).toMatchObject({ ok: false, brokenId: last.id });
  });
});

describe.each(TEST_TARGETS)('npm run audit:verify on $kind', (target) => {
  let dataDir: string | undefined;
  let env: Record<string, string>;
  const open = async (): Promise<Connection> => {
    if (target.kind === 'postgresql') return openDatabase(target);
    const connection = await openDatabase({ kind: 'pglite', dataDir });
    await migrateDatabase(connection);
    return connection;
  };

  beforeAll(async () => {
    if (target.kind === 'postgresql') {
      env = { DATABASE_URL: target.url };
      await (await openCleanDatabase(target)).close();
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-verify-'));
      env = { PGLITE_DATA_DIR: dataDir };
    }
    const connection = await open();
    for (let n = 1; n <= 5; n++) await writeAudit(connection.db, entry(n));
    await connection.close();
  });
  afterAll(() => {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints OK with the count on a clean trail', () => {
    const { code, output } = runVerifyScript(env);
    expect(output).toMatch(/^OK: 5 audit events/m);
    expect(code).toBe(0);
  });

  it('names the tampered row and exits non-zero after a manual edit', async () => {
    const connection = await open();
    const [third] = await connection.db.select().from(auditEvents).orderBy(asc(auditEvents.id)).offset(2).limit(1);
    await tamper(connection.db, () => connection.db.update(auditEvents).set({ actorId: 'someone-else' }).where(eq(auditEvents.id, third!.id)));
    await connection.close();
    const { code, output } = runVerifyScript(env);
    expect(output).toContain(`BROKEN at audit event ${third!.id}:`);
    expect(code).toBe(1);
  });
});

// PostgreSQL mode: the app's role (not the owner) gets the grants docs/security.md lists, and can then
// append to the trail but not change it even with the triggers out of the way.
describe.each(TEST_TARGETS.filter((t) => t.kind === 'postgresql'))('the app role on $kind', (target) => {
  let connection: Connection;
  let role: string;
  beforeAll(async () => {
    connection = await openCleanDatabase(target);
    const [row] = await queryRows<{ name: string }>(connection.db, sql`select current_database() as name`);
    role = `eid_app_probe_${row!.name.replace(/[^a-z0-9_]/gi, '_')}`.slice(0, 60);
    await connection.db.execute(sql.raw(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} NOLOGIN; END IF; END $$`));
    for (const statement of [
      `GRANT USAGE ON SCHEMA public TO ${role}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
      `REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM ${role}`,
    ]) {
      await connection.db.execute(sql.raw(statement));
    }
  });
  afterAll(async () => {
    await connection.db.execute(sql.raw(`DROP OWNED BY ${role}`));
    await connection.db.execute(sql.raw(`DROP ROLE IF EXISTS ${role}`));
    await connection.close();
  });

  async function asAppRole(run: (tx: Parameters<Parameters<Database['transaction']>[0]>[0]) => Promise<unknown>) {
    return connection.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`SET LOCAL ROLE ${role}`));
      return run(tx);
    });
  }

  /** The database's own message (drizzle wraps it as the cause of its "Failed query" error). */
  async function databaseErrorOf(operation: Promise<unknown>): Promise<string> {
    try {
      await operation;
      return 'no error';
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      return cause instanceof Error ? cause.message : String(error);
    }
  }

  it('appends as the app role, and is refused UPDATE and DELETE by privilege even with the trigger disabled', async () => {
    await asAppRole((tx) => writeAudit(tx, entry(1)));
    await connection.db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    try {
      expect(await databaseErrorOf(asAppRole((tx) => tx.update(auditEvents).set({ action: 'staff.signed_in' })))).toMatch(/permission denied for table audit_events/);
      expect(await databaseErrorOf(asAppRole((tx) => tx.delete(auditEvents)))).toMatch(/permission denied for table audit_events/);
    } finally {
      await connection.db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
    }
    expect(await verifyAuditChain(connection.db)).toMatchObject({ ok: true, chained: 1 });
  });
});
