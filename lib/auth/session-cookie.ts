import 'server-only';
import { createDecipheriv, hkdfSync } from 'node:crypto';
import { cookies } from 'next/headers';
import { getEnv } from '@/lib/env';
import { sessionIdentitySchema, type SessionIdentity } from './actor';

// The server's own read of the session cookie that next-auth writes (issue 16). next-auth's
// getServerSession runs its whole session route for this: it derives the key with HKDF, decrypts, then
// re-encrypts a cookie a page cannot set and makes a CSRF token — about 0.3 ms of CPU a page. Here the
// key is derived once per secret and the token is only decrypted, with node:crypto's AES-256-GCM (jose's
// WebCrypto decrypt cost another 0.15 ms a page: an async job per call). Signing in and out stays next-auth's
// (/api/auth); lib/auth/session-cookie.test.ts checks this reads exactly the tokens next-auth's own
// `encode` writes, and refuses any other.

/** Served over https (NEXTAUTH_URL): next-auth's cookies carry the __Secure- prefix. One rule for both (authOptions.useSecureCookies). */
export function usesSecureCookies(nextAuthUrl: string | undefined = getEnv().NEXTAUTH_URL): boolean {
  return nextAuthUrl?.startsWith('https://') ?? false;
}

export function sessionCookieName(secure: boolean = usesSecureCookies()): string {
  return `${secure ? '__Secure-' : ''}next-auth.session-token`;
}

/**
 * The session token the browser sent, or undefined. next-auth splits a token over 4 KB into
 * `<name>.0`, `<name>.1`, …; ours hold only an identity and fit in one, but a split one is read whole.
 */
export async function readSessionToken(): Promise<string | undefined> {
  const jar = await cookies();
  const name = sessionCookieName();
  const whole = jar.get(name)?.value;
  if (whole) return whole;
  const chunk = new RegExp(`^${name.replace(/[.]/g, '\\.')}\\.(\\d+)$`);
  const chunks = jar
    .getAll()
    .flatMap((c) => {
      const index = chunk.exec(c.name)?.[1];
      return index === undefined ? [] : [{ index: Number(index), value: c.value }];
    })
    .sort((a, b) => a.index - b.index);
  return chunks.length ? chunks.map((c) => c.value).join('') : undefined;
}

// next-auth 4's key: HKDF-SHA256 of the secret, empty salt, this info, 32 bytes (next-auth/jwt getDerivedEncryptionKey).
let derived: { secret: string; key: Uint8Array } | undefined;
function keyFor(secret: string): Uint8Array {
  if (derived?.secret !== secret) derived = { secret, key: new Uint8Array(hkdfSync('sha256', secret, '', 'NextAuth.js Generated Encryption Key', 32)) };
  return derived.key;
}

// The token's five parts: protected header, encrypted key (none for `dir`), IV, ciphertext, tag.
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const EXPECTED_HEADER = { alg: 'dir', enc: 'A256GCM' } as const;
const CLOCK_TOLERANCE_S = 15;

/** The JSON payload of a compact JWE next-auth wrote (`dir`, A256GCM), or null if anything is off. */
function decryptToken(token: string, key: Uint8Array): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 5 || !parts.every((p) => BASE64URL.test(p))) return null;
  const [protectedHeader, encryptedKey, ivPart, ciphertextPart, tagPart] = parts as [string, string, string, string, string];
  const header: unknown = JSON.parse(Buffer.from(protectedHeader, 'base64url').toString('utf8'));
  // Exactly next-auth's header: any other algorithm, a compression (`zip`) or a critical extension is refused.
  if (typeof header !== 'object' || header === null || Object.keys(header).length !== 2) return null;
  if ((header as Record<string, unknown>).alg !== EXPECTED_HEADER.alg || (header as Record<string, unknown>).enc !== EXPECTED_HEADER.enc) return null;
  if (encryptedKey !== '') return null;
  const iv = Buffer.from(ivPart, 'base64url');
  const tag = Buffer.from(tagPart, 'base64url');
  // A shorter tag would be accepted by GCM and is easier to forge: only the full 16 bytes are.
  if (iv.length !== 12 || tag.length !== 16) return null;
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  decipher.setAAD(Buffer.from(protectedHeader, 'ascii'));
  decipher.setAuthTag(tag);
  const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertextPart, 'base64url')), decipher.final()]);
  const payload: unknown = JSON.parse(plaintext.toString('utf8'));
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
}

/**
 * The identity in a session token, or null: no token, not encrypted with this secret, altered, past its
 * expiry or not yet valid (with next-auth's 15 s of clock tolerance, as jose checks them), or not naming
 * an identity. Whether the session itself still lives is loadActor's question (lib/auth/actor.ts).
 */
export async function decodeSessionIdentity(token: string | undefined, secret: string, now: Date = new Date()): Promise<SessionIdentity | null> {
  if (!token) return null;
  try {
    const payload = decryptToken(token, keyFor(secret));
    if (!payload) return null;
    const nowS = Math.floor(now.getTime() / 1000);
    // next-auth always writes `exp`: a token without one is not its own.
    if (typeof payload.exp !== 'number' || payload.exp <= nowS - CLOCK_TOLERANCE_S) return null;
    if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > nowS + CLOCK_TOLERANCE_S)) return null;
    if (payload.iat !== undefined && typeof payload.iat !== 'number') return null;
    const identity = sessionIdentitySchema.safeParse(payload.identity);
    return identity.success ? identity.data : null;
  } catch {
    return null;
  }
}
