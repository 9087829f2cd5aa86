// The keys that seal staff TOTP secrets at rest (AES-256-GCM), each with an id written beside the
// ciphertext, so a rotation (npm run keys:rotate -- --totp) can reseal every secret under a new key while
// the old ones still open until then. 'auth' is the key derived from the auth secret (what sealed every
// secret before key ids existed); the ring adds random keys from STAFF_TOTP_KEYS or the dev key file, in
// the shared key-ring format (lib/crypto/key-ring.ts): { active, keys: [{ id, key }] }, 32-byte base64 keys.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import path from 'node:path';
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/connect';
import { staffTotp } from '@/db/schema';
import { keyRingSchema, loadKeyRing, parseKeyRing, rotateKeyRing } from '@/lib/crypto/key-ring';

export const AUTH_DERIVED_KEY_ID = 'auth';
export const DEV_TOTP_KEYS_FILE = '.data/totp-keys.json';

export type TotpSealing = { activeKeyId: string; keys: ReadonlyMap<string, Buffer> };
/** The auth secret alone (the 'auth' key only), or a full ring. */
export type SealingInput = string | TotpSealing;

const TOTP_KEYS_LABEL = 'TOTP sealing';

// Ids travel in the sealed value ('v2.<id>.'), so they keep the pattern openTotpSecret reads.
const storedRingSchema = keyRingSchema(
  z.object({
    id: z.string().regex(/^[a-z0-9]{1,12}$/, 'must be 1–12 lower-case letters or digits'),
    key: z.base64().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64'),
  }),
);
export type StoredTotpKeyRing = z.infer<typeof storedRingSchema>;

function authDerivedKey(authSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', authSecret, 'eid-staff-totp', 'aes-256-gcm v1', 32));
}

/** The ring: the auth-derived key, plus the stored keys (whose active one then seals new secrets). */
export function totpSealingFrom(authSecret: string, stored?: StoredTotpKeyRing | null): TotpSealing {
  const keys = new Map<string, Buffer>([[AUTH_DERIVED_KEY_ID, authDerivedKey(authSecret)]]);
  if (!stored) return { activeKeyId: AUTH_DERIVED_KEY_ID, keys };
  // Checked again: a caller may hand in a ring it built itself (the rotation script, tests).
  const ring = parseKeyRing(storedRingSchema, stored, { source: 'the stored ring', label: TOTP_KEYS_LABEL });
  for (const entry of ring.keys) keys.set(entry.id, Buffer.from(entry.key, 'base64'));
  return { activeKeyId: ring.active, keys };
}

export function asSealing(input: SealingInput): TotpSealing {
  return typeof input === 'string' ? totpSealingFrom(input) : input;
}

export function parseStoredTotpKeyRing(json: string, source = 'STAFF_TOTP_KEYS'): StoredTotpKeyRing {
  return parseKeyRing(storedRingSchema, json, { source, label: TOTP_KEYS_LABEL });
}

/** The stored ring: STAFF_TOTP_KEYS (JSON) in production, else the dev file if there is one (never created here: without it the 'auth' key seals). */
export function readStoredTotpKeyRing(env: { STAFF_TOTP_KEYS?: string; STAFF_TOTP_KEYS_FILE?: string }): StoredTotpKeyRing | null {
  // Read on every call (a few hundred bytes): a rotation is seen without a restart.
  const loaded = loadKeyRing({
    name: 'STAFF_TOTP_KEYS',
    label: TOTP_KEYS_LABEL,
    envValue: env.STAFF_TOTP_KEYS,
    file: path.resolve(env.STAFF_TOTP_KEYS_FILE ?? DEV_TOTP_KEYS_FILE),
    schema: storedRingSchema,
  });
  return loaded?.ring ?? null;
}

/** A new random key, made active; the older keys stay so secrets sealed under them still open. */
export function rotateStoredTotpKeyRing(ring: StoredTotpKeyRing | null): StoredTotpKeyRing {
  return rotateKeyRing(ring, 't', (id) => ({ id, key: randomBytes(32).toString('base64') }));
}

export function sealTotpSecret(secret: string, sealing: SealingInput): { sealed: string; keyId: string } {
  const ring = asSealing(sealing);
  const key = ring.keys.get(ring.activeKeyId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The key id is authenticated too: a ciphertext moved under another id does not open.
  cipher.setAAD(Buffer.from(ring.activeKeyId));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return { sealed: `v2.${ring.activeKeyId}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`, keyId: ring.activeKeyId };
}

export function openTotpSecret(sealed: string, sealing: SealingInput): string {
  const ring = asSealing(sealing);
  let keyId: string;
  let body: string;
  let aad: Buffer | null = null;
  if (sealed.startsWith('v1.')) {
    // Before key ids: sealed under the auth-derived key, no associated data.
    keyId = AUTH_DERIVED_KEY_ID;
    body = sealed.slice(3);
  } else {
    const match = /^v2\.([a-z0-9]{1,12})\.(.+)$/.exec(sealed);
    if (!match) throw new Error('unknown TOTP secret format');
    keyId = match[1]!;
    body = match[2]!;
    aad = Buffer.from(keyId);
  }
  const key = ring.keys.get(keyId);
  if (!key) throw new Error(`TOTP sealing key ${keyId} is not in the ring`);
  const raw = Buffer.from(body, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** Reseals every secret not yet under the active key; returns how many moved. Each row is rewritten only if unchanged since read (an enrolment restarted meanwhile is already under the active key). */
export async function resealTotpSecrets(db: Executor, sealing: TotpSealing): Promise<{ resealed: number }> {
  const rows = await db.select({ staffUserId: staffTotp.staffUserId, secretSealed: staffTotp.secretSealed }).from(staffTotp).where(ne(staffTotp.sealingKeyId, sealing.activeKeyId));
  let resealed = 0;
  for (const row of rows) {
    const { sealed, keyId } = sealTotpSecret(openTotpSecret(row.secretSealed, sealing), sealing);
    await db.update(staffTotp).set({ secretSealed: sealed, sealingKeyId: keyId }).where(and(eq(staffTotp.staffUserId, row.staffUserId), eq(staffTotp.secretSealed, row.secretSealed)));
    resealed++;
  }
  return { resealed };
}
