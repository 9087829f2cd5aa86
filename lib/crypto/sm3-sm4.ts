// The one SM3 (GB/T 32905) and SM4-CBC (GB/T 32907) of the project: the audit hash chain, terminal API
// key hashes, SM2's Z value, identity QR codes and personal data at rest all go through here.
// Two implementations give the same bytes (lib/crypto/sm3-sm4.test.ts checks both against sm-crypto-v2
// and the standards' test vectors); each primitive uses the faster one, as measured by `npm run bench:pii`:
// SM3 and HMAC-SM3 from Node's OpenSSL when its build has `sm3` (1.5–3× faster than pure JS: 360-byte
// audit row 7 µs vs 16 µs), else sm-crypto-v2; SM4-CBC from sm-crypto-v2, because on the short values
// encrypted here (an ID number, an identity QR's 32 bytes) OpenSSL's per-call cipher set-up costs more
// than the cipher (32 bytes: about 2–2.5 µs in JS vs 3–6 µs through createCipheriv).
import { createCipheriv, createDecipheriv, createHash, createHmac, getHashes } from 'node:crypto';
import { sm3, sm4 } from 'sm-crypto-v2';

export const SM3_DIGEST_BYTES = 32;
export const SM4_BLOCK_BYTES = 16;
export const SM4_KEY_BYTES = 16;

type Part = Uint8Array | string;
/** `none`: the caller frames whole 16-byte blocks (integrity from a signature or tag); `pkcs7`: any length. */
export type Sm4Padding = 'none' | 'pkcs7';

export type Sm3Sm4 = {
  backend: 'openssl' | 'sm-crypto-v2';
  /** SM3 of the parts, concatenated (strings as UTF-8). */
  hashSm3(...parts: Part[]): Buffer;
  /** HMAC-SM3 of the parts, concatenated (strings as UTF-8). */
  hmacSm3(key: Uint8Array, ...parts: Part[]): Buffer;
  encryptSm4Cbc(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, padding?: Sm4Padding): Buffer;
  decryptSm4Cbc(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, padding?: Sm4Padding): Buffer;
};

function assertCbcInput(key: Uint8Array, iv: Uint8Array, data: Uint8Array, padding: Sm4Padding, decrypting: boolean): void {
  if (key.length !== SM4_KEY_BYTES) throw new RangeError(`SM4 key must be ${SM4_KEY_BYTES} bytes`);
  if (iv.length !== SM4_BLOCK_BYTES) throw new RangeError(`SM4 IV must be ${SM4_BLOCK_BYTES} bytes`);
  if ((padding === 'none' || decrypting) && (data.length === 0 || data.length % SM4_BLOCK_BYTES !== 0)) {
    throw new RangeError(`SM4-CBC ${padding === 'none' ? 'without padding' : 'ciphertext'} needs a positive multiple of ${SM4_BLOCK_BYTES} bytes`);
  }
}

const bytesOf = (part: Part): Uint8Array => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part);
const concat = (parts: Part[]): Uint8Array => (parts.length === 1 ? bytesOf(parts[0]!) : Buffer.concat(parts.map(bytesOf)));

// Only where the build has the algorithms: tests skip it otherwise.
const openssl: Sm3Sm4 = {
  backend: 'openssl',
  hashSm3: (...parts) => {
    const hash = createHash('sm3');
    for (const part of parts) hash.update(part);
    return hash.digest();
  },
  hmacSm3: (key, ...parts) => {
    const hmac = createHmac('sm3', key);
    for (const part of parts) hmac.update(part);
    return hmac.digest();
  },
  encryptSm4Cbc: (key, iv, plaintext, padding = 'none') => {
    assertCbcInput(key, iv, plaintext, padding, false);
    const cipher = createCipheriv('sm4-cbc', key, iv).setAutoPadding(padding === 'pkcs7');
    return Buffer.concat([cipher.update(plaintext), cipher.final()]);
  },
  decryptSm4Cbc: (key, iv, ciphertext, padding = 'none') => {
    assertCbcInput(key, iv, ciphertext, padding, true);
    const decipher = createDecipheriv('sm4-cbc', key, iv).setAutoPadding(padding === 'pkcs7');
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  },
};

const pureJs: Sm3Sm4 = {
  backend: 'sm-crypto-v2',
  hashSm3: (...parts) => Buffer.from(sm3(concat(parts)), 'hex'),
  hmacSm3: (key, ...parts) => Buffer.from(sm3(concat(parts), { key, mode: 'hmac' }), 'hex'),
  encryptSm4Cbc: (key, iv, plaintext, padding = 'none') => {
    assertCbcInput(key, iv, plaintext, padding, false);
    return Buffer.from(sm4.encrypt(plaintext, key, { mode: 'cbc', iv, padding: padding === 'pkcs7' ? 'pkcs#7' : 'none', output: 'array' }));
  },
  decryptSm4Cbc: (key, iv, ciphertext, padding = 'none') => {
    assertCbcInput(key, iv, ciphertext, padding, true);
    return Buffer.from(sm4.decrypt(ciphertext, key, { mode: 'cbc', iv, padding: padding === 'pkcs7' ? 'pkcs#7' : 'none', output: 'array' }));
  },
};

/** Both implementations, for the tests that hold them to the same bytes. */
export const SM3_SM4_BACKENDS = { openssl, pureJs } as const;

/** Whether this Node's OpenSSL build offers SM3 (some builds leave the SM algorithms out). */
export const HAS_OPENSSL_SM3 = getHashes().includes('sm3');

const sm3Impl = HAS_OPENSSL_SM3 ? openssl : pureJs;

/** SM3 of the parts, concatenated (strings as UTF-8). */
export const hashSm3 = sm3Impl.hashSm3;
/** HMAC-SM3 of the parts, concatenated (strings as UTF-8). */
export const hmacSm3 = sm3Impl.hmacSm3;
export const encryptSm4Cbc = pureJs.encryptSm4Cbc;
export const decryptSm4Cbc = pureJs.decryptSm4Cbc;
