import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DEV_COURIER_WEBHOOK_SECRET } from '@/lib/env';
import { GRADUATE } from './support/people';
import { ROOT } from './support/paths';

// `npm start` as a newcomer runs it: no DATABASE_URL, no secret, nothing configured.
test('[START] npm start serves the portal on the embedded database with demo data and reports it at /api/health', async ({ request }) => {
  // A free port of its own: a fixed one collided with the e2e server when E2E_PORT was set to it.
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eid-start-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), PGLITE_DATA_DIR: path.join(dataDir, 'pglite'), OUTBOX_DIR: path.join(dataDir, 'outbox') };
  for (const name of ['DATABASE_URL', 'NEXTAUTH_SECRET', 'NEXTAUTH_URL', 'PUBLIC_BASE_URL', 'SMTP_URL', 'DEMO_SEED', 'TEST_DATABASE_URL', 'PII_KEYS', 'PII_KEYS_FILE']) delete env[name];
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    let health: { status: string; database: string; migrations: { applied: number; latest: string } } | undefined;
    await expect
      .poll(
        async () => {
          const response = await request.get(`http://127.0.0.1:${port}/api/health`, { timeout: 5_000 }).catch(() => null);
          if (response?.status() === 200) health = await response.json();
          return response?.status() ?? 0;
        },
        { timeout: 90_000, intervals: [500] },
      )
      .toBe(200);
    const journal = JSON.parse(fs.readFileSync(path.join(ROOT, 'db/migrations/meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    expect(health).toEqual({ status: 'ok', database: 'pglite', migrations: { applied: journal.entries.length, latest: journal.entries.at(-1)!.tag } });
    expect((await request.get(`http://127.0.0.1:${port}/`)).status()).toBe(200);
    await expect.poll(() => output, { timeout: 30_000 }).toContain('Demo accounts');
    expect(output).toContain(GRADUATE.idNumber);
    expect(output).toContain('supervisor');
    // Courier webhooks work out of the box with the development key start-up prints (README), instead
    // of answering 500 with an empty body.
    expect(output).toContain(DEV_COURIER_WEBHOOK_SECRET);
    const body = JSON.stringify({ events: [{ eventId: 'start-1', trackingNumber: 'EMS000000000CN', status: 'in_transit', occurredAt: new Date().toISOString() }] });
    const signature = `sha256=${createHmac('sha256', DEV_COURIER_WEBHOOK_SECRET).update(body).digest('hex')}`;
    const webhook = await request.post(`http://127.0.0.1:${port}/api/couriers/EMS/webhook`, { data: body, headers: { 'content-type': 'application/json', 'x-courier-signature': signature } });
    expect(webhook.status()).toBe(200);
    expect(await webhook.json()).toEqual({ results: [{ eventId: 'start-1', outcome: 'unknown_tracking' }] });
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
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
