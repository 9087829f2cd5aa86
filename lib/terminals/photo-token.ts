// The short-lived link to a holder's registry photo that a verify answer carries (for the kinds that
// show photos) instead of the photo itself: GET /api/terminal/photo/<token>, with the same terminal's
// Bearer key. The token names the scan (identity_uses id), the terminal and an expiry, HMAC-signed
// with the server secret, so it cannot be forged, moved to another terminal or used after PHOTO_LINK_TTL_S.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const PHOTO_LINK_TTL_S = 60;
const TOKEN_PATTERN = /^(\d{1,18})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

function mac(secret: string, terminalId: string, useId: number, expiresAtS: number): string {
  return createHmac('sha256', secret).update(`eid-terminal-photo:${terminalId}:${useId}:${expiresAtS}`).digest('base64url');
}

export function issuePhotoToken(secret: string, terminalId: string, useId: number, now: Date): string {
  const expiresAtS = Math.floor(now.getTime() / 1000) + PHOTO_LINK_TTL_S;
  return `${useId}.${expiresAtS}.${mac(secret, terminalId, useId, expiresAtS)}`;
}

/** The scan a token names, if it was issued to this terminal and has not expired; else null. */
export function readPhotoToken(secret: string, terminalId: string, token: string, now: Date): { useId: number } | null {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  const useId = Number(match[1]);
  const expiresAtS = Number(match[2]);
  const expected = Buffer.from(mac(secret, terminalId, useId, expiresAtS));
  const given = Buffer.from(match[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (now.getTime() >= expiresAtS * 1000) return null;
  return { useId };
}

export const photoUrlFor = (token: string) => `/api/terminal/photo/${token}`;
