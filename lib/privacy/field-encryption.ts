// Personal data at rest (ID numbers, phone numbers): SM4-CBC with an HMAC-SM3 tag over the key id, IV and
// ciphertext (encrypt-then-MAC, so a tampered or truncated value is refused before decryption), and a keyed
// blind index (HMAC-SM3 of the normalised value) for exact lookups without decrypting every row.
// Data keys rotate: values carry their key id, the active key encrypts, old keys still decrypt, and
// `reencryptValue` moves a value to the active key. The blind-index key is separate and long-lived
// (rotating it means recomputing every index column in one job).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { keyRingSchema, type StoredKeyRing } from '@/lib/crypto/key-ring';
import { decryptSm4Cbc, encryptSm4Cbc, hmacSm3 } from '@/lib/crypto/sm3-sm4';

const FORMAT = 'p1';
const IV_BYTES = 16;
const TAG_BYTES = 32;

const base64Key = (bytes: number) =>
  z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === bytes, `must be ${bytes} bytes, base64`)
    .transform((v) => Buffer.from(v, 'base64'));

// Stored in the shared key-ring format (lib/crypto/key-ring.ts), plus the blind-index key at the top:
// { active, keys: [{ id, enc, mac }], index } (base64); the older { keys: { <id>: { enc, mac } } } still reads.
// In memory the data keys are a map by id: every encryption and decryption looks one up.
export const piiKeyRingSchema = keyRingSchema(
  z.object({ id: z.string().regex(/^[a-z0-9]{1,16}$/, 'must be 1–16 lower-case letters or digits'), enc: base64Key(16), mac: base64Key(32) }),
  { index: base64Key(32) },
).transform((ring) => ({
  active: ring.active,
  keys: Object.fromEntries(ring.keys.map(({ id, enc, mac }) => [id, { enc, mac }])) as Record<string, { enc: Buffer; mac: Buffer }>,
  index: ring.index,
}));

export type PiiKeyRing = z.infer<typeof piiKeyRingSchema>;

/** What a blind index is of: the same value under two kinds gets two unrelated indexes. */
export type PiiKind = 'id_number' | 'phone' | 'credential_number';

export class PiiDecryptionError extends Error {}

function tag(macKey: Uint8Array, keyId: string, iv: Uint8Array, ciphertext: Uint8Array): Buffer {
  return hmacSm3(macKey, `${FORMAT}.${keyId}.`, iv, ciphertext);
}

export function encryptValue(ring: PiiKeyRing, plaintext: string): string {
  const key = ring.keys[ring.active]!;
  const iv = randomBytes(IV_BYTES);
  const ciphertext = encryptSm4Cbc(key.enc, iv, Buffer.from(plaintext, 'utf8'), 'pkcs7');
  const mac = tag(key.mac, ring.active, iv, ciphertext);
  return `${FORMAT}.${ring.active}.${Buffer.concat([iv, ciphertext, mac]).toString('base64url')}`;
}

export function decryptValue(ring: PiiKeyRing, stored: string): string {
  const [format, keyId, body] = stored.split('.');
  if (format !== FORMAT || !keyId || !body) throw new PiiDecryptionError('not an encrypted value');
  const key = ring.keys[keyId];
  if (!key) throw new PiiDecryptionError(`unknown key ${keyId}`);
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.length < IV_BYTES + 16 + TAG_BYTES) throw new PiiDecryptionError('truncated value');
  const iv = bytes.subarray(0, IV_BYTES);
  const ciphertext = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES);
  const mac = bytes.subarray(bytes.length - TAG_BYTES);
  if (!timingSafeEqual(mac, tag(key.mac, keyId, iv, ciphertext))) throw new PiiDecryptionError('tag mismatch');
  return decryptSm4Cbc(key.enc, iv, ciphertext, 'pkcs7').toString('utf8');
}

/** The key id a stored value was encrypted with (the rotation job re-encrypts those not under the active key). */
export function keyIdOf(stored: string): string | undefined {
  const [format, keyId] = stored.split('.');
  return format === FORMAT ? keyId : undefined;
}

export function reencryptValue(ring: PiiKeyRing, stored: string): string {
  return keyIdOf(stored) === ring.active ? stored : encryptValue(ring, decryptValue(ring, stored));
}

/** Normalised before indexing, so the lookup finds what the citizen typed (x or X, spaces, +86). */
export function normalisePii(kind: PiiKind, value: string): string {
  const compact = value.replace(/\s+/g, '');
  if (kind === 'id_number' || kind === 'credential_number') return compact.toUpperCase();
  return compact.replace(/^\+?86(?=1\d{10}$)/, '');
}

export function blindIndex(ring: PiiKeyRing, kind: PiiKind, value: string): string {
  return hmacSm3(ring.index, `${kind}:`, normalisePii(kind, value)).toString('base64url');
}

/** The ring as PII_KEYS and the dev file hold it (base64 keys). */
export type StoredPiiKeyRing = StoredKeyRing<{ id: string; enc: string; mac: string }> & { index: string };

/** A fresh data key, base64 as the ring file holds it. */
export function generatePiiKey(id: string): { id: string; enc: string; mac: string } {
  return { id, enc: randomBytes(16).toString('base64'), mac: randomBytes(32).toString('base64') };
}

/** A fresh key ring (for the dev default and for `keys:rotate`-style tooling): never committed. */
export function generatePiiKeyRing(activeId = 'k1'): StoredPiiKeyRing {
  return { active: activeId, keys: [generatePiiKey(activeId)], index: randomBytes(32).toString('base64') };
}
