// One web process per core on one machine (issue 16): `npm start` with WEB_PROCESSES=2 on PostgreSQL
// runs two `next start` processes as node:cluster workers sharing the port, and the outbox and jobs
// in a third process (scripts/worker.ts). Starts a private PostgreSQL 15 cluster and scripts/start.mjs
// on the existing build, checks that both web processes serve requests (each one's own CPU time
// grows: the kernel's count, not the app's word), that jobs run only in the jobs process, and that
// SIGTERM stops them all. The embedded PGlite default stays one process and says so.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '@/db/connect';
import { createKeyRing } from '@/lib/crypto/authority-keys';
import { startPrivatePostgres, type PrivatePostgres } from '@/lib/testing/private-postgres';
import { E2E_PII_KEYS, ROOT } from './support/paths';

const START = path.join(ROOT, 'scripts', 'start.mjs');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A GET on a fresh connection (no keep-alive), so each request is a new connection to hand out. */
function getOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: { Connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
}

function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        return Number(fs.readFileSync(`/proc/${e}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

const cmdline = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
const environ = (pid: number) => fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
const cpuMs = (pid: number) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const isAlive = (pid: number) => fs.existsSync(`/proc/${pid}`) && !/ Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));

function startPortal(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const clean: Record<string, string | undefined> = { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: '1' };
  for (const key of ['SMTP_URL', 'TEST_DATABASE_URL', 'RUN_WORKERS', 'NEXT_MANUAL_SIG_HANDLE', 'INSTANCE_ID']) delete clean[key];
  // An empty value means unset (DATABASE_URL='' for the embedded database).
  for (const [key, value] of Object.entries(env)) if (value === '') delete clean[key];
  let output = '';
  const child = spawn(process.execPath, [START], { cwd: ROOT, env: clean as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

test.describe('[CORES] one web process per core on PostgreSQL', () => {
  test.setTimeout(300_000);
  let pg: PrivatePostgres;
  let tempDir: string;
  let portal: { child: ChildProcess; output: () => string };
  let url: string;

  test.beforeAll(async ({ request }) => {
    test.setTimeout(300_000);
    pg = await startPrivatePostgres();
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eid-cores-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    portal = startPortal({
      PORT: String(port),
      WEB_PROCESSES: '2',
      DATABASE_URL: pg.url(),
      NEXTAUTH_SECRET: 'multi-process-test-secret-3b8e1d6c0a9f',
      IDENTITY_QR_KEYS: JSON.stringify(createKeyRing('mp1')),
      PII_KEYS: E2E_PII_KEYS,
      // Production on PostgreSQL refuses to start without the courier webhooks' key (lib/env.ts).
      COURIER_WEBHOOK_SECRET: 'multi-process-courier-webhook-key',
      DEMO_SEED: 'true',
      OUTBOX_DIR: path.join(tempDir, 'outbox'),
    });
    await expect
      .poll(async () => (await request.get(`${url}/api/health`, { timeout: 5_000 }).catch(() => null))?.status() ?? 0, { timeout: 240_000, intervals: [1000] })
      .toBe(200);
    await expect.poll(() => portal.output(), { timeout: 120_000 }).toMatch(/2 web processes on port/);
  });

  test.afterAll(async () => {
    if (portal && portal.child.exitCode === null) {
      for (const pid of childrenOf(portal.child.pid!)) process.kill(pid, 'SIGKILL');
      portal.child.kill('SIGKILL');
    }
    await pg?.stop();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  });

  test('both web processes serve requests, jobs run in their own process, and SIGTERM stops them all', async () => {
    const children = childrenOf(portal.child.pid!);
    const webs = children.filter((pid) => /next-server|next\/dist\/bin\/next start/.test(cmdline(pid)));
    const jobs = children.filter((pid) => /scripts\/worker\.ts/.test(cmdline(pid)));
    expect(webs, portal.output()).toHaveLength(2);
    expect(jobs).toHaveLength(1);
    // The web processes serve requests only; the jobs process runs the outbox and the scheduled jobs.
    for (const pid of webs) expect(environ(pid)).toContain('RUN_WORKERS=false');

    const before = new Map(webs.map((pid) => [pid, cpuMs(pid)]));
    const statuses: number[] = [];
    for (let i = 0; i < 60; i += 1) statuses.push(await getOnNewConnection(`${url}/`));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const spent = webs.map((pid) => cpuMs(pid) - before.get(pid)!);
    const total = spent.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    // Connections are handed out in turn: each process did a real share of the work.
    for (const ms of spent) expect(ms, `CPU ms per web process: ${spent.join(', ')}`).toBeGreaterThan(total * 0.2);

    // Scheduled jobs ran, from the jobs process only (INSTANCE_ID ends in :jobs).
    const db = await openDatabase({ kind: 'postgresql', url: pg.url() });
    try {
      await expect
        .poll(async () => (await queryRows<{ instance: string }>(db.db, sql`select distinct instance from job_runs`)).map((r) => r.instance), { timeout: 60_000 })
        .toEqual([expect.stringMatching(/:jobs$/)]);
    } finally {
      await db.close();
    }

    portal.child.kill('SIGTERM');
    await expect.poll(() => portal.child.exitCode, { timeout: 60_000 }).toBe(143);
    for (const pid of [...webs, ...jobs]) expect(isAlive(pid), `pid ${pid} still running`).toBe(false);
  });
});

test('[CORES] the embedded PGlite database stays one process and says so', async () => {
  test.setTimeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eid-cores-pglite-'));
  const port = await freePort();
  const portal = startPortal({ PORT: String(port), WEB_PROCESSES: '2', DATABASE_URL: '', PGLITE_DATA_DIR: path.join(dataDir, 'pglite'), OUTBOX_DIR: path.join(dataDir, 'outbox') });
  try {
    await expect.poll(() => portal.output(), { timeout: 60_000 }).toMatch(/WEB_PROCESSES=2 ignored: the embedded PGlite database belongs to one process/);
    await expect.poll(() => childrenOf(portal.child.pid!).filter((pid) => /next-server|next\/dist\/bin\/next start/.test(cmdline(pid))).length, { timeout: 60_000 }).toBe(1);
  } finally {
    for (const pid of childrenOf(portal.child.pid!)) process.kill(pid, 'SIGKILL');
    portal.child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
