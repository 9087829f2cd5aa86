import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Files run in parallel (issue 17 item 5): each worker has its own PostgreSQL database
// (lib/testing/worker-database.ts) and its own in-memory PGlite copies of the run's snapshots.
// VITEST_MAX_WORKERS overrides the worker count (e.g. 1 to run the files one after another).
const maxWorkers = Number(process.env.VITEST_MAX_WORKERS) || 2;

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname), 'server-only': path.resolve(__dirname, 'lib/testing/server-only-stub.ts') } },
  test: {
    include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'app/**/*.test.ts'],
    environment: 'node',
    // Builds the seeded database snapshots each file starts from (lib/testing/test-snapshots.ts).
    globalSetup: ['lib/testing/global-setup.ts'],
    // Points TEST_DATABASE_URL at the worker's own database before each file loads.
    setupFiles: ['lib/testing/worker-database.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers,
  },
});
