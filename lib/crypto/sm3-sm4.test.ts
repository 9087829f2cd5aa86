import { getCiphers, getHashes, randomBytes } from 'node:crypto';
import { sm3, sm4 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { decryptSm4Cbc, encryptSm4Cbc, hashSm3, hmacSm3, SM3_SM4_BACKENDS, type Sm4Padding } from './sm3-sm4';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const hasOpenSsl = getHashes().includes('sm3') && getCiphers().includes('sm4-cbc');
// Both where this Node's OpenSSL has the SM algorithms (it does on every machine the project runs on).
const backends = hasOpenSsl ? Object.values(SM3_SM4_BACKENDS) : [SM3_SM4_BACKENDS.pureJs];

describe('SM3 and SM4-CBC', () => {
  it('uses the faster implementation of each: OpenSSL for SM3 where Node has it, sm-crypto-v2 for SM4 on short values', () => {
    const sm3Impl = getHashes().includes('sm3') ? SM3_SM4_BACKENDS.openssl : SM3_SM4_BACKENDS.pureJs;
    expect(hashSm3).toBe(sm3Impl.hashSm3);
    expect(hmacSm3).toBe(sm3Impl.hmacSm3);
    expect(encryptSm4Cbc).toBe(SM3_SM4_BACKENDS.pureJs.encryptSm4Cbc);
    expect(decryptSm4Cbc).toBe(SM3_SM4_BACKENDS.pureJs.decryptSm4Cbc);
  });

  for (const impl of backends) {
    describe(impl.backend, () => {
      it('matches the GB/T 32905 SM3 and GB/T 32907 SM4 test vectors', () => {
        expect(hex(impl.hashSm3('abc'))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
        const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
        expect(hex(impl.encryptSm4Cbc(key, new Uint8Array(16), key))).toBe('681edf34d206965e86b3e94f536e4246');
      });

      it('gives the same bytes as sm-crypto-v2 for SM3, HMAC-SM3 and SM4-CBC, and round-trips', () => {
        for (const length of [0, 1, 15, 16, 17, 64, 1000]) {
          const data = randomBytes(length);
          const key = randomBytes(32);
          expect(hex(impl.hashSm3(data))).toBe(sm3(data));
          expect(hex(impl.hmacSm3(key, data))).toBe(sm3(data, { key, mode: 'hmac' }));
          // Parts hash as their concatenation, strings as UTF-8.
          expect(hex(impl.hmacSm3(key, 'p1.k1.', data))).toBe(sm3(Buffer.concat([Buffer.from('p1.k1.'), data]), { key, mode: 'hmac' }));
          const cases: [Sm4Padding, Uint8Array][] = [['pkcs7', data]];
          if (length > 0 && length % 16 === 0) cases.push(['none', data]);
          for (const [padding, plaintext] of cases) {
            const k = randomBytes(16);
            const iv = randomBytes(16);
            const ciphertext = impl.encryptSm4Cbc(k, iv, plaintext, padding);
            const reference = sm4.encrypt(plaintext, k, { mode: 'cbc', iv, padding: padding === 'pkcs7' ? 'pkcs#7' : 'none', output: 'array' });
            expect(hex(ciphertext), `${padding} ${length}`).toBe(hex(reference));
            expect(hex(impl.decryptSm4Cbc(k, iv, ciphertext, padding))).toBe(hex(plaintext));
          }
        }
      });

      it('refuses partial blocks without padding and wrong key or IV sizes', () => {
        expect(() => impl.encryptSm4Cbc(new Uint8Array(16), new Uint8Array(16), new Uint8Array(15))).toThrow(RangeError);
        expect(() => impl.encryptSm4Cbc(new Uint8Array(15), new Uint8Array(16), new Uint8Array(16))).toThrow(RangeError);
        expect(() => impl.decryptSm4Cbc(new Uint8Array(16), new Uint8Array(8), new Uint8Array(16))).toThrow(RangeError);
        expect(() => impl.decryptSm4Cbc(new Uint8Array(16), new Uint8Array(16), new Uint8Array(20), 'pkcs7')).toThrow(RangeError);
      });
    });
  }
});
