import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { EncryptJWT } from 'jose';
import { encode } from 'next-auth/jwt';
import { describe, expect, it, vi } from 'vitest';
import type { SessionIdentity } from './actor';

const jar = vi.hoisted(() => ({ cookies: [] as { name: string; value: string }[] }));
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => jar.cookies.find((c) => c.name === name), getAll: () => jar.cookies }),
}));
const { decodeSessionIdentity, readSessionToken, sessionCookieName, usesSecureCookies } = await import('./session-cookie');

const SECRET = 'session-cookie-test-secret-0123456789';
const CITIZEN: SessionIdentity = { kind: 'citizen', accountId: crypto.randomUUID(), sessionId: crypto.randomUUID() };
const STAFF: SessionIdentity = { kind: 'staff', staffId: crypto.randomUUID(), sessionId: crypto.randomUUID() };
/** A token exactly as next-auth writes it at sign-in (its own encode). */
const tokenOf = (token: Record<string, unknown>, options: { secret?: string; maxAge?: number } = {}) =>
  encode({ token, secret: options.secret ?? SECRET, maxAge: options.maxAge ?? 3600 });

describe('decodeSessionIdentity: the server reads the cookie next-auth wrote, and nothing else', () => {
  it('reads the identity of a citizen’s and a staff member’s token', async () => {
    expect(await decodeSessionIdentity(await tokenOf({ identity: CITIZEN, sub: CITIZEN.accountId }), SECRET)).toEqual(CITIZEN);
    expect(await decodeSessionIdentity(await tokenOf({ identity: STAFF, name: 'x' }), SECRET)).toEqual(STAFF);
  });

  it('refuses a token made with another secret, altered, or cut short', async () => {
    const token = await tokenOf({ identity: CITIZEN });
    expect(await decodeSessionIdentity(await tokenOf({ identity: CITIZEN }, { secret: 'another-secret-0123456789-abcdef' }), SECRET)).toBeNull();
    const parts = token.split('.');
    const flipped = (s: string) => (s[5] === 'A' ? 'B' : 'A');
    for (const part of [1, 2, 3, 4]) {
      const altered = parts.map((p, i) => (i === part ? p.slice(0, 5) + flipped(p) + p.slice(6) : p)).join('.');
      expect(await decodeSessionIdentity(altered, SECRET), `part ${part} altered`).toBeNull();
    }
    expect(await decodeSessionIdentity(token.slice(0, -4), SECRET)).toBeNull();
    expect(await decodeSessionIdentity('not-a-token', SECRET)).toBeNull();
    expect(await decodeSessionIdentity(undefined, SECRET)).toBeNull();
    expect(await decodeSessionIdentity('', SECRET)).toBeNull();
  });

  it('refuses a token past its expiry, with next-auth’s 15 s of clock tolerance', async () => {
    expect(await decodeSessionIdentity(await tokenOf({ identity: CITIZEN }, { maxAge: -60 }), SECRET)).toBeNull();
    expect(await decodeSessionIdentity(await tokenOf({ identity: CITIZEN }, { maxAge: -5 }), SECRET)).toEqual(CITIZEN);
  });

  it('refuses a genuine token that names no identity, or a malformed one', async () => {
    expect(await decodeSessionIdentity(await tokenOf({ sub: 'x' }), SECRET)).toBeNull();
    expect(await decodeSessionIdentity(await tokenOf({ identity: { ...CITIZEN, kind: 'admin' } }), SECRET)).toBeNull();
    expect(await decodeSessionIdentity(await tokenOf({ identity: { kind: 'citizen', accountId: "1' or '1'='1", sessionId: CITIZEN.sessionId } }), SECRET)).toBeNull();
    expect(await decodeSessionIdentity(await tokenOf({ identity: { kind: 'staff', staffId: STAFF.staffId } }), SECRET)).toBeNull();
  });

  it('refuses what next-auth never writes: a tag cut to 12 bytes, another header, a future nbf, no expiry', async () => {
    const key = new Uint8Array(hkdfSync('sha256', SECRET, '', 'NextAuth.js Generated Encryption Key', 32));
    const now = Math.floor(Date.now() / 1000);
    // A compact JWE sealed by hand, so its header can be anything.
    const craft = async (header: Record<string, unknown>, claims: Record<string, unknown>) => {
      const protectedHeader = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM', ...header })).toString('base64url');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(protectedHeader, 'ascii'));
      const ciphertext = Buffer.concat([cipher.update(JSON.stringify({ identity: CITIZEN, ...claims })), cipher.final()]);
      return [protectedHeader, '', iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    };
    // The crafted token itself is read: only what each case changes refuses it.
    expect(await decodeSessionIdentity(await craft({}, { exp: now + 60 }), SECRET)).toEqual(CITIZEN);

    // GCM accepts the first 12 bytes of a genuine tag as a (weaker) tag of its own unless told the length.
    const parts = (await tokenOf({ identity: CITIZEN })).split('.');
    const shortTag = Buffer.from(parts[4]!, 'base64url').subarray(0, 12).toString('base64url');
    expect(await decodeSessionIdentity([...parts.slice(0, 4), shortTag].join('.'), SECRET)).toBeNull();
    // A compressed payload, a critical extension, or a header field next-auth does not write.
    expect(await decodeSessionIdentity(await craft({ zip: 'DEF' }, { exp: now + 60 }), SECRET)).toBeNull();
    expect(await decodeSessionIdentity(await craft({ crit: ['x-eid'], 'x-eid': true }, { exp: now + 60 }), SECRET)).toBeNull();
    expect(await decodeSessionIdentity(await craft({ kid: 'k1' }, { exp: now + 60 }), SECRET)).toBeNull();
    // Not yet valid (beyond the 15 s of tolerance), valid within it; no expiry at all; a claim of the wrong type.
    expect(await decodeSessionIdentity(await craft({}, { exp: now + 600, nbf: now + 60 }), SECRET)).toBeNull();
    expect(await decodeSessionIdentity(await craft({}, { exp: now + 600, nbf: now + 5 }), SECRET)).toEqual(CITIZEN);
    expect(await decodeSessionIdentity(await craft({}, {}), SECRET)).toBeNull();
    expect(await decodeSessionIdentity(await craft({}, { exp: String(now + 60) }), SECRET)).toBeNull();
    expect(await decodeSessionIdentity(await craft({}, { exp: now + 60, iat: 'yesterday' }), SECRET)).toBeNull();
    // A token encrypted with a key that is not next-auth's derivation of the secret.
    const raw = new TextEncoder().encode(SECRET.padEnd(32, 'x').slice(0, 32));
    expect(await decodeSessionIdentity(await new EncryptJWT({ identity: CITIZEN, exp: now + 60 }).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(raw), SECRET)).toBeNull();
  });

  it('derives the key per secret: a second secret does not read the first one’s tokens, and the first still works', async () => {
    const other = 'second-secret-0123456789-abcdefgh';
    expect(await decodeSessionIdentity(await tokenOf({ identity: CITIZEN }, { secret: other }), other)).toEqual(CITIZEN);
    expect(await decodeSessionIdentity(await tokenOf({ identity: CITIZEN }), other)).toBeNull();
    expect(await decodeSessionIdentity(await tokenOf({ identity: CITIZEN }), SECRET)).toEqual(CITIZEN);
  });
});

describe('the session cookie', () => {
  it('is named as next-auth names it: __Secure- when served over https', () => {
    expect(usesSecureCookies('https://eid.example.gov.cn')).toBe(true);
    expect(usesSecureCookies('http://localhost:3000')).toBe(false);
    expect(usesSecureCookies(undefined)).toBe(false);
    expect(sessionCookieName(true)).toBe('__Secure-next-auth.session-token');
    expect(sessionCookieName(false)).toBe('next-auth.session-token');
  });

  it('is read whole, or from next-auth’s numbered chunks in order; other cookies are not read', async () => {
    jar.cookies = [{ name: 'next-auth.csrf-token', value: 'csrf' }];
    expect(await readSessionToken()).toBeUndefined();
    jar.cookies = [{ name: 'next-auth.session-token', value: 'whole' }, { name: '__Secure-next-auth.session-token', value: 'secure' }];
    expect(await readSessionToken()).toBe('whole');
    jar.cookies = [
      { name: 'next-auth.session-token.1', value: 'second' },
      { name: 'next-auth.session-token.x', value: 'stray' },
      { name: 'next-auth.session-token.0', value: 'first-' },
      { name: 'next-auth.session-token-other.2', value: 'other' },
    ];
    expect(await readSessionToken()).toBe('first-second');
  });
});
