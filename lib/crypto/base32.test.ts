import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32 } from './base32';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('base32', () => {
  it('matches the RFC 4648 test vectors without padding', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(encodeBase32(ascii(plain))).toBe(encoded);
      expect(Buffer.from(decodeBase32(encoded) ?? []).toString()).toBe(plain);
    }
  });

  it('round-trips random bytes of every length up to 40', () => {
    for (let length = 0; length <= 40; length++) {
      const bytes = randomBytes(length);
      const encoded = encodeBase32(bytes);
      expect(encoded).toMatch(/^[A-Z2-7]*$/);
      expect(Buffer.from(decodeBase32(encoded) ?? []).equals(bytes)).toBe(true);
    }
  });

  it('accepts only the canonical spelling', () => {
    expect(decodeBase32('mzxw6')).toBeNull(); // lower case
    expect(decodeBase32('MZXW6=')).toBeNull(); // padding
    expect(decodeBase32('MZ XW6')).toBeNull();
    expect(decodeBase32('MZ1W6')).toBeNull(); // 1 is not in the alphabet
    expect(decodeBase32('MZ')).toBeNull(); // 'f' is MY: Z sets a filler bit
    expect(decodeBase32('MYA')).toBeNull(); // a leftover character that encodes no byte
  });
});
