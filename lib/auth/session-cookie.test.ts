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
