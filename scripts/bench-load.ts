// `npm run bench:load` — a load benchmark (not a test) of the built app on PostgreSQL.
//
// Starts a private PostgreSQL 15 cluster and `next start` (needs `npm run build` first), seeds the
// demo data, then runs VIRTUAL USERS (default 200) for DURATION (default 60 s), each in a loop with
// a short think time:
//   55 %  citizens browsing: home, their applications, the wallet
//   10 %  citizens submitting a household transfer (the real server action, multipart, with a PDF)
//   20 %  clerks working the queue: first page, a filtered page, the overview (supervisors)
//   15 %  verifier terminals checking fresh identity QRs (POST /api/terminal/verify)
// Prints p50/p95/p99 per route, errors, throughput and the app's peak RSS (VmHWM), as text and JSON.
//
// --processes N (default 1) starts the app as `npm start` does with WEB_PROCESSES=N (scripts/start.mjs:
// N `next start` processes as node:cluster workers on one port, the outbox and jobs in their own
// process); CPU and memory are then summed over that whole process tree.
// --citizens N (default 100): the virtual citizens are N different people — the demo seed's e-ID holder
// and registry adults given an account and an e-ID by the benchmark — so submits spread as in life.
//
//   npm run bench:load [-- --users 200 --seconds 60 --think 250-750 --processes 1 --citizens 100]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { openDatabase, queryRows } from '@/db/connect';
import { makeDemoPdf } from '@/db/seed';
import { citizenAccounts, citizenSessions, eids, staffSessions, staffUsers } from '@/db/schema';
import { staffActorFrom } from '@/lib/auth/actor';
import { createKeyRing } from '@/lib/crypto/authority-keys';
import { createIdentityQrCodec } from '@/lib/identity/identity-qr';
import { startPrivatePostgres } from '@/lib/testing/private-postgres';
import { registerTerminal } from '@/lib/terminals/register-terminal';
import { decryptValue, piiKeyRingSchema } from '@/lib/privacy/field-encryption';
import { setPiiKeyRing, TEST_PII_KEYS } from '@/lib/privacy/pii-keys';
import { treeCpuMs, treeStatusBytes } from './lib/proc-tree';

// The app under load and this script share the test ring (raw SQL below decrypts with it).
const piiRing = piiKeyRingSchema.parse(JSON.parse(TEST_PII_KEYS));
setPiiKeyRing(piiRing);

const { values: args } = parseArgs({
  options: { users: { type: 'string', default: '200' }, seconds: { type: 'string', default: '60' }, think: { type: 'string', default: '250-750' }, calibrate: { type: 'string', default: '100' }, 'calibrate-warmup': { type: 'string', default: '30' }, processes: { type: 'string', default: '1' }, citizens: { type: 'string', default: '100' } },
});
const USERS = Number(args.users);
const SECONDS = Number(args.seconds);
// Requests per kind in the one-at-a-time calibration pass before the load (0 skips it).
const CALIBRATE = Number(args.calibrate);
// Warm-up requests per kind before the calibration counts: with 3 the figures were mostly JIT warm-up
// (39-63 ms a page); 30 warm-ups and 100 samples give figures that repeated runs reproduce.
const CALIBRATE_WARMUP = Number(args['calibrate-warmup']);
// Think time between a virtual user's requests, in ms ("min-max", uniform).
const [THINK_MIN, THINK_MAX] = args.think.split('-').map(Number) as [number, number];
if (!(THINK_MIN >= 0 && THINK_MAX >= THINK_MIN)) throw new Error('--think takes "min-max" in milliseconds, e.g. 250-750');
const PROCESSES = Number(args.processes);
if (!(Number.isInteger(PROCESSES) && PROCESSES >= 1)) throw new Error('--processes takes a whole number of web processes, e.g. 2');
// How many different people the virtual citizens are (the demo seed's one e-ID holder, 王芳, plus
// registry residents given an account and an e-ID here).
const CITIZENS = Number(args.citizens);
if (!(Number.isInteger(CITIZENS) && CITIZENS >= 1)) throw new Error('--citizens takes a whole number of people, e.g. 100');
const ROOT = path.resolve(__dirname, '..');
const SECRET = 'bench-load-secret-0f3a9c2e7b5d4a1e8c6f';
const COOKIE = 'next-auth.session-token';

type Sample = { route: string; ms: number; ok: boolean };
const samples: Sample[] = [];
const errors = new Map<string, number>();

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timed(route: string, fn: () => Promise<Response>, check: (r: Response) => Promise<boolean> | boolean = (r) => r.status < 400) {
  const started = performance.now();
  let ok = false;
  let reason = '';
  try {
    const response = await fn();
    ok = await check(response);
    if (!ok) reason = `HTTP ${response.status}`;
    if (!response.bodyUsed) await response.arrayBuffer();
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  samples.push({ route, ms: performance.now() - started, ok });
  if (!ok) errors.set(`${route}: ${reason}`, (errors.get(`${route}: ${reason}`) ?? 0) + 1);
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) throw new Error('No production build: run `npm run build` first');
  const pg = await startPrivatePostgres();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const ring = createKeyRing('bl1');
  const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eid-bench-outbox-'));
  // BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the app under load.
  const nodeArgs = process.env.BENCH_APP_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  // One process: `next start` itself (the outbox and jobs run in it). More: scripts/start.mjs's cluster.
  const command = PROCESSES === 1 ? [...nodeArgs, path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port)] : [path.join(ROOT, 'scripts/start.mjs')];
  const app = spawn(process.execPath, command, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: pg.url(),
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: base,
      PUBLIC_BASE_URL: base,
      IDENTITY_QR_KEYS: JSON.stringify(ring),
      PII_KEYS: TEST_PII_KEYS,
      // Production on PostgreSQL refuses to start without a courier webhook key (lib/env.ts).
      COURIER_WEBHOOK_SECRET: 'bench-load-courier-webhook-key',
      DEMO_SEED: 'true',
      OUTBOX_DIR: outboxDir,
      SMTP_URL: '',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      WEB_PROCESSES: String(PROCESSES),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const rssSamples: number[] = [];
  // CPU and memory of the whole process tree (the cluster's web and jobs processes too).
  const readCpuMs = () => treeCpuMs(app.pid!);
  const readStatus = (field: string) => treeStatusBytes(app.pid!, field);
  const db = await openDatabase({ kind: 'postgresql', url: pg.url() });
  try {
    for (let i = 0; i < 240; i += 1) {
      const ok = await fetch(`${base}/api/health`).then((r) => r.status === 200).catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const rssIdle = readStatus('VmRSS');

    // Citizens spread over many people, as in life: with the demo seed's one holder every virtual citizen
    // was 王芳 and every submit hers, so /me grew by hundreds of open applications during a run.
    const people = await queryRows<{ id: string }>(
      db.db,
      sql`select r.id from residents r where r.status = 'active' and r.birth_date < '2000-01-01'
        and not exists (select 1 from citizen_accounts ca where ca.resident_id = r.id) order by r.id_number_index limit ${Math.max(0, CITIZENS - 1)}`,
    );
    if (people.length > 0) {
      const accounts = await db.db.insert(citizenAccounts).values(people.map((person) => ({ residentId: person.id }))).returning({ id: citizenAccounts.id });
      await db.db.insert(eids).values(accounts.map((account) => ({ citizenAccountId: account.id, assuranceLevel: 3, issuedAt: new Date() })));
    }

    // Sessions: next-auth JWTs for seeded citizens (with a server-side session row, at L3) and staff.
    const holders = await db.db.select({ accountId: eids.citizenAccountId, subjectRef: eids.subjectRef }).from(eids).where(eq(eids.status, 'active'));
    if (holders.length === 0) throw new Error('the demo seed has no e-ID holders');
    console.info(`[bench:load] the virtual citizens are ${holders.length} e-ID holders (--citizens ${CITIZENS})`);
    const citizenCookies: string[] = [];
    for (const holder of holders) {
      const [session] = await db.db
        .insert(citizenSessions)
        .values({ citizenAccountId: holder.accountId, assuranceLevel: 3, gatesPassed: ['phone', 'questionnaire', 'real_person'], expiresAt: new Date(Date.now() + 4 * 3600_000) })
        .returning();
      const token = await encode({ secret: SECRET, token: { sub: holder.accountId, identity: { kind: 'citizen', accountId: holder.accountId, sessionId: session!.id } } });
      citizenCookies.push(`${COOKIE}=${token}`);
    }
    const staff = await db.db.select().from(staffUsers);
    const staffCookie = async (username: string) => {
      const row = staff.find((s) => s.username === username)!;
      // Staff sessions live on the server too (lib/auth/staff-session.ts); the JWT names one.
      const [session] = await db.db.insert(staffSessions).values({ staffUserId: row.id, secondFactorAt: new Date(), expiresAt: new Date(Date.now() + 4 * 3600_000) }).returning();
      return `${COOKIE}=${await encode({ secret: SECRET, token: { sub: row.id, identity: { kind: 'staff', staffId: row.id, sessionId: session!.id } } })}`;
    };
    const clerkCookies = await Promise.all(['clerk02', 'clerk06', 'clerk03', 'clerk04'].map(staffCookie));
    const supervisorCookie = await staffCookie('supervisor');
    // Terminals: ten registered ones, so the per-terminal limit (600/min) is not what is measured.
    const admin = staffActorFrom(staff.find((s) => s.role === 'admin')!);
    const terminalKeys: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const registered = await registerTerminal(db.db, admin, { name: `压测终端 ${i + 1}`, kind: 'service_counter', districtCode: '420106' });
      if (registered.status !== 'ok') throw new Error(JSON.stringify(registered));
      terminalKeys.push(registered.data.apiKey);
    }
    const codec = createIdentityQrCodec(ring);
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, '.next/server/server-reference-manifest.json'), 'utf8')) as { node: Record<string, { exportedName?: string }> };
    const submitActionId = Object.entries(manifest.node).find(([, v]) => v.exportedName === 'submitApplicationAction')?.[0];
    if (!submitActionId) throw new Error('submitApplicationAction not found in the build');
    const pdf = await makeDemoPdf('Diploma');
    const residentsByAccount = new Map(
      (await queryRows<{ account: string; address: string; phone: string }>(db.db, sql`select ca.id as account, r.address, r.phone from citizen_accounts ca join residents r on r.id = ca.resident_id`)).map((r) => [r.account, { ...r, phone: decryptValue(piiRing, r.phone) }]),
    );
    let deadline = 0;
    const think = () => new Promise((r) => setTimeout(r, THINK_MIN + Math.random() * (THINK_MAX - THINK_MIN)));
    const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
    let submitted = 0;

    // A page counts only when it is served (200): a redirect to sign-in or enrolment would be an error here.
    const get = (route: string, url: string, cookie?: string) =>
      timed(route, () => fetch(`${base}${url}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' }), (r) => r.status === 200);

    // One request of each kind; the virtual users below and the calibration pass share them.
    const submitOnce = async (index: number) => {
      const cookie = citizenCookies[index]!;
      const resident = residentsByAccount.get(holders[index]!.accountId)!;
      const form = new FormData();
      const fields: Record<string, string> = {
        serviceId: 'household-transfer',
        idempotencyKey: crypto.randomUUID(),
        toDistrictCode: '420106',
        toAddress: '武汉市武昌区中南路 88 号 3 栋 1201 室',
        reason: 'graduate_employment',
        employer: '武汉某某科技有限公司',
        deliveryMethod: 'mail',
        deliveryDistrictCode: '420106',
        deliveryStreet: '中南路 88 号 3 栋 1201 室',
        contactPhone: resident.phone,
        notificationEmail: 'bench@example.test',
      };
      for (const [k, v] of Object.entries(fields)) form.set(`_1_${k}`, v);
      form.set('_1_document.diploma', new Blob([pdf as BlobPart], { type: 'application/pdf' }), 'diploma.pdf');
      // The arguments (prevState, formData) as React encodes them; the root part goes last, as the
      // client sends it, so the server has every field of the FormData when it resolves "$K1".
      form.set('0', '[null,"$K1"]');
      await timed(
        'POST submit (server action)',
        () => fetch(`${base}/me/apply/household-transfer`, { method: 'POST', headers: { cookie, 'Next-Action': submitActionId, Accept: 'text/x-component', Origin: base }, body: form, redirect: 'manual' }),
        // Success is a redirect to the new application; a refusal comes back as a Failure result.
        async (r) => {
          if (r.status < 400 && (r.headers.get('x-action-redirect')?.includes('/me/applications/') ?? false)) {
            submitted += 1;
            return true;
          }
          if (process.env.BENCH_DEBUG) console.warn('[bench:load] submit answered', r.status, [...r.headers.entries()], (await r.text()).slice(0, 600));
          return false;
        },
      );
    };
    const verifyOnce = async () => {
      const { code } = codec.issue(pick(holders).subjectRef, new Date());
      await timed(
        'POST /api/terminal/verify',
        () => fetch(`${base}/api/terminal/verify`, { method: 'POST', headers: { Authorization: `Bearer ${pick(terminalKeys)}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) }),
        async (r) => r.status === 200 && ((await r.json()) as { result: string }).result === 'accepted',
      );
    };
    const kinds: Array<[string, () => Promise<void>]> = [
      ['GET /', () => get('GET /', '/', pick(citizenCookies))],
      ['GET /me', () => get('GET /me', '/me', pick(citizenCookies))],
      ['GET /wallet', () => get('GET /wallet', '/wallet', pick(citizenCookies))],
      ['GET /me/apply/household-transfer', () => get('GET /me/apply/household-transfer', '/me/apply/household-transfer', pick(citizenCookies))],
      ['POST submit (server action)', () => submitOnce(Math.floor(Math.random() * holders.length))],
      ['GET /staff/queue', () => get('GET /staff/queue', '/staff/queue', pick(clerkCookies))],
      ['GET /staff/queue?status=submitted&sort=deadlineDate', () => get('GET /staff/queue?status=submitted&sort=deadlineDate', '/staff/queue?status=submitted&sort=deadlineDate', pick(clerkCookies))],
      ['GET /staff/overview', () => get('GET /staff/overview', '/staff/overview', supervisorCookie)],
      ['POST /api/terminal/verify', verifyOnce],
    ];

    // Warm-up of every web process: the first requests a process serves load its route's modules and
    // run cold code (seconds, not milliseconds). Requests on one keep-alive connection all reach the
    // same cluster worker, so each kind is sent in concurrent batches (several connections, which the
    // cluster's primary hands out in turn) before anything is measured.
    for (const [, once] of kinds) {
      for (let batch = 0; batch < 5; batch += 1) await Promise.all(Array.from({ length: 4 * PROCESSES }, () => once()));
    }
    {
      const failed = samples.filter((x) => !x.ok).length;
      if (failed) throw new Error(`warm-up: ${failed} requests failed: ${JSON.stringify(Object.fromEntries(errors))}`);
      samples.length = 0;
      submitted = 0;
    }

    // Calibration: each kind alone, one request at a time, measuring the app's own CPU time (utime +
    // stime from /proc) — a figure other work on a shared machine barely moves, unlike latency.
    const calibration: Array<{ route: string; cpuMsPerRequest: number; wallMsP50: number }> = [];
    if (CALIBRATE > 0) {
      for (const [route, once] of kinds) {
        for (let i = 0; i < CALIBRATE_WARMUP; i += 1) await once(); // warm: first renders compile, JIT and fill caches
        const cpuBefore = readCpuMs();
        const walls: number[] = [];
        for (let i = 0; i < CALIBRATE; i += 1) {
          const t0 = performance.now();
          await once();
          walls.push(performance.now() - t0);
        }
        calibration.push({ route, cpuMsPerRequest: Math.round((readCpuMs() - cpuBefore) / CALIBRATE), wallMsP50: Math.round(percentile(walls.sort((a, b) => a - b), 50)) });
      }
      const failed = samples.filter((x) => !x.ok).length;
      if (failed) throw new Error(`calibration: ${failed} requests failed: ${JSON.stringify(Object.fromEntries(errors))}`);
      samples.length = 0;
      submitted = 0;
      console.info('\n| Route (alone, one at a time) | app CPU ms per request | wall p50 ms |\n| --- | ---: | ---: |');
      for (const c of calibration) console.info(`| ${c.route} | ${c.cpuMsPerRequest} | ${c.wallMsP50} |`);
    }
    const [before] = await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from applications`);
    deadline = Date.now() + SECONDS * 1000;

    // Users arrive spread over one think time instead of all in the same millisecond, as people do.
    const arrive = () => new Promise((r) => setTimeout(r, Math.random() * THINK_MAX));
    const browsing = async () => {
      const cookie = pick(citizenCookies);
      await arrive();
      while (Date.now() < deadline) {
        await get('GET /', '/', cookie);
        await think();
        await get('GET /me', '/me', cookie);
        await think();
        await get('GET /wallet', '/wallet', cookie);
        await think();
      }
    };
    const submitting = async () => {
      await arrive();
      while (Date.now() < deadline) {
        const index = Math.floor(Math.random() * holders.length);
        await get('GET /me/apply/household-transfer', '/me/apply/household-transfer', citizenCookies[index]);
        await think();
        await submitOnce(index);
        await think();
      }
    };
    const clerking = async (i: number) => {
      const cookie = i % 5 === 4 ? supervisorCookie : pick(clerkCookies);
      await arrive();
      while (Date.now() < deadline) {
        await get('GET /staff/queue', '/staff/queue', cookie);
        await think();
        await get('GET /staff/queue?status=submitted&sort=deadlineDate', '/staff/queue?status=submitted&sort=deadlineDate', cookie);
        await think();
        if (cookie === supervisorCookie) {
          await get('GET /staff/overview', '/staff/overview', cookie);
          await think();
        }
      }
    };
    const terminal = async () => {
      await arrive();
      while (Date.now() < deadline) {
        await verifyOnce();
        await think();
      }
    };

    const plan = { browsing: Math.round(USERS * 0.55), submitting: Math.round(USERS * 0.1), clerks: Math.round(USERS * 0.2) };
    const terminals = USERS - plan.browsing - plan.submitting - plan.clerks;
    console.info(`[bench:load] ${USERS} virtual users for ${SECONDS} s against ${base}: ${plan.browsing} browsing, ${plan.submitting} submitting, ${plan.clerks} clerks/supervisors, ${terminals} terminals, think ${THINK_MIN}–${THINK_MAX} ms`);
    const sampler = setInterval(() => rssSamples.push(readStatus('VmRSS')), 1000);
    const started = Date.now();
    const cpuAtStart = readCpuMs();
    await Promise.all([
      ...Array.from({ length: plan.browsing }, browsing),
      ...Array.from({ length: plan.submitting }, submitting),
      ...Array.from({ length: plan.clerks }, (_, i) => clerking(i)),
      ...Array.from({ length: terminals }, terminal),
    ]);
    clearInterval(sampler);
    const elapsed = (Date.now() - started) / 1000;
    const cpuUsedMs = readCpuMs() - cpuAtStart;
    const [after] = await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from applications`);

    const routes = [...new Set(samples.map((s) => s.route))];
    const rows = routes.map((route) => {
      const mine = samples.filter((s) => s.route === route);
      const ms = mine.map((s) => s.ms).sort((x, y) => x - y);
      return { route, requests: mine.length, errors: mine.filter((s) => !s.ok).length, p50: Math.round(percentile(ms, 50)), p95: Math.round(percentile(ms, 95)), p99: Math.round(percentile(ms, 99)) };
    });
    const summary = {
      users: USERS,
      processes: PROCESSES,
      seconds: SECONDS,
      thinkMs: [THINK_MIN, THINK_MAX],
      elapsedSeconds: Number(elapsed.toFixed(1)),
      requests: samples.length,
      requestsPerSecond: Number((samples.length / elapsed).toFixed(1)),
      errors: samples.filter((s) => !s.ok).length,
      applicationsCreated: after!.n - before!.n,
      submitsAccepted: submitted,
      appCpuMsPerRequest: Math.round(cpuUsedMs / Math.max(1, samples.length)),
      appCpuCores: Number((cpuUsedMs / 1000 / elapsed).toFixed(2)),
      appRssIdleMiB: Math.round(rssIdle / 1048576),
      appRssPeakMiB: Math.round(Math.max(readStatus('VmHWM'), ...rssSamples) / 1048576),
      cpus: os.cpus().length,
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
      routes: rows,
      calibration,
      errorKinds: Object.fromEntries(errors),
    };
    console.info('\n| Route | Requests | Errors | p50 ms | p95 ms | p99 ms |\n| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const r of rows) console.info(`| ${r.route} | ${r.requests} | ${r.errors} | ${r.p50} | ${r.p95} | ${r.p99} |`);
    console.info(`\n${summary.processes} web process(es): ${summary.requests} requests in ${summary.elapsedSeconds} s (${summary.requestsPerSecond}/s), ${summary.errors} errors; ${summary.applicationsCreated} applications created (${summary.submitsAccepted} submits answered with a redirect); app RSS idle ${summary.appRssIdleMiB} MiB, peak ${summary.appRssPeakMiB} MiB; app CPU ${summary.appCpuMsPerRequest} ms per request, ${summary.appCpuCores} cores busy on average`);
    console.info(JSON.stringify(summary));
    if (summary.applicationsCreated !== summary.submitsAccepted) console.warn('[bench:load] applications created and accepted submits differ!');
  } finally {
    await db.close();
    app.kill('SIGTERM');
    await new Promise((r) => app.once('exit', r));
    await pg.stop();
    fs.rmSync(outboxDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error('[bench:load] failed:', error);
    process.exit(1);
  },
);
