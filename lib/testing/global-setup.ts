// vitest global setup: builds the seeded database snapshots once per run (lib/testing/test-snapshots.ts)
// and hands their locations to every test file through `inject('testSnapshots')`. The build runs in a
// child process under tsx with the react-server condition, as `npm run db:seed` does, so the seed's
// modules (pdf-lib, fontkit, server-only) load as they do in the app.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import type { TestSnapshots } from './test-snapshots';

declare module 'vitest' {
  export interface ProvidedContext {
    testSnapshots: TestSnapshots | null;
  }
}

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..');
let built: TestSnapshots | null = null;

export async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  // Worker databases a killed run left behind (lib/testing/worker-database.ts) go first.
  const shared = process.env.TEST_DATABASE_URL;
  if (shared) await (await import('./postgres-admin')).dropWorkerDatabases(shared);
  const { stdout } = await run(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), '--conditions=react-server', path.join(ROOT, 'lib', 'testing', 'build-snapshots-cli.ts')], {
    cwd: ROOT,
    env: process.env,
    maxBuffer: 64 * 1024 * 1024,
    timeout: 10 * 60_000,
  });
  built = JSON.parse(stdout.trim().split('\n').pop()!) as TestSnapshots;
  console.log(`[test] database snapshots built in ${((Date.now() - started) / 1000).toFixed(1)} s (PGlite${built.postgresql ? ' and PostgreSQL' : ''})`);
  project.provide('testSnapshots', built);
}

export async function teardown(): Promise<void> {
  const shared = process.env.TEST_DATABASE_URL;
  if (shared) await (await import('./postgres-admin')).dropWorkerDatabases(shared);
  if (!built) return;
  const { removeTestSnapshots } = await import('./test-snapshots');
  await removeTestSnapshots(built);
}
