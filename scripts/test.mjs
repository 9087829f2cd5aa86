#!/usr/bin/env node
// `npm test`: the whole suite, step by step, stopping at the first failure.
//   lint → typecheck → unit (vitest, against PGlite and PostgreSQL) → build → e2e (Playwright)
//
// Flags:
//   --skip-e2e            run everything but the Playwright step
//   --only=unit           only vitest (with its PostgreSQL database)
//   --only=e2e            only build + Playwright (the e2e server needs a current build)
//   --only=a,b            any of lint,typecheck,unit,build,e2e (comma-separated)
//   -- <args>             extra arguments for vitest/Playwright (when exactly one of them is selected)
//
// Environment:
//   TEST_DATABASE_URL     PostgreSQL database for the integration tests (used as is, never dropped).
//                         vitest's parallel workers each work in a copy beside it, <database>_w<n>
//                         (lib/testing/worker-database.ts); those are dropped when the unit step ends.
//                         Unset: a fresh database eid_test_<epoch> is created on
//                         TEST_POSTGRES_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres)
//                         and dropped when the unit step ends.
//   TEST_POSTGRES=off     do not use PostgreSQL at all (loud warning: PostgreSQL tests NOT run).
//   E2E_SHARDS            how many Playwright runs go side by side, each with its own server, database,
//                         outbox and ports (scripts/lib/e2e-shards.mjs); default 2 on a machine with two
//                         or more cores, else 1. Arguments after -- (e.g. one spec file) run unsharded.
//                         The journeys in SOLO_SPECS (the face check's main-thread timing) run alone afterwards.
//   E2E_PORT, E2E_SMTP_PORT  first ports of the e2e servers and SMTP sinks (shard n adds n − 1; the run alone follows the last).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { formatDuration, run } from './lib/proc.mjs';
import { copyFaceAssets } from './copy-face-assets.mjs';
import { listSpecFiles, planShards, splitSolo } from './lib/e2e-shards.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);

const BIN = {
  eslint: path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'),
  tsc: path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
  vitest: path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
  next: path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'),
  playwright: path.join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js'),
};
const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';
// Fixed secret for tests and the test build when the caller has none (the app refuses to run without one).
const TEST_SECRET = 'test-only-nextauth-secret-not-for-production-0123456789';
const TEST_PII_KEYS = JSON.stringify({
  active: 't1',
  keys: [{ id: 't1', enc: Buffer.alloc(16, 1).toString('base64'), mac: Buffer.alloc(32, 2).toString('base64') }],
  index: Buffer.alloc(32, 3).toString('base64'),
});

const ALL_STEPS = ['lint', 'typecheck', 'unit', 'build', 'e2e'];

// ---------------------------------------------------------------- arguments
function usage(exitCode) {
  const text = `Usage: node scripts/test.mjs [--skip-e2e] [--only=unit|e2e|<step,...>] [-- <vitest/playwright args>]
Steps: ${ALL_STEPS.join(', ')} (--only=e2e also runs build)
Env: TEST_DATABASE_URL=<postgres url> | TEST_POSTGRES=off | TEST_POSTGRES_ADMIN_URL=<postgres url>`;
  (exitCode ? console.error : console.log)(text);
  process.exit(exitCode);
}

const argv = process.argv.slice(2);
const dashdash = argv.indexOf('--');
const ownArgs = dashdash === -1 ? argv : argv.slice(0, dashdash);
const passThrough = dashdash === -1 ? [] : argv.slice(dashdash + 1);

let selected = new Set(ALL_STEPS);
let skipE2e = false;
for (const arg of ownArgs) {
  if (arg === '--help' || arg === '-h') usage(0);
  else if (arg === '--skip-e2e') skipE2e = true;
  else if (arg.startsWith('--only=')) {
    const names = arg.slice('--only='.length).split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = names.filter((n) => !ALL_STEPS.includes(n));
    if (names.length === 0 || unknown.length) {
      console.error(`Unknown step in ${arg}: ${unknown.join(', ') || '(none given)'}`);
      usage(2);
    }
    selected = new Set(names);
    // The e2e server runs the production build: never test a stale one.
    if (selected.has('e2e')) selected.add('build');
  } else {
    console.error(`Unknown argument: ${arg}`);
    usage(2);
  }
}
if (skipE2e) selected.delete('e2e');
const steps = ALL_STEPS.filter((s) => selected.has(s));
if (steps.length === 0) {
  console.error('Nothing to run.');
  process.exit(2);
}
const passTo = passThrough.length ? steps.filter((s) => s === 'unit' || s === 'e2e') : [];
if (passThrough.length && passTo.length !== 1) {
  console.error('Arguments after -- need exactly one of the unit/e2e steps to be selected (e.g. --only=unit).');
  process.exit(2);
}

// ---------------------------------------------------------------- output helpers
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, s) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
const bold = (s) => paint('1', s);
const red = (s) => paint('31;1', s);
const green = (s) => paint('32', s);
const yellow = (s) => paint('33;1', s);

function header(n, total, title) {
  const line = '═'.repeat(72);
  console.log(`\n${bold(line)}\n${bold(`▶ [${n}/${total}] ${title}`)}\n${bold(line)}`);
}

const warnings = [];
function loudWarning(msg) {
  const bar = '!'.repeat(72);
  console.warn(`\n${yellow(bar)}\n${yellow(`!! WARNING: ${msg}`)}\n${yellow(bar)}\n`);
  warnings.push(msg);
}

// ---------------------------------------------------------------- interruption
let interrupted = false;
const cleanups = [];
async function runCleanups() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (err) {
      console.error(`cleanup failed: ${err?.message ?? err}`);
    }
  }
}
// While no child runs (e.g. during database set-up) a signal must still stop us and clean up.
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${red(`Interrupted (${sig}); stopping after the current step.`)}`);
  });
}

// ---------------------------------------------------------------- env shared by all steps
const baseEnv = { ...process.env };
if (!baseEnv.NEXTAUTH_SECRET?.trim()) baseEnv.NEXTAUTH_SECRET = TEST_SECRET;
// Fixed personal-data keys for every step (lib/privacy/pii-keys.ts has the same ring as TEST_PII_KEYS).
if (!baseEnv.PII_KEYS?.trim()) baseEnv.PII_KEYS = TEST_PII_KEYS;
// A developer's FORCE_COLOR/NO_COLOR stays; CI logs stay readable either way.

function node(bin, args, env = baseEnv, prefix = undefined) {
  return run(process.execPath, [bin, ...args], { env, cwd: ROOT, prefix });
}

/** Runs a tool and turns its exit status into a step result. */
async function expectSuccess(label, promise) {
  const r = await promise;
  if (r.exitCode !== 0) throw new StepError(`${label} exited with code ${r.exitCode}${r.signal ? ` (${r.signal})` : ''}`);
}

class StepError extends Error {}

// ---------------------------------------------------------------- PostgreSQL for the integration tests
function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function withDatabase(url, dbName) {
  const u = new URL(url);
  u.pathname = `/${dbName}`;
  return u.toString();
}

/**
 * Drops the per-worker databases (<database>_w<n>, lib/testing/worker-database.ts) beside `url`'s.
 * The vitest global teardown drops them already; this also covers a run that was killed.
 */
async function dropWorkerDatabases(url) {
  const base = new URL(url).pathname.replace(/^\//, '');
  const name = decodeURIComponent(base);
  const sql = postgres(withDatabase(url, 'postgres'), { max: 1, connect_timeout: 5, idle_timeout: 1, onnotice: () => {} });
  try {
    const rows = await sql`select datname from pg_database`;
    const prefix = `${name}_w`;
    for (const { datname } of rows) {
      if (!datname.startsWith(prefix) || !/^\d+$/.test(datname.slice(prefix.length))) continue;
      await sql.unsafe(`DROP DATABASE IF EXISTS "${datname.replaceAll('"', '""')}" WITH (FORCE)`);
      console.log(`Dropped PostgreSQL worker database ${datname}.`);
    }
  } catch (err) {
    console.error(yellow(`Could not drop the worker databases of ${name}: ${err?.message ?? err} (drop ${name}_w<n> by hand).`));
  } finally {
    await sql.end({ timeout: 2 }).catch(() => {});
  }
}

/**
 * Returns the TEST_DATABASE_URL to give vitest (or undefined when PostgreSQL is off),
 * registering a cleanup that drops a database we created.
 */
async function preparePostgres() {
  if (process.env.TEST_POSTGRES?.trim().toLowerCase() === 'off') {
    loudWarning('TEST_POSTGRES=off — the PostgreSQL integration tests were NOT run (PGlite only).');
    return undefined;
  }
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) {
    console.log(`Using TEST_DATABASE_URL=${redact(given)}`);
    return given;
  }

  const dbName = `eid_test_${Date.now()}`;
  const admin = postgres(ADMIN_URL, { max: 1, connect_timeout: 5, idle_timeout: 1, onnotice: () => {} });
  try {
    await admin`select 1`;
  } catch (err) {
    await admin.end({ timeout: 1 }).catch(() => {});
    throw new StepError(
      `Cannot reach PostgreSQL at ${redact(ADMIN_URL)} (${err?.code ?? ''} ${err?.message ?? err}).\n` +
        `  Start PostgreSQL (e.g. pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start),\n` +
        `  or set TEST_DATABASE_URL=postgres://user@host:port/db to a database the tests may use,\n` +
        `  or set TEST_POSTGRES=off to run the integration tests against PGlite only.`,
    );
  }
  try {
    await admin.unsafe(`CREATE DATABASE "${dbName}"`);
  } catch (err) {
    await admin.end({ timeout: 1 }).catch(() => {});
    throw new StepError(`Could not create database ${dbName} on ${redact(ADMIN_URL)}: ${err?.message ?? err}`);
  }
  await admin.end({ timeout: 1 }).catch(() => {});
  console.log(`Created PostgreSQL database ${dbName} for this run (dropped at the end of the step).`);

  cleanups.push(async () => {
    const sql = postgres(ADMIN_URL, { max: 1, connect_timeout: 5, idle_timeout: 1, onnotice: () => {} });
    try {
      try {
        // PostgreSQL 13+: terminates connections a test left open.
        await sql.unsafe(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      } catch {
        await sql.unsafe(`DROP DATABASE IF EXISTS "${dbName}"`);
      }
      console.log(`Dropped PostgreSQL database ${dbName}.`);
    } catch (err) {
      console.error(yellow(`Could not drop database ${dbName}: ${err?.message ?? err} (drop it by hand).`));
    } finally {
      await sql.end({ timeout: 2 }).catch(() => {});
    }
  });
  return withDatabase(ADMIN_URL, dbName);
}

// ---------------------------------------------------------------- e2e housekeeping
/** Keeps the newest few per-run folders under .data/e2e (each e2e run, and each shard, makes fresh ones). */
function pruneOldE2eRuns(keep = 3) {
  const dir = path.join(ROOT, '.data', 'e2e');
  let names;
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const byRun = new Map();
  for (const name of names) {
    const m = /-(\d+)$/.exec(name);
    if (!m) continue;
    const list = byRun.get(m[1]) ?? [];
    list.push(name);
    byRun.set(m[1], list);
  }
  const runs = [...byRun.keys()].sort((a, b) => Number(b) - Number(a));
  for (const runId of runs.slice(keep)) {
    for (const name of byRun.get(runId)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- e2e shards
// Two or more cores: lint and the type check, and the e2e shards, run side by side.
const MULTI_CORE = os.availableParallelism() >= 2;

function e2eShardCount() {
  const given = process.env.E2E_SHARDS?.trim();
  if (given) {
    const n = Number(given);
    if (!Number.isInteger(n) || n < 1) throw new StepError(`E2E_SHARDS must be a positive integer, not "${given}"`);
    return n;
  }
  return MULTI_CORE ? 2 : 1;
}

/**
 * Runs the journeys as `count` Playwright runs side by side (scripts/lib/e2e-shards.mjs): each starts its
 * own server on its own port with its own embedded database, outbox and SMTP sink, and writes its
 * failure artefacts to test-results/shard-<n>. Every shard runs to its end; then the journeys of
 * SOLO_SPECS run alone (test-results/alone), unless the run was interrupted. The step fails if any did.
 */
async function runE2eShards(count) {
  const { shared, solo } = splitSolo(listSpecFiles(path.join(ROOT, 'e2e')));
  const shards = planShards(shared, count);
  const port = Number(process.env.E2E_PORT || 3100);
  const smtpPort = Number(process.env.E2E_SMTP_PORT || 2526);
  const runId = Date.now();
  const runOne = async (label, files, i, outputDir) => {
    const env = {
      ...baseEnv,
      E2E_PORT: String(port + i),
      E2E_SMTP_PORT: String(smtpPort + i),
      E2E_RUN_ID: String(runId + i),
      E2E_SPEC_FILES: files.join(','),
      E2E_OUTPUT_DIR: path.join('test-results', outputDir),
    };
    const t0 = Date.now();
    const r = await run(process.execPath, [BIN.playwright, 'test'], { env, cwd: ROOT, prefix: `[${label}] ` });
    console.log(`[${label}] ${r.exitCode === 0 ? 'passed' : `failed (exit ${r.exitCode})`} in ${formatDuration(Date.now() - t0)}`);
    return { label, ...r };
  };
  const results = await Promise.all(
    shards.map(async (shard, i) => {
      const label = `e2e ${i + 1}/${shards.length}`;
      console.log(`[${label}] ${shard.files.length} files, about ${shard.seconds} s alone: ${shard.files.join(' ')}`);
      return runOne(label, shard.files, i, `shard-${i + 1}`);
    }),
  );
  // Then the journeys that measure the browser's main thread, with nothing else on the cores (SOLO_SPECS).
  if (solo.length && !interrupted) {
    console.log(`[e2e alone] ${solo.join(' ')}: measures the page's main thread, so it runs with nothing beside it`);
    results.push(await runOne('e2e alone', solo, shards.length, 'alone'));
  }
  const failedRuns = results.filter((r) => r.exitCode !== 0);
  if (failedRuns.length) throw new StepError(`playwright failed in ${failedRuns.map((r) => `${r.label} (exit ${r.exitCode})`).join(', ')}`);
}

// ---------------------------------------------------------------- steps
const STEP_DEFS = {
  lint: {
    title: 'Lint (eslint .)',
    run: (prefix) => expectSuccess('eslint', node(BIN.eslint, ['.'], baseEnv, prefix)),
  },
  typecheck: {
    title: 'Type check (tsc --noEmit)',
    run: async (prefix) => {
      // On a fresh clone next-env.d.ts and the route types do not exist until Next generates them.
      if (fs.existsSync(path.join(ROOT, 'app')) || fs.existsSync(path.join(ROOT, 'pages'))) {
        console.log(`${prefix ?? ''}next typegen (route types, next-env.d.ts)…`);
        await expectSuccess('next typegen', node(BIN.next, ['typegen'], baseEnv, prefix));
      }
      await expectSuccess('tsc', node(BIN.tsc, ['--noEmit'], baseEnv, prefix));
    },
  },
  unit: {
    title: 'Unit and integration tests (vitest run; PGlite + PostgreSQL)',
    run: async () => {
      const dbUrl = await preparePostgres();
      if (interrupted) throw new StepError('interrupted');
      const env = { ...baseEnv };
      if (dbUrl) cleanups.push(() => dropWorkerDatabases(dbUrl));
      if (dbUrl) env.TEST_DATABASE_URL = dbUrl;
      else delete env.TEST_DATABASE_URL;
      try {
        const extra = passTo[0] === 'unit' ? passThrough : [];
        await expectSuccess('vitest', node(BIN.vitest, ['run', ...extra], env));
      } finally {
        await runCleanups();
      }
    },
  },
  build: {
    title: 'Production build (next build)',
    run: () => {
      copyFaceAssets();
      return expectSuccess('next build', node(BIN.next, ['build']));
    },
  },
  e2e: {
    title: 'End-to-end journeys (playwright test)',
    run: async () => {
      const extra = passTo[0] === 'e2e' ? passThrough : [];
      const shardCount = extra.length ? 1 : e2eShardCount();
      pruneOldE2eRuns(3 * (shardCount + 1)); // each run: its shards and the journeys run alone
      if (shardCount === 1) {
        await expectSuccess('playwright', node(BIN.playwright, ['test', ...extra]));
        return;
      }
      await runE2eShards(shardCount);
    },
  },
};

// ---------------------------------------------------------------- main
const results = [];
let failed = false;
const suiteStart = Date.now();

// Lint and the type check are single-threaded and read only the sources: on two or more cores they run
// side by side (each line prefixed with its step), and each still gets its own result below.
const SIDE_BY_SIDE = new Set(['lint', 'typecheck']);
const groups = [];
for (const name of steps) {
  const last = groups.at(-1);
  if (last && SIDE_BY_SIDE.has(name) && SIDE_BY_SIDE.has(last[0]) && MULTI_CORE) last.push(name);
  else groups.push([name]);
}

async function runStep(name, prefix) {
  const t0 = Date.now();
  try {
    await STEP_DEFS[name].run(prefix);
    if (interrupted) throw new StepError('interrupted');
    results.push({ name, status: 'passed', ms: Date.now() - t0 });
  } catch (err) {
    failed = true;
    const message = err instanceof StepError ? err.message : `${err?.stack ?? err}`;
    console.error(`\n${red(`✗ ${name} failed:`)} ${message}`);
    results.push({ name, status: 'failed', ms: Date.now() - t0, message });
  }
}

let stepNumber = 0;
for (const group of groups) {
  if (failed || interrupted) {
    for (const name of group) results.push({ name, status: 'not run', ms: 0 });
    continue;
  }
  const first = stepNumber + 1;
  stepNumber += group.length;
  if (group.length === 1) {
    header(first, steps.length, STEP_DEFS[group[0]].title);
    await runStep(group[0]);
  } else {
    header(`${first}–${stepNumber}`, steps.length, `${group.map((name) => STEP_DEFS[name].title).join(' + ')}, side by side`);
    await Promise.all(group.map((name) => runStep(name, `[${name}] `)));
  }
}
await runCleanups();
// Steps run side by side finish in any order: report them in the order of the run.
results.sort((a, b) => steps.indexOf(a.name) - steps.indexOf(b.name));

const passedCount = results.filter((r) => r.status === 'passed').length;
const failedCount = results.filter((r) => r.status === 'failed').length;

console.log(`\n${bold('Summary')} (${formatDuration(Date.now() - suiteStart)} in all)`);
for (const r of results) {
  const mark = r.status === 'passed' ? green('✓ passed ') : r.status === 'failed' ? red('✗ failed ') : '- not run';
  const extra = r.status === 'failed' && r.message ? `  — ${r.message.split('\n')[0]}` : '';
  console.log(`  ${mark}  ${r.name.padEnd(10)} ${r.status === 'not run' ? '' : formatDuration(r.ms).padStart(9)}${extra}`);
}
for (const w of warnings) console.log(yellow(`  !! ${w}`));
if (skipE2e) console.log(yellow('  (e2e skipped by --skip-e2e)'));
console.log(`${passedCount} passed, ${failedCount} failed`);

process.exit(failed ? 1 : interrupted ? 130 : 0);
