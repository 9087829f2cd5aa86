// The QR an internet café terminal shows for one seat (网吧扫码上网登记): the citizen's phone opens
// /wallet/checkin?c=<token>. The token names the terminal, the seat, an expiry and a random nonce,
// HMAC-SM3-signed under a key derived from the server's secret, so it cannot be forged, moved to
// another terminal or seat, or used after CHECK_IN_TOKEN_TTL_S. It is good once: the nonce is a unique
// column of the register row the confirmation writes (lib/cafe/check-in.ts).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hmacSm3 } from '@/lib/crypto/sm3-sm4';

export const CHECK_IN_TOKEN_TTL_S = 60;
/** A seat as the café numbers it: letters, digits and dashes, up to 8 (e.g. "A12", "VIP-3"). */
export const SEAT_PATTERN = /^[A-Za-z0-9-]{1,8}$/;
export const CHECK_IN_TOKEN_MAX_LENGTH = 160;
const TOKEN_PATTERN = /^C1\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9-]{1,8})\.(\d{10,12})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export type CheckInClaim = { terminalId: string; seat: string; nonce: string; expiresAt: Date };
export type ReadCheckInToken = { status: 'ok'; claim: CheckInClaim } | { status: 'invalid' } | { status: 'expired'; claim: CheckInClaim };

function mac(secret: string, body: string): string {
  const key = hmacSm3(Buffer.from(secret, 'utf8'), 'eid-cafe-check-in-token:v1');
  return hmacSm3(key, body).toString('base64url');
}

export function issueCheckInToken(secret: string, input: { terminalId: string; seat: string }, now: Date): { token: string; nonce: string; expiresAt: Date } {
  if (!SEAT_PATTERN.test(input.seat)) throw new Error('seat does not match SEAT_PATTERN');
  const expiresAtS = Math.floor(now.getTime() / 1000) + CHECK_IN_TOKEN_TTL_S;
  const nonce = randomBytes(16).toString('base64url');
  const body = `C1.${input.terminalId.toLowerCase()}.${input.seat}.${expiresAtS}.${nonce}`;
  return { token: `${body}.${mac(secret, body)}`, nonce, expiresAt: new Date(expiresAtS * 1000) };
}

/** What a token claims, once its signature is checked; `expired` still names the terminal (to say which café). */
export function readCheckInToken(secret: string, token: string, now: Date): ReadCheckInToken {
  if (token.length > CHECK_IN_TOKEN_MAX_LENGTH) return { status: 'invalid' };
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return { status: 'invalid' };
  const body = token.slice(0, token.lastIndexOf('.'));
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(match[5]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { status: 'invalid' };
  const claim: CheckInClaim = { terminalId: match[1]!, seat: match[2]!, nonce: match[4]!, expiresAt: new Date(Number(match[3]) * 1000) };
  if (now.getTime() >= claim.expiresAt.getTime()) return { status: 'expired', claim };
  return { status: 'ok', claim };
}

/** The URL a phone camera opens: the wallet's check-in page. */
export const checkInPathFor = (token: string) => `/wallet/checkin?c=${encodeURIComponent(token)}`;
