// SM4-CBC (GB/T 32907) without padding, from sm-crypto-v2. Callers frame their own plaintext in whole
// 16-byte blocks; integrity comes from a signature over the ciphertext, not from the cipher.
import { sm4 } from 'sm-crypto-v2';

export const SM4_BLOCK_BYTES = 16;
export const SM4_KEY_BYTES = 16;

function assertCbcInput(key: Uint8Array, iv: Uint8Array, data: Uint8Array): void {
  if (key.length !== SM4_KEY_BYTES) throw new RangeError(`SM4 key must be ${SM4_KEY_BYTES} bytes`);
  if (iv.length !== SM4_BLOCK_BYTES) throw new RangeError(`SM4 IV must be ${SM4_BLOCK_BYTES} bytes`);
  if (data.length === 0 || data.length % SM4_BLOCK_BYTES !== 0) {
    throw new RangeError(`SM4-CBC without padding needs a positive multiple of ${SM4_BLOCK_BYTES} bytes`);
  }
}

export function encryptSm4Cbc(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  assertCbcInput(key, iv, plaintext);
  return sm4.encrypt(plaintext, key, { mode: 'cbc', iv, padding: 'none', output: 'array' });
}

export function decryptSm4Cbc(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  assertCbcInput(key, iv, ciphertext);
  return sm4.decrypt(ciphertext, key, { mode: 'cbc', iv, padding: 'none', output: 'array' });
}
