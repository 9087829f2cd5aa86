// SM2 signatures (GB/T 32918.2) over sm-crypto-v2, which runs on @noble/curves.
//
// Signatures are the standard SM2-with-SM3 kind: e = SM3(Z_A || M), where Z_A hashes the signer's
// distinguishing id (default '1234567812345678', GM/T 0009) and public key — what sm-crypto-v2 calls
// `{ hash: true }`. We compute Z_A once per key instead of on every call (an SM3 and a point parse) and
// hand the library e with hashing off: the same signature scheme, checked against the classic sm-crypto.
import { sm2 } from 'sm-crypto-v2';
import { hashSm3 } from './sm3-sm4';

export type Sm2KeyPair = { privateKeyHex: string; publicKeyHex: string };
export type Sm2SignOptions = {
  /** The signer's public key; saves deriving it (one scalar multiplication) on every signature. */
  publicKeyHex?: string;
  userId?: string;
};
export type Sm2VerifyOptions = { userId?: string };

type PrecomputedPoint = ReturnType<typeof sm2.precomputePublicKey>;

export const SM2_DEFAULT_USER_ID = '1234567812345678';
export const SM2_SIGNATURE_BYTES = 64;

// Order n of the SM2 recommended curve; r and s must lie in [1, n-1] (GB/T 32918.2 §7.1 B1–B2).
// The library does not check it, which would let s and s + n both verify.
const CURVE_ORDER = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

// A window-8 precomputation is ~0.5 MB per key; an authority has a handful, so a small cap suffices.
const MAX_PRECOMPUTED_KEYS = 16;
const MAX_CACHED_Z = 256;
const precomputedPoints = new Map<string, PrecomputedPoint>();
const cachedZ = new Map<string, Uint8Array>();

function remember<V>(cache: Map<string, V>, limit: number, key: string, value: V): V {
  if (cache.size >= limit) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(key, value);
  return value;
}

function normaliseHex(hex: string): string {
  return hex.trim().toLowerCase();
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { privateKeyHex: privateKey, publicKeyHex: publicKey };
}

/** Uncompressed public key ('04' + x + y, 130 hex digits). Throws on a private key outside [1, n-1]. */
export function deriveSm2PublicKey(privateKeyHex: string): string {
  return sm2.getPublicKeyFromPrivateKey(normaliseHex(privateKeyHex));
}

export function isValidSm2PublicKey(publicKeyHex: string): boolean {
  try {
    return sm2.verifyPublicKey(normaliseHex(publicKeyHex));
  } catch {
    return false;
  }
}

/**
 * The public key as a point with a precomputed multiplication table, cached per key: verifying with it
 * is several times faster than with the hex string. Call once at start-up to warm the cache.
 */
export function precomputeSm2PublicKey(publicKeyHex: string): PrecomputedPoint {
  const key = normaliseHex(publicKeyHex);
  return precomputedPoints.get(key) ?? remember(precomputedPoints, MAX_PRECOMPUTED_KEYS, key, sm2.precomputePublicKey(key));
}

function getZ(publicKeyHex: string, userId: string): Uint8Array {
  const key = `${userId}\u0000${normaliseHex(publicKeyHex)}`;
  return cachedZ.get(key) ?? remember(cachedZ, MAX_CACHED_Z, key, sm2.getZ(normaliseHex(publicKeyHex), userId));
}

function digestMessage(message: Uint8Array, publicKeyHex: string, userId: string): Uint8Array {
  const z = getZ(publicKeyHex, userId);
  const input = new Uint8Array(z.length + message.length);
  input.set(z, 0);
  input.set(message, z.length);
  return hashSm3(input);
}

/** SM2 signature with SM3 and the signer's Z value, as 64 bytes r || s (no DER). */
export function signSm2(message: Uint8Array, privateKeyHex: string, options: Sm2SignOptions = {}): Uint8Array {
  const publicKeyHex = options.publicKeyHex ?? deriveSm2PublicKey(privateKeyHex);
  const e = digestMessage(message, publicKeyHex, options.userId ?? SM2_DEFAULT_USER_ID);
  const signature = Buffer.from(sm2.doSignature(e, normaliseHex(privateKeyHex)), 'hex');
  if (signature.length !== SM2_SIGNATURE_BYTES) throw new Error('SM2 signature has an unexpected length');
  return signature;
}

/** False for any malformed or non-matching signature; throws only on a malformed public key. */
export function verifySm2(
  message: Uint8Array,
  signature: Uint8Array,
  publicKeyHex: string,
  options: Sm2VerifyOptions = {},
): boolean {
  if (signature.length !== SM2_SIGNATURE_BYTES) return false;
  const hex = Buffer.from(signature).toString('hex');
  const r = BigInt(`0x${hex.slice(0, 64)}`);
  const s = BigInt(`0x${hex.slice(64)}`);
  if (r < 1n || r >= CURVE_ORDER || s < 1n || s >= CURVE_ORDER) return false;
  const point = precomputeSm2PublicKey(publicKeyHex);
  const e = digestMessage(message, publicKeyHex, options.userId ?? SM2_DEFAULT_USER_ID);
  return sm2.doVerifySignature(e, hex, point);
}
