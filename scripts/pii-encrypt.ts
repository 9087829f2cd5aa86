// npm run pii:encrypt — brings every stored ID number and phone number under the active PII key:
// encrypts values still in clear (a database from before encryption at rest), re-encrypts values
// under older keys, fills missing blind indexes. Batched and idempotent; safe to re-run.
//   npm run pii:encrypt                  run the job with the configured ring (PII_KEYS, else the dev file)
//   npm run pii:encrypt -- --rotate      dev ring only: add a new key, make it active, then run the job
//   npm run pii:encrypt -- --drop-old    dev ring only: after a clean run, remove the keys nothing uses
// Production rotation (PII_KEYS): add the new key to PII_KEYS with "active" set to it, roll out, run this,
// check it reports 0 stale values, then remove the old key from PII_KEYS (docs/deployment.md).
// For PGlite stop the app first (an embedded database folder takes one process at a time).
import path from 'node:path';
import { migrateDatabase, openDatabase } from '../db/connect';
import { getEnv } from '../lib/env';
import { addActivePiiKey, devPiiKeyRingFile, dropInactivePiiKeys, getPiiKeyRing, setPiiKeyRing, writeDevPiiKeyRing } from '../lib/privacy/pii-keys';
import { countStalePii, encryptPiiAtRest } from '../lib/privacy/rotate-pii';

async function main(): Promise<number> {
  const env = getEnv();
  const args = new Set(process.argv.slice(2));
  const devFile = devPiiKeyRingFile(env);
  if ((args.has('--rotate') || args.has('--drop-old')) && env.PII_KEYS) {
    console.error('PII_KEYS is set: rotate there (add a key, set "active" to it), then run npm run pii:encrypt without flags.');
    return 2;
  }
  let ring = getPiiKeyRing();
  if (args.has('--rotate')) {
    ring = addActivePiiKey(ring);
    writeDevPiiKeyRing(devFile, ring);
    setPiiKeyRing(ring);
    console.log(`New active PII key ${ring.active} in ${path.relative(process.cwd(), devFile)}.`);
  }
  const connection = env.DATABASE_URL
    ? await openDatabase({ kind: 'postgresql', url: env.DATABASE_URL })
    : await openDatabase({ kind: 'pglite', dataDir: path.resolve(env.PGLITE_DATA_DIR) });
  try {
    // A database from before encryption gets the index columns first (migration 0014).
    await migrateDatabase(connection);
    const started = Date.now();
    const report = await encryptPiiAtRest(connection.db, ring);
    for (const r of report) console.log(`  ${r.table.padEnd(20)} ${String(r.scanned).padStart(8)} rows read, ${r.updated} updated`);
    const stale = Object.values(await countStalePii(connection.db, ring)).reduce((a, b) => a + b, 0);
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s under key ${ring.active}; ${stale} values still stale.`);
    if (args.has('--drop-old')) {
      if (stale > 0) {
        console.error('Not dropping old keys: some values are still stale (run again).');
        return 1;
      }
      writeDevPiiKeyRing(devFile, dropInactivePiiKeys(ring));
      console.log(`Old keys removed from ${path.relative(process.cwd(), devFile)}; only ${ring.active} remains.`);
    }
    return stale > 0 ? 1 : 0;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
