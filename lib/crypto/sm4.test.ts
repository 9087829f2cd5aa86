import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSm4Cbc, encryptSm4Cbc } from './sm4';

describe('SM4-CBC', () => {
  it('matches the GB/T 32907 single-block test vector', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const ciphertext = encryptSm4Cbc(key, new Uint8Array(16), key);
    expect(Buffer.from(ciphertext).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it("equals Node's OpenSSL sm4-cbc and round-trips", () => {
    for (const blocks of [1, 2, 5]) {
      const key = randomBytes(16);
      const iv = randomBytes(16);
      const plaintext = randomBytes(16 * blocks);
      const node = createCipheriv('sm4-cbc', key, iv).setAutoPadding(false);
      const expected = Buffer.concat([node.update(plaintext), node.final()]);
      const ciphertext = encryptSm4Cbc(key, iv, plaintext);
      expect(Buffer.from(ciphertext).equals(expected)).toBe(true);
      expect(Buffer.from(decryptSm4Cbc(key, iv, ciphertext)).equals(plaintext)).toBe(true);
    }
  });

  it('refuses partial blocks and wrong key or IV sizes', () => {
    expect(() => encryptSm4Cbc(new Uint8Array(16), new Uint8Array(16), new Uint8Array(15))).toThrow(RangeError);
    expect(() => encryptSm4Cbc(new Uint8Array(15), new Uint8Array(16), new Uint8Array(16))).toThrow(RangeError);
    expect(() => decryptSm4Cbc(new Uint8Array(16), new Uint8Array(8), new Uint8Array(16))).toThrow(RangeError);
  });
});
