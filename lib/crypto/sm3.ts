// SM3 (GB/T 32905) from sm-crypto-v2: pure JS, so it does not depend on the OpenSSL build under Node.
import { sm3 } from 'sm-crypto-v2';

export const SM3_DIGEST_BYTES = 32;

export function hashSm3(data: Uint8Array): Uint8Array {
  return Buffer.from(sm3(data), 'hex');
}
