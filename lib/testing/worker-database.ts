// vitest setup file (runs in every worker before each test file): gives each parallel worker its own
// PostgreSQL database, so test files can run side by side (issue 17 item 5).
//
// scripts/test.mjs (or the caller) names one database in TEST_DATABASE_URL. Worker n (VITEST_POOL_ID,
// 1…maxWorkers; at most one file at a time holds an id) works in `<that database>_w<n>` instead: this
// file points TEST_DATABASE_URL at it before the test file loads, so TEST_TARGETS, openCleanDatabase
// and every test that opens the target directly use the worker's own database. The database is created
// here when missing (empty, like the one scripts/test.mjs makes); openCleanDatabase/openSeededDatabase
// re-create it from the run's snapshot templates. The global teardown (lib/testing/global-setup.ts)
// drops every `<database>_w<n>` of the run, and scripts/test.mjs sweeps them again when the step ends.
// PGlite needs nothing here: each file's PGlite is its own in-memory copy of the snapshot.
import { ensureDatabase, workerDatabaseUrl } from './postgres-admin';

const SHARED = 'TEST_DATABASE_URL_SHARED';

const shared = process.env[SHARED] ?? process.env.TEST_DATABASE_URL;
if (shared) {
  // Kept for the next file this worker process runs (process.env outlives the file).
  process.env[SHARED] = shared;
  const url = workerDatabaseUrl(shared, process.env.VITEST_POOL_ID);
  process.env.TEST_DATABASE_URL = url;
  await ensureDatabase(url);
}
