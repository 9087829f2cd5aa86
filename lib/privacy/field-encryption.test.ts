import { randomBytes } from 'node:crypto';
import { sm3, sm4 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import {
  blindIndex,
  decryptValue,
  encryptValue,
  generatePiiKeyRing,
  keyIdOf,
  PiiDecryptionError,
  piiKeyRingSchema,
  reencryptValue,
} from './field-encryption';

const ring = piiKeyRingSchema.parse(generatePiiKeyRing('k1'));
const ID = '42010619900307123X';

describe('personal data at rest', () => {
  it('round-trips Chinese and ASCII values, with a fresh IV each time', () => {
    for (const value of [ID, '13800138000', '湖北省武汉市武昌区中北路 1 号']) {
      const a = encryptValue(ring, value);
      expect(decryptValue(ring, a)).toBe(value);
      expect(encryptValue(ring, value)).not.toBe(a);
      expect(a).not.toContain(value);
    }
  });

  it('is standard SM4-CBC and HMAC-SM3: an independent implementation (sm-crypto-v2) decrypts and verifies it', () => {
    const stored = encryptValue(ring, ID);
    const bytes = Buffer.from(stored.split('.')[2]!, 'base64url');
    const iv = bytes.subarray(0, 16);
    const ciphertext = bytes.subarray(16, bytes.length - 32);
    const key = ring.keys.k1!;
    const plain = sm4.decrypt(ciphertext, key.enc, { mode: 'cbc', iv, padding: 'pkcs#7', output: 'string' });
    expect(plain).toBe(ID);
    const macInput = Buffer.concat([Buffer.from('p1.k1.'), iv, ciphertext]);
    expect(sm3(macInput, { key: key.mac, mode: 'hmac' })).toBe(bytes.subarray(bytes.length - 32).toString('hex'));
  });

  it('refuses a value whose ciphertext, key id or length was changed, before decrypting', () => {
    const stored = encryptValue(ring, ID);
    const body = Buffer.from(stored.split('.')[2]!, 'base64url');
    body[20] = body[20]! ^ 1;
    expect(() => decryptValue(ring, `p1.k1.${body.toString('base64url')}`)).toThrow(PiiDecryptionError);
    expect(() => decryptValue(ring, stored.replace('p1.k1.', 'p1.k9.'))).toThrow(/unknown key/);
    expect(() => decryptValue(ring, stored.slice(0, 30))).toThrow(PiiDecryptionError);
    expect(() => decryptValue(ring, ID)).toThrow(/not an encrypted value/);
  });

  it('rotates: the new active key encrypts, the old one still decrypts, and re-encryption moves values over', () => {
    const old = encryptValue(ring, ID);
    const rotated = piiKeyRingSchema.parse({
      active: 'k2',
      keys: {
        k1: { enc: ring.keys.k1!.enc.toString('base64'), mac: ring.keys.k1!.mac.toString('base64') },
        k2: { enc: randomBytes(16).toString('base64'), mac: randomBytes(32).toString('base64') },
      },
      index: ring.index.toString('base64'),
    });
    expect(decryptValue(rotated, old)).toBe(ID);
    const moved = reencryptValue(rotated, old);
    expect(keyIdOf(moved)).toBe('k2');
    expect(decryptValue(rotated, moved)).toBe(ID);
    expect(reencryptValue(rotated, moved)).toBe(moved);
    // The blind index does not change with the data key, so lookups keep working through a rotation.
    expect(blindIndex(rotated, 'id_number', ID)).toBe(blindIndex(ring, 'id_number', ID));
  });

  it('blind index: exact lookups on normalised input, unrelated across kinds and keys', () => {
    expect(blindIndex(ring, 'id_number', '42010619900307123x')).toBe(blindIndex(ring, 'id_number', ID));
    expect(blindIndex(ring, 'phone', '+86 138 0013 8000')).toBe(blindIndex(ring, 'phone', '13800138000'));
    expect(blindIndex(ring, 'phone', '13800138000')).not.toBe(blindIndex(ring, 'id_number', '13800138000'));
    expect(blindIndex(piiKeyRingSchema.parse(generatePiiKeyRing()), 'id_number', ID)).not.toBe(blindIndex(ring, 'id_number', ID));
  });

  it('refuses a malformed key ring with a message naming the problem', () => {
    expect(() => piiKeyRingSchema.parse({ ...generatePiiKeyRing('k1'), active: 'k2' })).toThrow(/active key/);
    expect(() => piiKeyRingSchema.parse({ ...generatePiiKeyRing('k1'), index: 'c2hvcnQ=' })).toThrow(/32 bytes/);
  });
});
