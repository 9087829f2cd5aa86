// The issuing authority signs each certificate file's sha256 with its SM2 key. The signature and the
// key id are stored beside the file; verification recomputes the hash from the stored bytes and
// checks the signature with the key the id names, so a changed file or a forged row both fail.
import path from 'node:path';
import { getActiveKey, loadAuthorityKeyRing, type KeyRing } from '@/lib/crypto/authority-keys';
import { signSm2, verifySm2 } from '@/lib/crypto/sm2';
import { getEnv } from '@/lib/env';

// Domain separation: the same authority key also signs identity QRs, whose messages never start so.
const MESSAGE_PREFIX = 'eid-certificate-sha256:';

function messageFor(sha256Hex: string): Uint8Array {
  return new TextEncoder().encode(`${MESSAGE_PREFIX}${sha256Hex.toLowerCase()}`);
}

export function signCertificateHash(sha256Hex: string, ring: KeyRing): { signature: string; signingKeyId: string } {
  const key = getActiveKey(ring);
  const signature = signSm2(messageFor(sha256Hex), key.privateKeyHex, { publicKeyHex: key.publicKeyHex });
  return { signature: Buffer.from(signature).toString('hex'), signingKeyId: key.id };
}

export function isCertificateSignatureValid(sha256Hex: string, signatureHex: string | null, signingKeyId: string | null, ring: KeyRing): boolean {
  if (!signatureHex || !signingKeyId || !/^[0-9a-f]{128}$/i.test(signatureHex)) return false;
  const key = ring.keys.find((k) => k.id === signingKeyId);
  if (!key) return false;
  return verifySm2(messageFor(sha256Hex), Buffer.from(signatureHex, 'hex'), key.publicKeyHex);
}

const holder = globalThis as unknown as { __certificateKeyRing?: Promise<KeyRing> };

/** The authority key ring (IDENTITY_QR_KEYS or the development file), loaded once per process. */
export function getCertificateKeyRing(): Promise<KeyRing> {
  if (!holder.__certificateKeyRing) {
    const env = getEnv();
    holder.__certificateKeyRing = loadAuthorityKeyRing({ IDENTITY_QR_KEYS: env.IDENTITY_QR_KEYS }, path.resolve(env.IDENTITY_QR_KEYS_FILE)).then((r) => r.ring);
    holder.__certificateKeyRing.catch(() => {
      holder.__certificateKeyRing = undefined;
    });
  }
  return holder.__certificateKeyRing;
}
