import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { checkPasswordPolicy, type PasswordProblem } from './password-policy';

// scrypt (memory-hard, in Node's core): ~50 ms per hash here, slow enough against guessing.
const N = 16384;
const r = 8;
const p = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: n, r: rr, p: pp, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, r, p);
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !rr || !pp || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  // A stored value with unusable parameters is a mismatch, not a crash of the sign-in.
  const key = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(rr), Number(pp)).catch(() => null);
  return key !== null && key.length === expected.length && timingSafeEqual(key, expected);
}

/** Used when the username is unknown, so a miss takes as long as a wrong password. */
export const DUMMY_PASSWORD_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Hashes a password someone is setting, after the policy (lib/auth/password-policy.ts) accepts it. */
export async function hashNewPassword(password: string, username: string): Promise<{ ok: true; hash: string } | { ok: false; problems: PasswordProblem[] }> {
  const problems = checkPasswordPolicy(password, username);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, hash: await hashPassword(password) };
}
