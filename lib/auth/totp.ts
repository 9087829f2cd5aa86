// RFC 6238 time-based one-time passwords (HMAC-SHA1, 30-second steps, 6 digits): what every
// authenticator app computes from the otpauth:// QR. No `server-only`: the e2e sign-in helper shares it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { decodeBase32, encodeBase32 } from '@/lib/crypto/base32';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now that still count: a phone clock a little off, or a code typed just late. */
export const TOTP_WINDOW_STEPS = 1;

export function generateTotpSecret(): string {
  return encodeBase32(randomBytes(20));
}

export function totpStepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_STEP_SECONDS);
}

/** The code for one step (RFC 4226 dynamic truncation). */
export function totpCodeForStep(secretBase32: string, step: number): string {
  const key = decodeBase32(secretBase32);
  if (!key) throw new Error('the TOTP secret is not base32');
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac('sha1', key).update(counter).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = ((digest[offset]! & 0x7f) << 24) | (digest[offset + 1]! << 16) | (digest[offset + 2]! << 8) | digest[offset + 3]!;
  return String(binary % 10 ** TOTP_DIGITS).padStart(TOTP_DIGITS, '0');
}

export function totpCodeAt(secretBase32: string, now: Date): string {
  return totpCodeForStep(secretBase32, totpStepAt(now));
}

/** The step the code belongs to (within the window), or null. The caller refuses steps already used. */
export function matchTotpStep(secretBase32: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = totpStepAt(now);
  for (let step = current - TOTP_WINDOW_STEPS; step <= current + TOTP_WINDOW_STEPS; step++) {
    if (timingSafeEqual(Buffer.from(totpCodeForStep(secretBase32, step)), Buffer.from(code))) return step;
  }
  return null;
}

/** What the QR holds: the Key URI format authenticator apps read. */
export function totpUri(secretBase32: string, account: string, issuer = '武汉公安网上审批'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const params = new URLSearchParams({ secret: secretBase32, issuer, algorithm: 'SHA1', digits: String(TOTP_DIGITS), period: String(TOTP_STEP_SECONDS) });
  return `otpauth://totp/${label}?${params.toString()}`;
}
