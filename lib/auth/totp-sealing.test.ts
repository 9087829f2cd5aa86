import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openTotpSecret, parseStoredTotpKeyRing, rotateStoredTotpKeyRing, sealTotpSecret, totpSealingFrom } from './totp-sealing';

const AUTH_SECRET = 'unit-test-auth-secret-0123456789abcdef';
const SECRET = 'O52WQYLOFVSGK3LPFV2G65DQFUZDAMRW';

describe('TOTP secret sealing', () => {
  it('seals under the active key, names it, and opens with the ring', () => {
    const ring = totpSealingFrom(AUTH_SECRET, rotateStoredTotpKeyRing(null));
    const { sealed, keyId } = sealTotpSecret(SECRET, ring);
    expect(keyId).toBe('t1');
    expect(sealed).toMatch(/^v2\.t1\./);
    expect(sealed).not.toContain(SECRET);
    expect(openTotpSecret(sealed, ring)).toBe(SECRET);
    // Two seals of one secret differ (a fresh IV each time).
    expect(sealTotpSecret(SECRET, ring).sealed).not.toBe(sealed);
  });

  it('still opens secrets sealed before key ids (v1, the auth-derived key)', () => {
    const key = Buffer.from(hkdfSync('sha256', AUTH_SECRET, 'eid-staff-totp', 'aes-256-gcm v1', 32));
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(SECRET, 'utf8'), cipher.final()]);
    const legacy = `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    expect(openTotpSecret(legacy, AUTH_SECRET)).toBe(SECRET);
    expect(openTotpSecret(legacy, totpSealingFrom(AUTH_SECRET, rotateStoredTotpKeyRing(null)))).toBe(SECRET);
  });

  it('refuses a ciphertext relabelled with another key id, an unknown key id and a tampered body', () => {
    const stored = rotateStoredTotpKeyRing(rotateStoredTotpKeyRing(null));
    const ring = totpSealingFrom(AUTH_SECRET, stored);
    const { sealed } = sealTotpSecret(SECRET, ring);
    expect(() => openTotpSecret(sealed.replace('v2.t2.', 'v2.t1.'), ring)).toThrow();
    expect(() => openTotpSecret(sealed.replace('v2.t2.', 'v2.t9.'), ring)).toThrow(/not in the ring/);
    const body = Buffer.from(sealed.slice('v2.t2.'.length), 'base64');
    body[body.length - 1]! ^= 1;
    expect(() => openTotpSecret(`v2.t2.${body.toString('base64')}`, ring)).toThrow();
    expect(() => openTotpSecret('v3.whatever', ring)).toThrow(/unknown TOTP secret format/);
  });

  it('rotates by adding a key and making it active, keeping the old ones', () => {
    const first = rotateStoredTotpKeyRing(null);
    const second = rotateStoredTotpKeyRing(first);
    expect(second.active).toBe('t2');
    expect(second.keys.map((k) => k.id)).toEqual(['t1', 't2']);
    expect(second.keys[0]).toEqual(first.keys[0]);
    expect(parseStoredTotpKeyRing(JSON.stringify(second))).toEqual(second);
  });

  it('refuses a stored ring whose active key is missing or whose key is not 32 bytes', () => {
    expect(() => totpSealingFrom(AUTH_SECRET, { active: 't5', keys: [{ id: 't1', key: randomBytes(32).toString('base64') }] })).toThrow(/not in the ring/);
    expect(() => totpSealingFrom(AUTH_SECRET, { active: 't1', keys: [{ id: 't1', key: randomBytes(16).toString('base64') }] })).toThrow(/32 bytes/);
  });
});
