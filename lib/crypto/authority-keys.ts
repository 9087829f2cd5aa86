// The issuing authority's key ring for identity QR codes. Each key has a short id (kid) that travels in
// the code, an SM2 key pair that signs it and an SM4 key that hides its contents. One key is active
// for issuing; the others still verify, so a rotation never breaks the codes already on screens.
//
// Production: IDENTITY_QR_KEYS = {"active":"k2","keys":[{"kid":"k1",...},{"kid":"k2",...}]}.
// Without it (development, a fresh clone): .data/identity-keys.json, created on first use (0600).
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { deriveSm2PublicKey, generateSm2KeyPair, isValidSm2PublicKey } from './sm2';

export type AuthorityKey = {
  kid: string; // short, e.g. 'k1': it is written into every code
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

const kidSchema = z
  .string()
  .regex(new RegExp(`^[A-Za-z0-9_-]{1,${MAX_KID_LENGTH}}$`), `must be 1–${MAX_KID_LENGTH} letters, digits, _ or -`);

const authorityKeySchema = z
  .object({
    kid: kidSchema,
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

const keyRingSchema = z
  .object({ active: kidSchema, keys: z.array(authorityKeySchema).min(1) })
  .superRefine((ring, ctx) => {
    const seen = new Set<string>();
    ring.keys.forEach((key, index) => {
      if (seen.has(key.kid)) ctx.addIssue({ code: 'custom', path: ['keys', index, 'kid'], message: `duplicate kid "${key.kid}"` });
      seen.add(key.kid);
    });
    if (!seen.has(ring.active)) ctx.addIssue({ code: 'custom', path: ['active'], message: `no key has kid "${ring.active}"` });
  });

/**
 * Validates a key ring given as JSON text (the env value) or as an already parsed value. Checks that
 * every public key belongs to its private key. Throws an Error naming the bad fields, never key material.
 */
export function parseKeyRing(json: unknown): KeyRing {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch {
      throw new Error('Invalid identity QR key ring: not valid JSON');
    }
  }
  const parsed = keyRingSchema.safeParse(value);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid identity QR key ring:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function createAuthorityKey(kid: string): AuthorityKey {
  if (!kidSchema.safeParse(kid).success) throw new Error(`Invalid kid "${kid}"`);
  const { privateKeyHex, publicKeyHex } = generateSm2KeyPair();
  return { kid, privateKeyHex, publicKeyHex, sm4KeyHex: randomBytes(16).toString('hex') };
}

export function createKeyRing(kid = 'k1'): KeyRing {
  return { active: kid, keys: [createAuthorityKey(kid)] };
}

export function getActiveKey(ring: KeyRing): AuthorityKey {
  const key = ring.keys.find((k) => k.kid === ring.active);
  if (!key) throw new Error(`Identity QR key ring has no key "${ring.active}"`);
  return key;
}

/** A new ring with a fresh key ('k' + next number) made active; the old keys stay for verifying. */
export function rotateKeyRing(ring: KeyRing): KeyRing {
  const numbers = ring.keys.map((k) => /^k(\d+)$/.exec(k.kid)?.[1]).map((n) => (n === undefined ? 0 : Number(n)));
  let next = Math.max(0, ...numbers) + 1;
  while (ring.keys.some((k) => k.kid === `k${next}`)) next++;
  const key = createAuthorityKey(`k${next}`);
  return { active: key.kid, keys: [...ring.keys, key] };
}

function isErrnoError(err: unknown, code: string): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === code;
}

async function readKeyRingFile(filePath: string): Promise<KeyRing | null> {
  let text: string;
  try {
    text = await fs.readFile(filePath, 'utf8');
  } catch (err) {
    if (isErrnoError(err, 'ENOENT')) return null;
    throw err;
  }
  try {
    return parseKeyRing(text);
  } catch (err) {
    // Never overwrite a damaged ring: codes signed with it would silently stop verifying.
    throw new Error(`${filePath}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Reads the development key ring, creating it on first use. The new file is written in full to a
 * private temporary file and published with link(), which is atomic and fails if the file already
 * exists: concurrent starts all end up with the one ring that won, never a half-written file.
 */
export async function loadOrCreateDevKeyRing(filePath: string): Promise<KeyRing> {
  const existing = await readKeyRingFile(filePath);
  if (existing) return existing;

  await fs.mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
  const ring = createKeyRing();
  const temporary = `${filePath}.${randomUUID()}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(ring, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await fs.link(temporary, filePath);
    return ring;
  } catch (err) {
    if (!isErrnoError(err, 'EEXIST')) throw err;
    const winner = await readKeyRingFile(filePath);
    if (!winner) throw new Error(`${filePath} vanished while it was being created`);
    return winner;
  } finally {
    await fs.rm(temporary, { force: true });
  }
}

/** IDENTITY_QR_KEYS when set (required for a real deployment), else the development ring file. */
export async function loadAuthorityKeyRing(
  /** IDENTITY_QR_KEYS as lib/env.ts read it. */
  env: { IDENTITY_QR_KEYS?: string },
  devFile: string = path.resolve(DEV_KEY_RING_FILE),
): Promise<{ ring: KeyRing; source: 'environment' | 'file' }> {
  const fromEnv = env[KEY_RING_ENV]?.trim();
  if (fromEnv) return { ring: parseKeyRing(fromEnv), source: 'environment' };
  return { ring: await loadOrCreateDevKeyRing(devFile), source: 'file' };
}
