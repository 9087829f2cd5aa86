// The issuing authority's key ring for identity QR codes. Each key has a short id (the kid) that travels
// in the code, an SM2 key pair that signs it and an SM4 key that hides its contents. One key is active
// for issuing; the others still verify, so a rotation never breaks the codes already on screens.
//
// Production: IDENTITY_QR_KEYS = {"active":"k2","keys":[{"id":"k1",...},{"id":"k2",...}]}, the shared
// key-ring format (lib/crypto/key-ring.ts; rings written with "kid" for "id" are still read).
// Without it (development, a fresh clone): .data/identity-keys.json, created on first use (0600).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { keyRingSchema, loadKeyRing, parseKeyRing as parseSharedKeyRing, rotateKeyRing as rotateSharedKeyRing } from './key-ring';
import { deriveSm2PublicKey, generateSm2KeyPair, isValidSm2PublicKey } from './sm2';

export type AuthorityKey = {
  id: string; // the kid: short, e.g. 'k1', it is written into every code
  privateKeyHex: string; // SM2, 32 bytes
  publicKeyHex: string; // SM2, uncompressed: '04' + x + y
  sm4KeyHex: string; // 16 bytes
};

export type KeyRing = { active: string; keys: AuthorityKey[] };

export const KEY_RING_ENV = 'IDENTITY_QR_KEYS';
export const DEV_KEY_RING_FILE = '.data/identity-keys.json';
export const MAX_KID_LENGTH = 8;

const hexOf = (bytes: number) =>
  z
    .string()
    .regex(new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`), `must be ${bytes} bytes of hex`)
    .transform((s) => s.toLowerCase());

// The kid travels in every code (one length byte, then the id): short, and the same value as before the
// shared format, so codes already issued still verify.
const kidSchema = z
  .string()
  .regex(new RegExp(`^[A-Za-z0-9_-]{1,${MAX_KID_LENGTH}}$`), `must be 1–${MAX_KID_LENGTH} letters, digits, _ or - (the kid written into every code)`);

const authorityKeySchema = z
  .object({
    id: kidSchema,
    privateKeyHex: hexOf(32),
    publicKeyHex: z
      .string()
      .regex(/^04[0-9a-fA-F]{128}$/, "must be an uncompressed SM2 public key ('04' + 128 hex digits)")
      .transform((s) => s.toLowerCase()),
    sm4KeyHex: hexOf(16),
  })
  .superRefine((key, ctx) => {
    if (!isValidSm2PublicKey(key.publicKeyHex)) {
      ctx.addIssue({ code: 'custom', path: ['publicKeyHex'], message: 'is not a point on the SM2 curve' });
      return;
    }
    let derived: string | undefined;
    try {
      derived = deriveSm2PublicKey(key.privateKeyHex);
    } catch {
      ctx.addIssue({ code: 'custom', path: ['privateKeyHex'], message: 'is not a valid SM2 private key' });
      return;
    }
    if (derived !== key.publicKeyHex) {
      ctx.addIssue({ code: 'custom', path: ['publicKeyHex'], message: 'does not belong to privateKeyHex' });
    }
  });

const authorityRingSchema = keyRingSchema(authorityKeySchema);
const LABEL = 'identity QR';

/**
 * Validates a key ring given as JSON text (the env value) or as an already parsed value. Checks that
 * every public key belongs to its private key. Throws an Error naming the bad fields, never key material.
 */
export function parseKeyRing(json: unknown, source: string = KEY_RING_ENV): KeyRing {
  return parseSharedKeyRing(authorityRingSchema, json, { source, label: LABEL });
}

export function createAuthorityKey(kid: string): AuthorityKey {
  if (!kidSchema.safeParse(kid).success) throw new Error(`Invalid kid "${kid}"`);
  const { privateKeyHex, publicKeyHex } = generateSm2KeyPair();
  return { id: kid, privateKeyHex, publicKeyHex, sm4KeyHex: randomBytes(16).toString('hex') };
}

export function createKeyRing(kid = 'k1'): KeyRing {
  return { active: kid, keys: [createAuthorityKey(kid)] };
}

export function getActiveKey(ring: KeyRing): AuthorityKey {
  const key = ring.keys.find((k) => k.id === ring.active);
  if (!key) throw new Error(`Identity QR key ring has no key "${ring.active}"`);
  return key;
}

/** A new ring with a fresh key ('k' + next number) made active; the old keys stay for verifying. */
export function rotateKeyRing(ring: KeyRing): KeyRing {
  return rotateSharedKeyRing(ring, 'k', createAuthorityKey);
}

/** Reads the development key ring, creating it on first use (0600; concurrent starts get the one ring that won). */
export async function loadOrCreateDevKeyRing(filePath: string): Promise<KeyRing> {
  return loadKeyRing({ name: filePath, label: LABEL, envValue: undefined, file: filePath, schema: authorityRingSchema, generate: () => createKeyRing() }).ring;
}

/** IDENTITY_QR_KEYS when set (required for a real deployment), else the development ring file. */
export async function loadAuthorityKeyRing(
  /** IDENTITY_QR_KEYS as lib/env.ts read it. */
  env: { IDENTITY_QR_KEYS?: string },
  devFile: string = path.resolve(DEV_KEY_RING_FILE),
): Promise<{ ring: KeyRing; source: 'environment' | 'file' }> {
  return loadKeyRing({ name: KEY_RING_ENV, label: LABEL, envValue: env[KEY_RING_ENV], file: devFile, schema: authorityRingSchema, generate: () => createKeyRing() });
}
