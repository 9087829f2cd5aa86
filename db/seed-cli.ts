// npm run db:seed -- [--residents N]
// Seeds the database named by DATABASE_URL (else the embedded PGlite in PGLITE_DATA_DIR) with the
// deterministic synthetic registry, staff and demo applications. Refuses a database that already
// has data, so it never mixes two seeds. 100,000 residents take about half a minute on PostgreSQL.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { getEnv } from '@/lib/env';
import { migrateDatabase, openDatabase } from './connect';
import { seedDemoData } from './seed';

async function main(): Promise<number> {
  const args = parseArgs({ options: { residents: { type: 'string', default: '260' }, 'public-base-url': { type: 'string' } } });
  const residents = z.coerce.number().int().min(10).max(2_000_000).safeParse(args.values.residents);
  if (!residents.success) {
    console.error('--residents must be a whole number between 10 and 2,000,000');
    return 2;
  }
  const env = getEnv();
  const connection = env.DATABASE_URL
    ? await openDatabase({ kind: 'postgresql', url: env.DATABASE_URL })
    : await openDatabase({ kind: 'pglite', dataDir: path.resolve(env.PGLITE_DATA_DIR) });
  try {
    await migrateDatabase(connection);
    const started = performance.now();
    const summary = await seedDemoData(connection.db, {
      residents: residents.data,
      publicBaseUrl: args.values['public-base-url'] ?? env.PUBLIC_BASE_URL,
      photosDir: env.DEMO_PHOTOS_DIR,
    });
    if (summary.skipped) {
      console.error('The database already has data; seed a fresh database instead (nothing was changed).');
      return 1;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Seeded ${connection.kind}: ${summary.residents} residents, ${summary.staff} staff, ${summary.applications} applications in ${seconds} s`);
    return 0;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
