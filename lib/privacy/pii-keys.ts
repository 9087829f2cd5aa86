// The key ring that encrypts ID numbers and phone numbers at rest (lib/privacy/field-encryption.ts).
// Where it comes from:
//   - PII_KEYS (JSON, validated in lib/env.ts): always wins; required in production on PostgreSQL.
//     The shared key-ring format (lib/crypto/key-ring.ts) plus the blind-index key:
//     { "active": "k1", "keys": [{ "id": "k1", "enc", "mac" }], "index" } (base64); the older
//     { "keys": { "k1": { "enc", "mac" } } } still reads.
//   - otherwise, on the embedded default or in development, a ring created once in PII_KEYS_FILE
//     (default: pii-keys.json beside the PGlite folder, i.e. .data/pii-keys.json; mode 0600) and reused, so `npm start` on a fresh clone needs no set-up.
// Losing the ring loses the data it encrypted: back the file (or the secret store) up with the database.
// Read synchronously: the drizzle column types encrypt and decrypt inside toDriver/fromDriver.
import path from 'node:path';
import { loadKeyRing, rotateKeyRing, writeKeyRingFile } from '../crypto/key-ring';
import { getEnv, type Env } from '../env';
import { generatePiiKey, generatePiiKeyRing, piiKeyRingSchema, type PiiKeyRing, type StoredPiiKeyRing } from './field-encryption';

const PII_KEYS_LABEL = 'personal-data';

const holder = globalThis as typeof globalThis & { __piiKeyRing?: PiiKeyRing };

/** The ring of this process (cached). Throws in production on PostgreSQL when PII_KEYS is not set. */
export function getPiiKeyRing(): PiiKeyRing {
  holder.__piiKeyRing ??= resolvePiiKeyRing(getEnv());
  return holder.__piiKeyRing;
}

/** For tests and the rotation job: use this ring from now on (undefined → read the environment again). */
export function setPiiKeyRing(ring: PiiKeyRing | undefined): void {
  holder.__piiKeyRing = ring;
}

/** PII_KEYS_FILE, else pii-keys.json beside the PGlite data folder. */
export function devPiiKeyRingFile(env: Pick<Env, 'PII_KEYS_FILE' | 'PGLITE_DATA_DIR'>): string {
  const file = env.PII_KEYS_FILE ?? path.join(path.dirname(env.PGLITE_DATA_DIR), 'pii-keys.json');
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}

export function resolvePiiKeyRing(env: Pick<Env, 'PII_KEYS' | 'PII_KEYS_FILE' | 'PGLITE_DATA_DIR' | 'NODE_ENV' | 'DATABASE_URL'>): PiiKeyRing {
  if (env.PII_KEYS) return env.PII_KEYS;
  // Unit and integration tests (vitest) get the fixed test ring instead of writing a file.
  if (env.NODE_ENV === 'test') return piiKeyRingSchema.parse(JSON.parse(TEST_PII_KEYS));
  if (env.NODE_ENV === 'production' && env.DATABASE_URL) {
    throw new Error('PII_KEYS is not set: personal data cannot be encrypted or read (see docs/deployment.md, "Personal data keys")');
  }
  return loadOrCreateDevPiiKeyRing(devPiiKeyRingFile(env));
}

/** Reads the development ring file, creating it (fresh random keys, mode 0600) when absent. */
export function loadOrCreateDevPiiKeyRing(file: string): PiiKeyRing {
  return loadKeyRing({ name: 'PII_KEYS', label: PII_KEYS_LABEL, envValue: undefined, file, schema: piiKeyRingSchema, generate: () => generatePiiKeyRing('k1') }).ring;
}

/** Fixed keys for the test runners (vitest, scripts/test.mjs, the e2e server). Never used elsewhere. */
export const TEST_PII_KEYS = JSON.stringify({
  active: 't1',
  keys: [{ id: 't1', enc: Buffer.alloc(16, 1).toString('base64'), mac: Buffer.alloc(32, 2).toString('base64') }],
  index: Buffer.alloc(32, 3).toString('base64'),
});

/** The ring with a fresh data key added and made active (older keys stay, to decrypt until re-encrypted). */
export function addActivePiiKey(ring: PiiKeyRing): PiiKeyRing {
  return piiKeyRingSchema.parse(rotateKeyRing(serialisePiiKeyRing(ring), 'k', generatePiiKey));
}

/** The ring without the keys no stored value uses any more (after the job moved everything to the active key). */
export function dropInactivePiiKeys(ring: PiiKeyRing): PiiKeyRing {
  const plain = serialisePiiKeyRing(ring);
  return piiKeyRingSchema.parse({ ...plain, keys: plain.keys.filter((key) => key.id === ring.active) });
}

/** The JSON form (base64 keys, the shared key-ring format), as PII_KEYS and the dev file hold it. */
export function serialisePiiKeyRing(ring: PiiKeyRing): StoredPiiKeyRing {
  return {
    active: ring.active,
    keys: Object.entries(ring.keys).map(([id, k]) => ({ id, enc: k.enc.toString('base64'), mac: k.mac.toString('base64') })),
    index: ring.index.toString('base64'),
  };
}

/** Replaces the dev ring file atomically (mode 0600). */
export function writeDevPiiKeyRing(file: string, ring: PiiKeyRing): void {
  writeKeyRingFile(file, serialisePiiKeyRing(ring));
}
