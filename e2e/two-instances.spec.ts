// Two app instances on one PostgreSQL (issue 8): nothing that matters lives in one process.
// Starts a private PostgreSQL 15 cluster and the built app twice (`next start`, same DATABASE_URL
// and NEXTAUTH_SECRET, different ports), then checks a session, a rate limit, identity-QR replay,
// the scheduled jobs and the read replica switch across them, and shuts both down gracefully.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Connection } from '@/db/connect';
import { enterStaffCode, enterStaffPassword, nextStaffTotpCode } from './support/people';
import { eids, jobRuns } from '@/db/schema';
import { createKeyRing } from '@/lib/crypto/authority-keys';
import { createIdentityQrCodec } from '@/lib/identity/identity-qr';
import { startPrivatePostgres, type PrivatePostgres } from '@/lib/testing/private-postgres';
import { demoTerminalKeys } from '@/lib/terminals/api-keys';
import { E2E_PII_KEYS, ROOT } from './support/paths';

const SECRET = 'two-instances-test-secret-7c1e5a9b3d2f4e6a8b0c';
const NEXT = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

type Instance = { name: string; url: string; child: ChildProcess; output: () => string };

test.describe.configure({ mode: 'serial' });

test.describe('[MULTI] two app instances on one PostgreSQL', () => {
  test.setTimeout(300_000);
  let pg: PrivatePostgres;
  let db: Connection;
  let a: Instance;
  let b: Instance;
  let tempDir: string;
  const ring = createKeyRing('mi1');

  test.beforeAll(async ({ request }) => {
    test.setTimeout(300_000);
    pg = await startPrivatePostgres();
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eid-multi-'));
    // The first instance migrates and seeds; the second starts on the ready database, as a rolling
    // deployment would.
    a = await startInstance('web-a', request, {});
    b = await startInstance('web-b', request, { DATABASE_READ_URL: `${pg.url()}?application_name=eid-read-replica` });
    db = await openDatabase({ kind: 'postgresql', url: pg.url() });
  });

  test.afterAll(async () => {
    await db?.close();
    for (const instance of [a, b]) if (instance && instance.child.exitCode === null) instance.child.kill('SIGKILL');
    await pg?.stop();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  });

  async function startInstance(name: string, request: APIRequestContext, extra: Record<string, string>): Promise<Instance> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: pg.url(),
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: url,
      PUBLIC_BASE_URL: url,
      IDENTITY_QR_KEYS: JSON.stringify(ring),
      // Production on PostgreSQL refuses to start without it; both instances share the ring.
      PII_KEYS: E2E_PII_KEYS,
      // Likewise the courier webhook key (lib/env.ts).
      COURIER_WEBHOOK_SECRET: 'two-instances-courier-webhook-key',
      DEMO_SEED: 'true',
      OUTBOX_DIR: path.join(tempDir, `outbox-${name}`),
      OUTBOX_POLL_MS: '1000',
      INSTANCE_ID: name,
      NEXT_TELEMETRY_DISABLED: '1',
      // The spec plays the load balancer: it appends the client address to X-Forwarded-For (one hop).
      TRUSTED_PROXY_HOPS: '1',
      ...extra,
    };
    for (const key of ['SMTP_URL', 'TEST_DATABASE_URL', 'PGLITE_DATA_DIR', 'RUN_WORKERS', 'NEXT_MANUAL_SIG_HANDLE']) delete env[key];
    let output = '';
    const child = spawn(process.execPath, [NEXT, 'start', '-p', String(port)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await expect
      .poll(async () => (await request.get(`${url}/api/health`, { timeout: 5_000 }).catch(() => null))?.status() ?? 0, { timeout: 120_000, intervals: [500] })
      .toBe(200);
    return { name, url, child, output: () => output };
  }

  test('a staff session made on one instance works on the other', async ({ page }) => {
    await page.goto(`${a.url}/staff/sign-in`);
    await enterStaffPassword(page, 'supervisor');
    await enterStaffCode(page, await nextStaffTotpCode('supervisor'));
    await page.waitForURL((u) => u.port === new URL(a.url).port && u.pathname.startsWith('/staff') && !u.pathname.includes('sign-in'));

    // Same host, other port: the browser sends the same cookie; the other process accepts it.
    await page.goto(`${b.url}/staff/queue`);
    await expect(page).toHaveURL(`${b.url}/staff/queue`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('审批队列');
    await page.goto(`${b.url}/staff/outbox`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('未送达消息');
    await expect(page.getByTestId('outbox-counts')).toBeVisible();
    // Without the cookie the other instance sends the visitor to sign in.
    const anonymous = await page.context().browser()!.newContext();
    const other = await anonymous.newPage();
    await other.goto(`${b.url}/staff/queue`);
    await expect(other).toHaveURL(/\/staff\/sign-in/);
    await anonymous.close();
  });

  test('the queue on the instance with DATABASE_READ_URL reads through the replica connection', async () => {
    const rows = await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from pg_stat_activity where application_name = 'eid-read-replica'`);
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  test('a rate limit counts the requests of both instances together', async ({ request }) => {
    // One client address (set by the load balancer), alternating between the instances.
    const client = { 'X-Forwarded-For': '198.51.100.77' };
    const statuses: number[] = [];
    for (let i = 0; i < 22; i += 1) {
      const target = i % 2 === 0 ? a : b;
      statuses.push((await request.post(`${target.url}/api/qr-sign-in`, { headers: { ...client, Origin: target.url } })).status());
    }
    // signInCodePerClient allows 20 in the window: 10 on each instance, then both refuse.
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    // Another client is not affected.
    expect((await request.post(`${b.url}/api/qr-sign-in`, { headers: { 'X-Forwarded-For': '198.51.100.78', Origin: b.url } })).status()).toBe(200);
  });

  test('an identity QR verified on one instance is replayed on the other', async ({ request }) => {
    // A seeded citizen's active e-ID (the wallet would show this QR).
    const [holder] = await db.db.select({ subjectRef: eids.subjectRef }).from(eids).where(eq(eids.status, 'active')).limit(1);
    expect(holder).toBeTruthy();
    const { code } = createIdentityQrCodec(ring).issue(holder!.subjectRef, new Date());
    const key = demoTerminalKeys(SECRET).internet_cafe;
    const verify = (instance: Instance) =>
      request.post(`${instance.url}/api/terminal/verify`, { headers: { Authorization: `Bearer ${key}` }, data: { code } }).then(async (r) => ({ status: r.status(), body: await r.json() }));
    const first = await verify(a);
    expect(first.status).toBe(200);
    expect(first.body.result).toBe('accepted');
    const second = await verify(b);
    expect(second.body.result).toBe('replayed');
  });

  test('each scheduled job slot ran on one instance only', async () => {
    const rows = await db.db.select().from(jobRuns);
    for (const job of ['deadline-sweep', 'face-frame-purge']) {
      const mine = rows.filter((r) => r.job === job);
      expect(mine.length).toBeGreaterThan(0);
      // One row per slot (the primary key), each run by one of the two.
      expect(new Set(mine.map((r) => r.slot.toISOString())).size).toBe(mine.length);
      expect(mine.every((r) => ['web-a', 'web-b'].includes(r.instance) && r.outcome === 'ok')).toBe(true);
    }
    // The hourly purge slot both started in was run by the first instance; the second skipped it.
    const purge = rows.filter((r) => r.job === 'face-frame-purge');
    if (purge.length === 1) {
      expect(purge[0]!.instance).toBe('web-a');
      expect(b.output()).toMatch(/face-frame-purge: slot \S+ already run by web-a; skipped on web-b/);
    }
  });

  test('SIGTERM stops the background work, closes the database and exits', async () => {
    for (const instance of [a, b]) {
      const exited = new Promise<number | null>((resolve) => instance.child.once('exit', (code) => resolve(code)));
      instance.child.kill('SIGTERM');
      const code = await exited;
      expect(code).toBe(143);
      expect(instance.output()).toContain('[shutdown] background work stopped');
      expect(instance.output()).toContain('[shutdown] database closed');
    }
    // Both closed their pools: no connection of theirs is left on the server.
    await expect
      .poll(async () => (await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`))[0]!.n, { timeout: 10_000 })
      .toBe(0);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
