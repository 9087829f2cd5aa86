// The HTTP face of the café terminal page (/cafe-terminal), kept out of app/ so the tests call it directly.
// Every request carries the terminal's own key (Authorization: Bearer eidt_…), as POST /api/terminal/verify
// does; the key lives only in the terminal tab's sessionStorage and is sent only to these same-origin routes.
//
//   POST /api/terminal/cafe/codes            {seat}        → 200 {nonce, url, path, svg, expiresAt} a fresh seat QR
//   GET  /api/terminal/cafe/codes/<nonce>                  → 200 {status: 'waiting'} | {status: 'checked_in', checkIn}
//   GET  /api/terminal/cafe/register                       → 200 {rows} this terminal's register, ID numbers masked
//   POST /api/terminal/cafe/check-out        {checkInId}   → 200 {result: 'ok'} | 404 | 409
//   401 without a valid key; 403 for a terminal that is not an internet café; 400 for a malformed body;
//   429 + Retry-After beyond THROTTLE_RULES.cafeTerminalPerTerminal requests a minute from one terminal.
import { z } from 'zod';
import type { Database } from '@/db/connect';
import { localizedJson } from '@/lib/i18n/localize';
import { msg } from '@/lib/i18n/problem';
import { renderIdentityQrSvg } from '@/lib/identity/identity-qr';
import { THROTTLE_RULES } from '@/lib/security/throttle-rules';
import { authenticateAndThrottleTerminal, type AuthenticatedTerminal } from '@/lib/terminals/verify-identity-code';
import { checkInPathFor, issueCheckInToken, SEAT_PATTERN } from './check-in-token';
import { checkOutCafeSeat, findCheckInByNonce, listTerminalRegister } from './check-in';

const NO_STORE = { 'Cache-Control': 'no-store' };
const MAX_BODY_BYTES = 1024;
const NONCE_PATTERN = /^[A-Za-z0-9_-]{22}$/;

// Through localizedJson: a `message` is a reference, sent in the caller's language.
const json = (body: Record<string, unknown>, status = 200, headers: Record<string, string> = {}): Promise<Response> =>
  localizedJson(body, { status, headers: { ...NO_STORE, ...headers } });

const issueBodySchema = z.object({ seat: z.string().trim().regex(SEAT_PATTERN) });
const checkOutBodySchema = z.object({ checkInId: z.uuid() });

type CafeContext = { now?: Date };

async function cafeTerminal(db: Database, request: Request, now = new Date()): Promise<AuthenticatedTerminal | Response> {
  const authenticated = await authenticateAndThrottleTerminal(db, request.headers.get('authorization'), THROTTLE_RULES.cafeTerminalPerTerminal, now, 'cafe-terminal');
  if (!authenticated) {
    return json({ result: 'unauthorized', message: msg('problems.terminals.badKey') }, 401, { 'WWW-Authenticate': 'Bearer realm="eid-terminal"' });
  }
  const { terminal, throttle } = authenticated;
  if (terminal.kind !== 'internet_cafe') return json({ result: 'forbidden', message: msg('problems.cafe.onlyCafe') }, 403);
  if (!throttle.isAllowed) {
    return json({ result: 'throttled', message: msg('problems.cafe.throttled') }, 429, { 'Retry-After': String(throttle.retryAfterSeconds) });
  }
  return terminal;
}

async function readJson<T>(request: Request, schema: z.ZodType<T>): Promise<T | null> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return null;
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A fresh QR for a seat: signed, single use, CHECK_IN_TOKEN_TTL_S seconds; the page asks again when it lapses. */
export async function handleIssueCheckInCode(db: Database, request: Request, ctx: CafeContext & { secret: string; baseUrl: string }): Promise<Response> {
  const terminal = await cafeTerminal(db, request, ctx.now);
  if (terminal instanceof Response) return terminal;
  const body = await readJson(request, issueBodySchema);
  if (!body) return json({ result: 'invalid', message: msg('problems.cafe.badSeat') }, 400);
  const issued = issueCheckInToken(ctx.secret, { terminalId: terminal.id, seat: body.seat }, ctx.now ?? new Date());
  const path = checkInPathFor(issued.token);
  const url = new URL(path, ctx.baseUrl).toString();
  return json({ result: 'ok', nonce: issued.nonce, path, url, svg: await renderIdentityQrSvg(url), expiresAt: issued.expiresAt.toISOString(), seat: body.seat, cafeName: terminal.name });
}

/** What the terminal page polls (every second): has the QR with this nonce been confirmed, here? */
export async function handleCheckInStatus(db: Database, request: Request, nonce: string, ctx: CafeContext = {}): Promise<Response> {
  const terminal = await cafeTerminal(db, request, ctx.now);
  if (terminal instanceof Response) return terminal;
  if (!NONCE_PATTERN.test(nonce)) return json({ result: 'not_found' }, 404);
  const checkIn = await findCheckInByNonce(db, terminal, nonce);
  return json(checkIn ? { status: 'checked_in', checkIn } : { status: 'waiting' });
}

export async function handleTerminalRegister(db: Database, request: Request, ctx: CafeContext = {}): Promise<Response> {
  const terminal = await cafeTerminal(db, request, ctx.now);
  if (terminal instanceof Response) return terminal;
  return json({ result: 'ok', cafeName: terminal.name, rows: await listTerminalRegister(db, terminal) });
}

export async function handleCheckOut(db: Database, request: Request, ctx: CafeContext = {}): Promise<Response> {
  const terminal = await cafeTerminal(db, request, ctx.now);
  if (terminal instanceof Response) return terminal;
  const body = await readJson(request, checkOutBodySchema);
  if (!body) return json({ result: 'invalid', message: msg('problems.cafe.checkOutBody') }, 400);
  const done = await checkOutCafeSeat(db, terminal, body.checkInId, ctx.now);
  if (done.status === 'ok') return json({ result: 'ok', checkedOutAt: done.data.checkedOutAt.toISOString() });
  return json({ result: done.status, message: done.message }, done.status === 'not_found' ? 404 : 409);
}

/** What a route answers when the operation threw (already logged, masked, by runMasked): never the error. */
export function cafeTerminalError(): Promise<Response> {
  return json({ result: 'error', message: msg('problems.common.unavailable') }, 500);
}
