// `npm run bench:baseline` — the portal's server CPU per request against a bare Next.js app on the same
// stack, measured side by side in ONE run (a benchmark, not a test).
//
// The bare app is built in a temp dir from the SAME installed next/react (its node_modules is a symlink
// to ours; nothing is downloaded): a proxy that sets a CSP nonce like ours, a root layout, one
// postgres.js query per request, a small client component, and HTML padded to the size the portal's
// page has. The portal is this checkout's production build (`next build` first), started with
// `node node_modules/next/dist/bin/next start` on a private PostgreSQL 15 cluster with the demo data.
//
// For each route both apps are warmed up, then measured ALTERNATELY in rounds (portal block, bare
// block, then the other way round in the next round): each block sends `--block` requests one at a
// time and reads the server's CPU time (utime + stime of the process tree, /proc/<pid>/stat) before and
// after. CPU time, unlike latency, is barely moved by other work on a shared machine; alternating
// blocks make what it does move hit both apps alike. Both apps are then stopped and started again,
// `--restarts` times in all (default 3), and every start measured the same way: two processes of one
// build differ by up to ~5 %, which more rounds in the same process do not average away. Printed:
// per-route CPU ms per request (median of all blocks) for each app, the ratio (median of all per-round
// ratios) and each start's own, the HTML size and its gzip size, and the load average measured under.
//
//   npm run bench:baseline [-- --warmup 150 --rounds 8 --block 40 --portal <dir of another checkout>
//                            --routes /me,/wallet --profile <dir: portal/ and bare/ .cpuprofile>
//                            --dump <dir: each page's HTML, portal and bare>
//                            --against <dir of another checkout, built: measured in the bare app's place>
//                            --queue-cases 40 (submitted cases added to clerk06's district: a full queue page)
//                            --restarts 3 (starts of both apps, each measured with all rounds; 1 with --profile)]
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import postgres from 'postgres';
import { openDatabase, type Database } from '@/db/connect';
import { citizenSessions, eids, staffSessions, staffUsers } from '@/db/schema';
import { staffActorFrom } from '@/lib/auth/actor';
import { createKeyRing } from '@/lib/crypto/authority-keys';
import { createIdentityQrCodec } from '@/lib/identity/identity-qr';
import { getPiiKeyRing, setPiiKeyRing, TEST_PII_KEYS } from '@/lib/privacy/pii-keys';
import { encryptValue, piiKeyRingSchema } from '@/lib/privacy/field-encryption';
import { startPrivatePostgres } from '@/lib/testing/private-postgres';
import { registerTerminal } from '@/lib/terminals/register-terminal';
import { treeCpuMs } from './lib/proc-tree';

setPiiKeyRing(piiKeyRingSchema.parse(JSON.parse(TEST_PII_KEYS)));

const { values: args } = parseArgs({
  options: {
    warmup: { type: 'string', default: '150' },
    rounds: { type: 'string', default: '8' },
    block: { type: 'string', default: '40' },
    portal: { type: 'string' },
    // Another checkout's build in the bare app's place: the same routes, requests and data, so the ratio is
    // this build against that one (before and after a change, side by side in one run).
    against: { type: 'string' },
    routes: { type: 'string' },
    // Writes V8 CPU profiles (Chrome DevTools format) of the portal and of the bare app into <dir>/portal and
    // <dir>/bare when they stop, so the two can be compared function by function.
    profile: { type: 'string' },
    // Writes each measured page's HTML, the portal's and the bare app's, into <dir>.
    dump: { type: 'string' },
    // Submitted cases added to clerk06's district (武昌区) before measuring, so the queue's first page is a
    // full page of 20 as a clerk's is on a working day; the demo seed alone leaves one row there.
    'queue-cases': { type: 'string', default: '40' },
    // Node flags for the portal's process only (space-separated), e.g. to compare a runtime setting
    // against the same build without it (`--against <a checkout of the same commit>`); written with `=`:
    // `--portal-node-args=--max-semi-space-size=64`.
    'portal-node-args': { type: 'string' },
    // Each app is started this many times, one after the other, and every start measured with all its
    // rounds: two processes of the SAME build differ by up to ~5 % (JIT decisions, heap layout), which
    // more rounds in one process cannot average away (docs/benchmarks.md › Session 31).
    restarts: { type: 'string', default: '3' },
  },
});
const WARMUP = Number(args.warmup);
const ROUNDS = Number(args.rounds);
const BLOCK = Number(args.block);
const RESTARTS = Number(args.restarts);
if (!(Number.isInteger(RESTARTS) && RESTARTS >= 1)) throw new Error('--restarts must be a whole number, 1 or more');
// One profile per process and app: a comparison over restarts would have to join several.
if (args.profile && RESTARTS !== 1) throw new Error('--profile measures one start of each app: add --restarts 1');
const ROOT = path.resolve(__dirname, '..');
// The checkout whose build is measured (default this one): lets a run compare an older build too.
const PORTAL_DIR = path.resolve(args.portal ?? ROOT);
const AGAINST_DIR = args.against ? path.resolve(args.against) : undefined;
const SECRET = 'bench-baseline-secret-5e0b3c9a1f7d2e64';
const COOKIE = 'next-auth.session-token';
const NEXT_BIN = path.join(ROOT, 'node_modules/next/dist/bin/next');

// ───────────── the bare app ─────────────

const BARE_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'eid-bench-bare', private: true }, null, 2),
  // Same settings that change the work per request: no compression, postgres.js not bundled.
  'next.config.js': `module.exports = { poweredByHeader: false, compress: false, serverExternalPackages: ['postgres'], turbopack: { root: '/' } };\n`,
  'jsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'preserve' } }, null, 2),
  // A nonce CSP on every request, as the portal's proxy.ts sets it.
  'proxy.js': `import { NextResponse } from 'next/server';
export function proxy(request) {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const policy = \`default-src 'self'; script-src 'self' 'nonce-\${nonce}' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'\`;
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}
export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };
`,
  'lib/db.js': `import postgres from 'postgres';
const g = globalThis;
export const sql = (g.__bareSql ??= postgres(process.env.DATABASE_URL, { max: 10 }));
`,
  'app/layout.js': `export const dynamic = 'force-dynamic';
export const metadata = { title: 'bare' };
export default function RootLayout({ children }) {
  return <html lang="zh-CN"><body>{children}</body></html>;
}
`,
  'app/counter.js': `'use client';
import { useState } from 'react';
export function Counter({ label }) {
  const [n, setN] = useState(0);
  return <button type="button" onClick={() => setN(n + 1)}>{label} {n}</button>;
}
`,
  // One query, then markup until the page is about as large as the portal's (?bytes=N).
  'app/page/page.js': `import { sql } from '../../lib/db';
import { Counter } from '../counter';
export default async function Page({ searchParams }) {
  const { bytes } = await searchParams;
  const target = Math.min(Number(bytes) || 20000, 400000);
  const [row] = await sql\`select id, name, created_at from bare_items where id = \${1 + Math.floor(Math.random() * 100)}\`;
  const items = [];
  for (let i = 0, size = 0; size < target - 1500; i += 1) {
    const text = \`第 \${i} 项 · \${row.name} · item \${i} of the bare page\`;
    items.push(<li key={i}><a href={\`/page?i=\${i}\`}>{text}</a></li>);
    size += text.length * 2 + 40;
  }
  return <main><h1>{row.name}</h1><Counter label="count" /><ul>{items}</ul></main>;
}
`,
  'app/api/verify/route.js': `import { sql } from '../../../lib/db';
export const dynamic = 'force-dynamic';
export async function POST(request) {
  const body = await request.json();
  const [row] = await sql\`select id, name, created_at from bare_items where id = \${1 + (String(body.code).length % 100)}\`;
  return Response.json({ result: 'accepted', name: row.name, idNumberMasked: '420***********5018', photo: null }, { headers: { 'Cache-Control': 'no-store' } });
}
`,
};

/** Builds the bare app once per source + next version (kept in the temp dir between runs). */
async function buildBareApp(): Promise<string> {
  const nextVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/next/package.json'), 'utf8')).version as string;
  const hash = crypto.createHash('sha256').update(nextVersion).update(JSON.stringify(BARE_FILES)).digest('hex').slice(0, 12);
  const dir = path.join(os.tmpdir(), `eid-bench-bare-${hash}`);
  if (fs.existsSync(path.join(dir, '.next/BUILD_ID'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [file, text] of Object.entries(BARE_FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  // The same installed packages: nothing is downloaded.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  console.info(`[bench:baseline] building the bare app in ${dir} (next ${nextVersion})`);
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [NEXT_BIN, 'build'], { cwd: dir, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new Error('the bare app did not build');
  return dir;
}

// ───────────── processes and CPU ─────────────

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** SIGTERM, and SIGKILL if it has not exited in time (a CPU profile is written as the process exits: 10 s then). */
async function stopApp(app: ChildProcess): Promise<void> {
  if (app.exitCode !== null || app.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => app.once('exit', () => resolve()));
  app.kill('SIGTERM');
  const timer = setTimeout(() => app.kill('SIGKILL'), args.profile ? 10_000 : 5_000);
  await exited;
  clearTimeout(timer);
}

function startNext(dir: string, port: number, env: Record<string, string>, nodeArgs: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, path.join(dir, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port)], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitFor(url: string) {
  for (let i = 0; i < 480; i += 1) {
    if (await fetch(url).then((r) => r.status < 500).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

// ───────────── the run ─────────────

/**
 * `n` submitted cases in 武昌区 (clerk06's district), filed by 20 registry residents given an account here,
 * one every 97 minutes back from now: the queue page then shows what a clerk's shows on a working day (a full page, a few due).
 */
async function fillQueue(db: Database, n: number) {
  if (n <= 0) return;
  const phone = encryptValue(getPiiKeyRing(), '13800000000');
  // Applicants of their own (registry residents given an account here, in the same statement), so no
  // measured citizen's "my applications" grows with the queue.
  await db.execute(sql`
    with applicants as (insert into citizen_accounts (resident_id)
      select r.id from residents r where not exists (select 1 from citizen_accounts c where c.resident_id = r.id) order by r.id limit 20
      returning id, resident_id),
    acc as (select id, resident_id, (row_number() over (order by id)) - 1 as k from applicants),
    total as (select count(*) as n from acc),
    g as (select g, now() - (g * interval '97 minutes') as submitted_at from generate_series(1, ${n}::int) as g)
    insert into applications (reference_number, service_id, citizen_account_id, resident_id, district_code, status, version,
      form_data, delivery_address, contact_phone, idempotency_key, submitted_at, deadline_date, created_at, updated_at)
    select 'WH' || to_char(g.submitted_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad((9000000 + g.g)::text, 7, '0'),
      'household-transfer', acc.id, acc.resident_id, '420106', 'submitted'::application_status, 1,
      '{}'::jsonb, '武汉市（基准测试数据）', ${phone}, 'bench-baseline-' || g.g,
      g.submitted_at, (g.submitted_at at time zone 'Asia/Shanghai')::date + 5, g.submitted_at, g.submitted_at
    from g join acc on acc.k = g.g % (select n from total)`);
}

type Request = () => Promise<Response>;
type Route = { name: string; portal: Request; bare: Request; isPage: boolean; prepare?: () => Promise<void> };

const profileArgs = (app: 'portal' | 'bare') => (args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile, app)}`] : []);

async function main() {
  for (const dir of [PORTAL_DIR, ...(AGAINST_DIR ? [AGAINST_DIR] : [])]) {
    if (!fs.existsSync(path.join(dir, '.next/BUILD_ID'))) throw new Error(`No production build in ${dir}: run \`npm run build\` first`);
  }
  const bareDir = AGAINST_DIR ?? (await buildBareApp());
  const pg = await startPrivatePostgres();
  const apps: ChildProcess[] = [];
  try {
    const admin = postgres(pg.url(), { max: 1 });
    await admin.unsafe('create database bare');
    await admin.end();
    const bareSql = postgres(pg.url('bare'), { max: 1 });
    await bareSql.unsafe(`create table bare_items (id int primary key, name text not null, created_at timestamptz not null default now());
      insert into bare_items (id, name) select g, '事项 ' || g from generate_series(1, 100) g;`);
    await bareSql.end();

    const [portalPort, barePort] = await Promise.all([freePort(), freePort()]);
    const portalBase = `http://127.0.0.1:${portalPort}`;
    const bareBase = `http://127.0.0.1:${barePort}`;
    const ring = createKeyRing('bb1');
    const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eid-bench-outbox-'));
    const portalEnv = (base: string) => ({
      DATABASE_URL: pg.url(),
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: base,
      PUBLIC_BASE_URL: base,
      IDENTITY_QR_KEYS: JSON.stringify(ring),
      PII_KEYS: TEST_PII_KEYS,
      COURIER_WEBHOOK_SECRET: 'bench-baseline-courier-webhook-key',
      DEMO_SEED: 'true',
      OUTBOX_DIR: outboxDir,
      SMTP_URL: '',
      // Only requests are measured: the outbox and the scheduled jobs would add CPU of their own.
      RUN_WORKERS: 'false',
    });
    const portalNodeArgs = args['portal-node-args']?.split(/\s+/).filter(Boolean) ?? [];
    // The running pair (set by startApps before anything is measured); `apps` also holds one that failed to come up, for the cleanup.
    let portal!: ChildProcess;
    let bare!: ChildProcess;
    const startApps = async () => {
      portal = startNext(PORTAL_DIR, portalPort, portalEnv(portalBase), [...portalNodeArgs, ...profileArgs('portal')]);
      apps.push(portal);
      await waitFor(`${portalBase}/api/health`);
      // --against: the other build starts once this one has migrated and seeded the shared database.
      bare = AGAINST_DIR ? startNext(AGAINST_DIR, barePort, portalEnv(bareBase), profileArgs('bare')) : startNext(bareDir, barePort, { DATABASE_URL: pg.url('bare') }, profileArgs('bare'));
      apps.push(bare);
      await waitFor(AGAINST_DIR ? `${bareBase}/api/health` : `${bareBase}/page?bytes=100`);
    };
    // Both stopped and started afresh on the same ports (a restart re-runs only the idempotent start-up).
    const restartApps = async () => {
      await Promise.all(apps.splice(0).map(stopApp));
      await startApps();
    };
    await startApps();

    // Sessions and terminals, as scripts/bench-load.ts makes them.
    const db = await openDatabase({ kind: 'postgresql', url: pg.url() });
    await fillQueue(db.db, Number(args['queue-cases']));
    const holders = await db.db.select({ accountId: eids.citizenAccountId, subjectRef: eids.subjectRef }).from(eids).where(eq(eids.status, 'active'));
    if (holders.length === 0) throw new Error('the demo seed has no e-ID holders');
    const citizenCookies: string[] = [];
    for (const holder of holders) {
      const [session] = await db.db
        .insert(citizenSessions)
        .values({ citizenAccountId: holder.accountId, assuranceLevel: 3, gatesPassed: ['phone', 'questionnaire', 'real_person'], expiresAt: new Date(Date.now() + 4 * 3600_000) })
        .returning();
      citizenCookies.push(`${COOKIE}=${await encode({ secret: SECRET, token: { sub: holder.accountId, identity: { kind: 'citizen', accountId: holder.accountId, sessionId: session!.id } } })}`);
    }
    const staff = await db.db.select().from(staffUsers);
    const clerk = staff.find((s) => s.username === 'clerk06')!;
    // A staff session idles out after 15 minutes unused: a fresh one is made just before the route runs
    // (its `prepare`, at each start).
    let clerkCookie = '';
    const signInClerk = async () => {
      const [staffSession] = await db.db.insert(staffSessions).values({ staffUserId: clerk.id, secondFactorAt: new Date(), expiresAt: new Date(Date.now() + 4 * 3600_000) }).returning();
      clerkCookie = `${COOKIE}=${await encode({ secret: SECRET, token: { sub: clerk.id, identity: { kind: 'staff', staffId: clerk.id, sessionId: staffSession!.id } } })}`;
    };
    const adminActor = staffActorFrom(staff.find((s) => s.role === 'admin')!);
    const terminalKeys: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const registered = await registerTerminal(db.db, adminActor, { name: `基线终端 ${i + 1}`, kind: 'service_counter', districtCode: '420106' });
      if (registered.status !== 'ok') throw new Error(JSON.stringify(registered));
      terminalKeys.push(registered.data.apiKey);
    }
    const codec = createIdentityQrCodec(ring);
    let turn = 0;
    const next = <T>(list: T[]) => list[turn++ % list.length]!;

    const page = (base: string, url: string, cookie: () => string) => () => fetch(`${base}${url}`, { headers: { cookie: cookie() }, redirect: 'manual' });
    const portalPage = (url: string, cookie: () => string) => page(portalBase, url, cookie);
    const sizes = new Map<string, { html: number; gzip: number; bareHtml: number; bareGzip: number }>();
    const pageRoutes: Array<[string, string, () => string]> = [
      ['GET /', '/', () => next(citizenCookies)],
      ['GET /me', '/me', () => next(citizenCookies)],
      ['GET /wallet', '/wallet', () => next(citizenCookies)],
      ['GET /staff/queue', '/staff/queue', () => clerkCookie],
    ];
    const routes: Route[] = [];
    for (const [name, url, cookie] of pageRoutes) {
      let bareUrl = `${bareBase}${url}`;
      // Pads the bare page to the portal page's size as it is at this start (its markup and RSC payload
      // both grow with it): a page that grows during a run — /wallet's history of scans, after the
      // verify's — is matched again at the next start.
      const matchSize = async () => {
        const response = await portalPage(url, cookie)();
        const html = Buffer.from(await response.arrayBuffer());
        if (response.status !== 200) throw new Error(`${name} answered ${response.status}`);
        let bytes = html.length;
        let bareHtml = Buffer.alloc(0);
        for (let i = 0; i < 4 && !AGAINST_DIR; i += 1) {
          bareHtml = Buffer.from(await (await fetch(`${bareBase}/page?bytes=${bytes}`)).arrayBuffer());
          bytes = Math.max(1000, Math.round((bytes * html.length) / bareHtml.length));
        }
        if (!AGAINST_DIR) bareUrl = `${bareBase}/page?bytes=${bytes}`;
        bareHtml = Buffer.from(await (await (AGAINST_DIR ? page(bareBase, url, cookie)() : fetch(bareUrl))).arrayBuffer());
        if (args.dump) {
          fs.mkdirSync(args.dump, { recursive: true });
          const file = name.replace(/[^a-z]+/gi, '_');
          fs.writeFileSync(path.join(args.dump, `${file}.portal.html`), html);
          fs.writeFileSync(path.join(args.dump, `${file}.bare.html`), bareHtml);
        }
        sizes.set(name, { html: html.length, gzip: zlib.gzipSync(html).length, bareHtml: bareHtml.length, bareGzip: zlib.gzipSync(bareHtml).length });
      };
      const signIn = url.startsWith('/staff') ? signInClerk : undefined;
      routes.push({
        name,
        portal: portalPage(url, cookie),
        bare: AGAINST_DIR ? page(bareBase, url, cookie) : () => fetch(bareUrl),
        isPage: true,
        prepare: async () => {
          await signIn?.();
          await matchSize();
        },
      });
    }
    routes.push({
      name: 'POST /api/terminal/verify',
      portal: () =>
        fetch(`${portalBase}/api/terminal/verify`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${next(terminalKeys)}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ code: codec.issue(next(holders).subjectRef, new Date()).code }),
        }),
      bare: AGAINST_DIR
        ? () =>
            fetch(`${bareBase}/api/terminal/verify`, {
              method: 'POST',
              headers: { Authorization: `Bearer ${next(terminalKeys)}`, 'Content-Type': 'application/json' },
              body: JSON.stringify({ code: codec.issue(next(holders).subjectRef, new Date()).code }),
            })
        : () => fetch(`${bareBase}/api/verify`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: crypto.randomUUID() }) }),
      isPage: false,
    });
    const selected = args.routes ? routes.filter((r) => args.routes!.split(',').some((s) => r.name.includes(s))) : routes;

    const send = async (request: Request, name: string) => {
      const response = await request();
      const body = await response.text();
      if (response.status !== 200) throw new Error(`${name} answered ${response.status}: ${body.slice(0, 200)}`);
      if (name.includes('verify') && !body.includes('"accepted"')) throw new Error(`${name} did not accept: ${body.slice(0, 200)}`);
    };
    const measureBlock = async (pid: number, request: Request, name: string) => {
      const before = treeCpuMs(pid);
      for (let i = 0; i < BLOCK; i += 1) await send(request, name);
      return (treeCpuMs(pid) - before) / BLOCK;
    };

    const loadBefore = loadAverage();
    const started = Date.now();
    console.info(`[bench:baseline] portal ${path.relative(process.cwd(), PORTAL_DIR) || '.'} vs bare Next ${JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/next/package.json'), 'utf8')).version}; warm-up ${WARMUP}, ${ROUNDS} rounds × ${BLOCK} requests per app and route; load average ${loadBefore}`);
    // Per route, every block of every start: the figures are medians over all of them.
    const measured = new Map(selected.map((route) => [route, { portalMs: [] as number[], bareMs: [] as number[], startRatios: [] as number[] }]));
    for (let start = 0; start < RESTARTS; start += 1) {
      if (start > 0) await restartApps();
      for (const route of selected) {
        await route.prepare?.();
        for (let i = 0; i < WARMUP; i += 1) {
          await send(route.portal, route.name);
          await send(route.bare, route.name);
        }
        const portalMs: number[] = [];
        const bareMs: number[] = [];
        // The profiles' clock (V8's, CLOCK_MONOTONIC in µs, as process.hrtime): only the measured rounds
        // are worth comparing, not start-up and the demo seed.
        const windowStart = process.hrtime.bigint() / 1000n;
        for (let round = 0; round < ROUNDS; round += 1) {
          // Alternate which app goes first, so a drift in the machine's load hits both alike.
          if (round % 2 === 0) {
            portalMs.push(await measureBlock(portal.pid!, route.portal, route.name));
            bareMs.push(await measureBlock(bare.pid!, route.bare, route.name));
          } else {
            bareMs.push(await measureBlock(bare.pid!, route.bare, route.name));
            portalMs.push(await measureBlock(portal.pid!, route.portal, route.name));
          }
        }
        if (args.profile) console.info(`[bench:baseline] profile window ${route.name}: ${windowStart} ${process.hrtime.bigint() / 1000n} (µs; requests per app ${ROUNDS * BLOCK})`);
        const ratios = portalMs.map((p, i) => p / bareMs[i]!);
        const all = measured.get(route)!;
        all.portalMs.push(...portalMs);
        all.bareMs.push(...bareMs);
        all.startRatios.push(median(ratios));
        console.info(`[bench:baseline] ${route.name}${RESTARTS > 1 ? ` (start ${start + 1} of ${RESTARTS})` : ''}: portal ${median(portalMs).toFixed(1)} ms, bare ${median(bareMs).toFixed(1)} ms, ×${median(ratios).toFixed(2)} (rounds ${ratios.map((r) => r.toFixed(2)).join(' ')})`);
      }
    }
    const results: Array<{ route: string; portalMs: number; bareMs: number; ratio: number; spread: number; startRatios: number[] }> = [];
    for (const [route, all] of measured) {
      const ratios = all.portalMs.map((p, i) => p / all.bareMs[i]!);
      results.push({ route: route.name, portalMs: median(all.portalMs), bareMs: median(all.bareMs), ratio: median(ratios), spread: (Math.max(...ratios) - Math.min(...ratios)) / 2, startRatios: all.startRatios });
    }
    const loadAfter = loadAverage();
    await db.close();

    console.info(`\nServer CPU per request (median of ${ROUNDS * RESTARTS} alternating rounds of ${BLOCK}: ${ROUNDS} in each of ${RESTARTS} start${RESTARTS > 1 ? 's' : ''} of both apps; warm-up ${WARMUP} each time); load average ${loadBefore} → ${loadAfter}; ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    console.info('| Route | portal CPU ms | bare CPU ms | ratio | each start | target | HTML bytes (gzip) portal | bare |');
    console.info('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of results) {
      const size = sizes.get(r.route);
      const target = r.route.includes('verify') ? 1.5 : 1.2;
      console.info(
        `| ${r.route} | ${r.portalMs.toFixed(1)} | ${r.bareMs.toFixed(1)} | **${r.ratio.toFixed(2)}×** ±${r.spread.toFixed(2)} | ${r.startRatios.map((x) => x.toFixed(2)).join(', ')} | ≤ ${target}× ${r.ratio <= target ? 'met' : 'not met'} | ${size ? `${size.html} (${size.gzip})` : '—'} | ${size ? `${size.bareHtml} (${size.bareGzip})` : '—'} |`,
      );
    }
    console.info(`\nJSON ${JSON.stringify({ loadBefore, loadAfter, warmup: WARMUP, rounds: ROUNDS, block: BLOCK, restarts: RESTARTS, results, sizes: Object.fromEntries(sizes) })}`);
  } finally {
    await Promise.all(apps.map(stopApp));
    await pg.stop().catch(() => {});
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
