import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '@/lib/crypto/base32';
import { generateTotpSecret, matchTotpStep, totpCodeAt, totpStepAt, totpUri } from './totp';

// RFC 6238 appendix B: the SHA-1 key is the ASCII "12345678901234567890"; the test values are 8 digits,
// and a 6-digit code is their last six.
const RFC_SECRET = encodeBase32(new TextEncoder().encode('12345678901234567890'));
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('matches the RFC test vector at %i s', (seconds, eightDigits) => {
    expect(totpCodeAt(RFC_SECRET, new Date(seconds * 1000))).toBe(eightDigits.slice(-6));
  });

  it('accepts the code one step either side of now, and no further', () => {
    const secret = generateTotpSecret();
    const now = new Date('2026-11-29T01:00:10Z');
    const step = totpStepAt(now);
    expect(matchTotpStep(secret, totpCodeAt(secret, now), now)).toBe(step);
    expect(matchTotpStep(secret, totpCodeAt(secret, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
    expect(matchTotpStep(secret, totpCodeAt(secret, new Date(now.getTime() + 30_000)), now)).toBe(step + 1);
    expect(matchTotpStep(secret, totpCodeAt(secret, new Date(now.getTime() - 90_000)), now)).toBeNull();
    expect(matchTotpStep(secret, '12345', now)).toBeNull();
    expect(matchTotpStep(secret, 'abcdef', now)).toBeNull();
  });

  it('writes the otpauth:// key URI authenticator apps scan', () => {
    const uri = totpUri('JBSWY3DPEHPK3PXP', 'clerk06');
    expect(uri).toMatch(/^otpauth:\/\/totp\/.+%3Aclerk06\?secret=JBSWY3DPEHPK3PXP&issuer=.+&algorithm=SHA1&digits=6&period=30$/);
  });
});
