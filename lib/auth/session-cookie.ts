import 'server-only';
import { hkdfSync } from 'node:crypto';
import { jwtDecrypt } from 'jose';
import { cookies } from 'next/headers';
import { getEnv } from '@/lib/env';
import { sessionIdentitySchema, type SessionIdentity } from './actor';

// The server's own read of the session cookie that next-auth writes (issue 16). next-auth's
// getServerSession runs its whole session route for this: it derives the key with HKDF, decrypts, then
// re-encrypts a cookie a page cannot set and makes a CSRF token — about 0.3 ms of CPU a page. Here the
// key is derived once per secret and the token is only decrypted. Signing in and out stays next-auth's
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

/**
 * The identity in a session token, or null: no token, not encrypted with this secret, altered, past its
 * expiry (with next-auth's 15 s of clock tolerance), or not naming an identity. Whether the session
 * itself still lives is loadActor's question (lib/auth/actor.ts).
 */
export async function decodeSessionIdentity(token: string | undefined, secret: string): Promise<SessionIdentity | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtDecrypt(token, keyFor(secret), {
      clockTolerance: 15,
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
    });
    const identity = sessionIdentitySchema.safeParse(payload.identity);
    return identity.success ? identity.data : null;
  } catch {
    return null;
  }
}
