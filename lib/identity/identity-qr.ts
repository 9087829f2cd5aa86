// The identity QR on the citizen's e-ID: an opaque, signed, short-lived token.
//
//   code   = "EID1." + base32(kidLength ‖ kid ‖ ciphertext ‖ signature)          (upper case, no padding)
//   kidLength   1 byte, 1–8; kid in ASCII (e.g. "k1") — which authority key signed and encrypted it
//   ciphertext  32 bytes = SM4-CBC(key.sm4, IV = 0, nonce(8) ‖ issuedAt(4, uint32 BE seconds) ‖ subjectRef(16) ‖ 0000)
//   signature   64 bytes = SM2 r ‖ s (SM3, default signer id) by key.private over ASCII "EID1." ‖ kidLength ‖ kid ‖ ciphertext
//
// With kid "k1" that is 99 bytes, 164 characters, all in the QR alphanumeric set: a version-7 QR at
// error-correction level M (45 × 45 modules). "1" in the prefix is the format version; it is signed.
//
// Nothing about the person is readable: the subject is an opaque e-ID uuid, and it is encrypted. The
// random nonce opens the first CBC block, so it does the IV's job: two codes of the same person in the
// same second share no byte after the key id (a fixed IV saves 16 bytes; SM4 sees a fresh first block
// every time). The four zero bytes catch a ring whose SM4 key does not match its SM2 key. The
// signature covers everything, so no bit can be changed; the nonce lets the caller refuse a replay.
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { KeyRing } from '@/lib/crypto/authority-keys';
import { getActiveKey } from '@/lib/crypto/authority-keys';
import { decodeBase32, encodeBase32 } from '@/lib/crypto/base32';
import { SM2_SIGNATURE_BYTES, precomputeSm2PublicKey, signSm2, verifySm2 } from '@/lib/crypto/sm2';
import { SM4_BLOCK_BYTES, decryptSm4Cbc, encryptSm4Cbc } from '@/lib/crypto/sm3-sm4';

export const IDENTITY_QR_PREFIX = 'EID1.';
export const IDENTITY_QR_TTL_SECONDS = 60;
/** How far in the future an issue time may be, for a verifier whose clock is behind the issuer's. */
export const IDENTITY_QR_MAX_CLOCK_SKEW_SECONDS = 5;

export type IdentityQrClaims = {
  kid: string;
  subjectRef: string; // lower-case uuid of the e-ID
  nonce: string; // 16 hex digits, unique per code: the caller's key for replay detection
  issuedAt: Date;
  expiresAt: Date;
};

export type IdentityQrVerification =
  | ({ result: 'accepted' } & IdentityQrClaims)
  | ({ result: 'expired' } & IdentityQrClaims)
  | { result: 'invalid'; reason: string }; // the reason is for logs; terminals see only the result

export type IssuedIdentityQr = { code: string; expiresAt: Date; nonce: string };

export type IdentityQrCodec = {
  activeKid: string;
  issue(subjectRef: string, now: Date): IssuedIdentityQr;
  verify(code: string, now: Date): IdentityQrVerification;
};

const NONCE_BYTES = 8;
const CIPHERTEXT_BYTES = 2 * SM4_BLOCK_BYTES;
const ZERO_IV = new Uint8Array(SM4_BLOCK_BYTES);
const PREFIX_BYTES = new TextEncoder().encode(IDENTITY_QR_PREFIX);
const MAX_CODE_LENGTH = 256; // longer than any code we make; bounds the work an attacker can ask for
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KID = /^[A-Za-z0-9_-]{1,8}$/;

type PreparedKey = { kid: string; kidBytes: Uint8Array; privateKeyHex: string; publicKeyHex: string; sm4Key: Uint8Array };

function prepareKey(key: KeyRing['keys'][number]): PreparedKey {
  precomputeSm2PublicKey(key.publicKeyHex); // warm the verify table once, not on the first scan
  return {
    kid: key.id,
    kidBytes: new TextEncoder().encode(key.id),
    privateKeyHex: key.privateKeyHex,
    publicKeyHex: key.publicKeyHex,
    sm4Key: Buffer.from(key.sm4KeyHex, 'hex'),
  };
}

function signedPart(header: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  return Buffer.concat([PREFIX_BYTES, header, ciphertext]);
}

function formatUuid(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function toEpochSeconds(now: Date): number {
  const ms = now.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('now is not a valid date');
  return Math.floor(ms / 1000);
}

const invalid = (reason: string): IdentityQrVerification => ({ result: 'invalid', reason });

export function createIdentityQrCodec(ring: KeyRing): IdentityQrCodec {
  const keys = new Map(ring.keys.map((key) => [key.id, prepareKey(key)] as const));
  const activeKey = keys.get(getActiveKey(ring).id);
  if (!activeKey) throw new Error('Identity QR key ring has no active key');
  const active: PreparedKey = activeKey;
  if (!KID.test(active.kid)) throw new Error('Identity QR key ids are 1–8 letters, digits, _ or -');
  const activeHeader = Buffer.concat([Buffer.of(active.kidBytes.length), active.kidBytes]);

  function issue(subjectRef: string, now: Date): IssuedIdentityQr {
    if (!UUID.test(subjectRef)) throw new TypeError('subjectRef must be a uuid');
    const issuedAt = toEpochSeconds(now);
    if (issuedAt < 0 || issuedAt > 0xffffffff) throw new RangeError('now is outside the code’s time range');

    const nonce = randomBytes(NONCE_BYTES);
    const plaintext = Buffer.alloc(CIPHERTEXT_BYTES); // trailing 4 bytes stay zero: the decryption check
    nonce.copy(plaintext, 0);
    plaintext.writeUInt32BE(issuedAt, NONCE_BYTES);
    Buffer.from(subjectRef.replaceAll('-', ''), 'hex').copy(plaintext, NONCE_BYTES + 4);

    const ciphertext = encryptSm4Cbc(active.sm4Key, ZERO_IV, plaintext);
    const signature = signSm2(signedPart(activeHeader, ciphertext), active.privateKeyHex, { publicKeyHex: active.publicKeyHex });
    return {
      code: IDENTITY_QR_PREFIX + encodeBase32(Buffer.concat([activeHeader, ciphertext, signature])),
      expiresAt: new Date((issuedAt + IDENTITY_QR_TTL_SECONDS) * 1000),
      nonce: nonce.toString('hex'),
    };
  }

  function verify(code: string, now: Date): IdentityQrVerification {
    if (typeof code !== 'string') return invalid('not a string');
    // Keyboard-wedge scanners add a line break; base32 has no whitespace, so trimming is safe.
    const text = code.trim();
    if (text.length > MAX_CODE_LENGTH) return invalid('too long');
    if (!text.startsWith(IDENTITY_QR_PREFIX)) return invalid('unknown prefix or version');
    const bytes = decodeBase32(text.slice(IDENTITY_QR_PREFIX.length));
    if (!bytes) return invalid('not canonical base32');

    const kidLength = bytes[0] ?? 0;
    if (kidLength < 1 || kidLength > 8) return invalid('bad key id length');
    if (bytes.length !== 1 + kidLength + CIPHERTEXT_BYTES + SM2_SIGNATURE_BYTES) return invalid('wrong length');
    const kid = Buffer.from(bytes.subarray(1, 1 + kidLength)).toString('latin1');
    if (!KID.test(kid)) return invalid('malformed key id');
    const key = keys.get(kid);
    if (!key) return invalid(`unknown key id ${kid}`);

    const header = bytes.subarray(0, 1 + kidLength);
    const ciphertext = bytes.subarray(header.length, header.length + CIPHERTEXT_BYTES);
    const signature = bytes.subarray(header.length + CIPHERTEXT_BYTES);
    if (!verifySm2(signedPart(header, ciphertext), signature, key.publicKeyHex)) return invalid('bad signature');

    const plaintext = Buffer.from(decryptSm4Cbc(key.sm4Key, ZERO_IV, ciphertext));
    if (plaintext.readUInt32BE(CIPHERTEXT_BYTES - 4) !== 0) return invalid('decryption check failed');
    const issuedAtSeconds = plaintext.readUInt32BE(NONCE_BYTES);
    const claims: IdentityQrClaims = {
      kid,
      subjectRef: formatUuid(plaintext.subarray(NONCE_BYTES + 4, NONCE_BYTES + 20)),
      nonce: plaintext.subarray(0, NONCE_BYTES).toString('hex'),
      issuedAt: new Date(issuedAtSeconds * 1000),
      expiresAt: new Date((issuedAtSeconds + IDENTITY_QR_TTL_SECONDS) * 1000),
    };

    const nowMs = now.getTime();
    if (!Number.isFinite(nowMs)) throw new RangeError('now is not a valid date');
    if (claims.issuedAt.getTime() > nowMs + IDENTITY_QR_MAX_CLOCK_SKEW_SECONDS * 1000) return invalid('issued in the future');
    if (nowMs >= claims.expiresAt.getTime()) return { result: 'expired', ...claims };
    return { result: 'accepted', ...claims };
  }

  return { activeKid: active.kid, issue, verify };
}

// Error-correction M survives a scuffed screen; margin 2 (not the spec's 4) is enough on a phone's
// white background and keeps the modules large.
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

export function renderIdentityQrPng(code: string): Promise<Buffer> {
  return QRCode.toBuffer(code, { ...QR_OPTIONS, scale: 6, type: 'png' });
}

export function renderIdentityQrSvg(code: string): Promise<string> {
  return QRCode.toString(code, { ...QR_OPTIONS, type: 'svg' });
}
