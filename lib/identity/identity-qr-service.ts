import 'server-only';
import path from 'node:path';
import { loadAuthorityKeyRing } from '@/lib/crypto/authority-keys';
import { getEnv } from '@/lib/env';
import { createIdentityQrCodec } from './identity-qr';

type Codec = ReturnType<typeof createIdentityQrCodec>;
const holder = globalThis as unknown as { __eidQrCodec?: Promise<Codec> };

/** The process's identity-QR codec, built once from the configured (or dev) authority key ring. */
export function getIdentityQrCodec(): Promise<Codec> {
  if (!holder.__eidQrCodec) {
    const env = getEnv();
    holder.__eidQrCodec = loadAuthorityKeyRing({ IDENTITY_QR_KEYS: env.IDENTITY_QR_KEYS }, path.resolve(env.IDENTITY_QR_KEYS_FILE)).then(({ ring }) =>
      createIdentityQrCodec(ring),
    );
    holder.__eidQrCodec.catch(() => {
      holder.__eidQrCodec = undefined;
    });
  }
  return holder.__eidQrCodec;
}
