import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { checkPasswordPolicy, type PasswordProblem } from './password-policy';

// scrypt (memory-hard, in Node's core) at OWASP's minimum, N=2^17, r=8, p=1: 128 MiB and a few
// hundred ms per hash. Older hashes (N=2^14) still verify and are rehashed at the next right password.
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
const { N, r, p } = SCRYPT_PARAMS;
const KEY_LENGTH = 32;
// scrypt needs 128·N·r bytes; Node refuses anything over maxmem (32 MiB by default).
const MAX_MEMORY = 256 * 1024 * 1024;

function derive(password: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: n, r: rr, p: pp, maxmem: MAX_MEMORY }, (err, key) =>
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

/** True when a stored hash was made with other parameters than today's: rehash it at the next right password. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, rr, pp] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) !== N || Number(rr) !== r || Number(pp) !== p;
}

/** Used when the username is unknown, so a miss takes as long as a wrong password (same parameters). */
export const DUMMY_PASSWORD_HASH =
  `scrypt$${N}$${r}$${p}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;

/** Hashes a password someone is setting, after the policy (lib/auth/password-policy.ts) accepts it. */
export async function hashNewPassword(password: string, username: string): Promise<{ ok: true; hash: string } | { ok: false; problems: PasswordProblem[] }> {
  const problems = checkPasswordPolicy(password, username);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, hash: await hashPassword(password) };
}
