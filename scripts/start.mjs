#!/usr/bin/env node
// `npm start`: production server on a fresh clone with no set-up.
//   - creates .data/
//   - NEXTAUTH_SECRET: taken from the environment, else read from / created in .data/auth-secret (0600)
//   - NEXTAUTH_URL and PUBLIC_BASE_URL default to http://localhost:$PORT
//   - builds (next build) when .next/BUILD_ID is missing or older than the newest source file
//   - runs `next start -p $PORT`, forwarding SIGINT/SIGTERM, exiting with its code
//   - on PostgreSQL, WEB_PROCESSES=N (or `auto`: one per core) runs N `next start` processes as
//     node:cluster workers sharing the port, and the outbox and scheduled jobs in their own process
//     (scripts/worker.ts); the embedded PGlite database stays one process (it cannot be shared)
import cluster from 'node:cluster';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStatus } from './lib/build-check.mjs';
import { copyFaceAssets } from './copy-face-assets.mjs';
import { run } from './lib/proc.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const DATA_DIR = path.join(ROOT, '.data');
const SECRET_FILE = path.join(DATA_DIR, 'auth-secret');

process.chdir(ROOT);

function log(msg) {
  console.log(`[start] ${msg}`);
}

function fail(msg) {
  console.error(`[start] ERROR: ${msg}`);
  process.exit(1);
}

if (!fs.existsSync(NEXT_BIN)) fail(`${path.relative(ROOT, NEXT_BIN)} not found — run \`npm ci\` first.`);

fs.mkdirSync(DATA_DIR, { recursive: true });

/** Reads .data/auth-secret, creating it (32 random bytes, base64url, mode 0600) if absent or empty. */
function loadOrCreateSecret() {
  try {
    const existing = fs.readFileSync(SECRET_FILE, 'utf8').trim();
    if (existing) return { secret: existing, created: false };
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
  const secret = crypto.randomBytes(32).toString('base64url');
  try {
    // 'wx' so two concurrent starts cannot overwrite each other's secret.
    fs.writeFileSync(SECRET_FILE, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if (err.code !== 'EEXIST') throw err;
    const raced = fs.readFileSync(SECRET_FILE, 'utf8').trim();
    if (raced) return { secret: raced, created: false };
    fs.writeFileSync(SECRET_FILE, `${secret}\n`, { mode: 0o600 });
  }
  fs.chmodSync(SECRET_FILE, 0o600);
  return { secret, created: true };
}

const rawPort = process.env.PORT?.trim() || '3000';
const port = Number(rawPort);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT must be a TCP port number, got "${rawPort}"`);
process.env.PORT = String(port);

let secretSource = 'environment';
if (!process.env.NEXTAUTH_SECRET?.trim()) {
  const { secret, created } = loadOrCreateSecret();
  process.env.NEXTAUTH_SECRET = secret;
  secretSource = created ? '.data/auth-secret (new)' : '.data/auth-secret';
}

const defaultUrl = `http://localhost:${port}`;
if (!process.env.NEXTAUTH_URL?.trim()) process.env.NEXTAUTH_URL = defaultUrl;
if (!process.env.PUBLIC_BASE_URL?.trim()) process.env.PUBLIC_BASE_URL = defaultUrl;

function describeDb() {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) return `PGlite ${process.env.PGLITE_DATA_DIR?.trim() || '.data/pglite'}`;
  try {
    const u = new URL(url);
    return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

function describeMail() {
  const smtp = process.env.SMTP_URL?.trim();
  if (smtp) {
    try {
      const u = new URL(smtp);
      return `SMTP ${u.hostname}${u.port ? `:${u.port}` : ''}`;
    } catch {
      return 'SMTP (SMTP_URL)';
    }
  }
  return `files in ${process.env.OUTBOX_DIR?.trim() || '.data/outbox'}/mail`;
}

copyFaceAssets();
const status = buildStatus(ROOT);
log(
  `e-ID approvals portal → ${process.env.PUBLIC_BASE_URL} | port ${port} | db: ${describeDb()} | mail: ${describeMail()} | ` +
    `secret: ${secretSource} | ${status.needed ? `building first: ${status.reason}` : 'using existing build'}`,
);

let stopping = false;
const onSignal = () => {
  stopping = true;
};

if (status.needed) {
  const started = Date.now();
  const result = await run(process.execPath, [NEXT_BIN, 'build'], { onSignal });
  if (result.exitCode !== 0 || stopping) {
    if (!stopping) console.error(`[start] next build failed (exit ${result.exitCode}); not starting the server.`);
    process.exit(result.exitCode || 1);
  }
  log(`build finished in ${((Date.now() - started) / 1000).toFixed(1)}s; starting server`);
}

const webProcesses = resolveWebProcesses();
if (webProcesses === 1) {
  const result = await run(process.execPath, [NEXT_BIN, 'start', '-p', String(port)], { onSignal });
  process.exit(result.exitCode);
}
await runCluster(webProcesses);

/** How many web processes: 1 unless WEB_PROCESSES asks for more, and always 1 on the embedded database. */
function resolveWebProcesses() {
  const raw = process.env.WEB_PROCESSES?.trim() || '1';
  const wanted = raw === 'auto' ? os.availableParallelism() : Number(raw);
  if (!Number.isInteger(wanted) || wanted < 1 || wanted > 64) fail(`WEB_PROCESSES must be a number from 1 to 64 or "auto", got "${raw}"`);
  if (wanted > 1 && !process.env.DATABASE_URL?.trim()) {
    log(`WEB_PROCESSES=${raw} ignored: the embedded PGlite database belongs to one process — one web process (jobs in it too). Set DATABASE_URL to run one per core.`);
    return 1;
  }
  return wanted;
}

/**
 * N `next start` processes as node:cluster workers: they share the one listening port (the primary,
 * this process, accepts connections and hands them out in turn), so each core runs its own JavaScript
 * main thread. Web processes serve requests only (RUN_WORKERS=false); one more process runs the outbox
 * and the scheduled jobs (scripts/worker.ts). A process that dies is started again; SIGTERM/SIGINT
 * stop them all (each finishes its in-flight requests) and this process exits with 143/130.
 */
async function runCluster(count) {
  const TSX_CLI = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const webEnv = { ...process.env, RUN_WORKERS: 'false' };
  cluster.setupPrimary({ exec: NEXT_BIN, args: ['start', '-p', String(port)] });
  let isStopping = false;
  let stopSignal = null;
  const webs = new Set();
  let jobs = null;

  const forkWeb = (index) =>
    new Promise((resolve) => {
      const worker = cluster.fork({ ...webEnv, INSTANCE_ID: `${os.hostname()}:web-${index}` });
      webs.add(worker);
      worker.once('listening', () => resolve(worker));
      worker.once('exit', (code, signal) => {
        webs.delete(worker);
        if (isStopping) return;
        log(`web process ${index} (pid ${worker.process.pid}) exited (${signal ?? code}); starting it again`);
        setTimeout(() => void forkWeb(index), 1000);
      });
    });

  const waitUntilHealthy = async () => {
    for (let i = 0; i < 600 && !isStopping; i += 1) {
      const status = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status, () => 0);
      if (status === 200) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    if (!isStopping) fail('the first web process did not become healthy within 5 minutes');
  };

  let jobsRestartMs = 1000;
  const startJobs = () => {
    jobs = spawn(process.execPath, [TSX_CLI, '--conditions=react-server', path.join(ROOT, 'scripts', 'worker.ts')], {
      cwd: ROOT,
      env: { ...process.env, INSTANCE_ID: `${os.hostname()}:jobs` },
      stdio: 'inherit',
    });
    jobs.once('exit', (code, signal) => {
      if (isStopping) return;
      log(`jobs process exited (${signal ?? code}); starting it again in ${jobsRestartMs / 1000} s`);
      setTimeout(startJobs, jobsRestartMs);
      jobsRestartMs = Math.min(jobsRestartMs * 2, 60_000);
    });
  };

  const stop = (signal) => {
    if (isStopping) return;
    isStopping = true;
    stopSignal = signal;
    log(`${signal}: stopping ${webs.size} web processes and the jobs process`);
    for (const worker of webs) worker.process.kill('SIGTERM');
    jobs?.kill('SIGTERM');
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  // The first process migrates (and, with DEMO_SEED, seeds) the database before the others start: it
  // listens before its start-up work is done, so wait until it answers its health check.
  await forkWeb(1);
  await waitUntilHealthy();
  await Promise.all(Array.from({ length: count - 1 }, (_, i) => forkWeb(i + 2)));
  startJobs();
  log(`${count} web processes on port ${port} (pids ${[...webs].map((w) => w.process.pid).join(', ')}), jobs in pid ${jobs.pid}`);

  await new Promise((resolve) => {
    const check = setInterval(() => {
      if (isStopping && webs.size === 0 && (jobs === null || jobs.exitCode !== null || jobs.signalCode !== null)) {
        clearInterval(check);
        resolve();
      }
    }, 200);
  });
  process.exit(stopSignal === 'SIGINT' ? 130 : 143);
}
