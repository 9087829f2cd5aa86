// The HTTP face of POST /api/terminal/verify, kept out of app/ so the tests can call it directly.
//
//   401 { result: 'unauthorized' }           no key, a malformed, unknown or deactivated key
//   429 { result: 'throttled' } + Retry-After more scans than THROTTLE_RULES.terminalVerifyPerTerminal
//   400 { result: 'invalid', message }        the body is not JSON { "code": string ≤ 512 }
//   200 { result, ...attributes }             accepted | expired | invalid | revoked | replayed
//   (a kind that shows a photo gets `photo`: a link for GET /api/terminal/photo/<token> with the same key,
//    valid PHOTO_LINK_TTL_S seconds, or null — never the image inside the JSON)
//
// Two statements in all: the key with the terminal’s rate limit, then the verification (verify-identity-code.ts);
// an event gate adds two to find the event open at the gate and the scanned person’s ticket.
// The scanned code is never echoed back or logged.
import { z } from 'zod';
import type { Database } from '@/db/connect';
import type { IdentityQrCodec } from '@/lib/identity/identity-qr';
import { localizedJson } from '@/lib/i18n/localize';
import { msg } from '@/lib/i18n/problem';
import { THROTTLE_RULES } from '@/lib/security/throttle-rules';
import { authenticateAndThrottleTerminal, authenticateTerminal, loadTerminalPhoto, verifyIdentityCode } from './verify-identity-code';

export const MAX_SCANNED_CODE_LENGTH = 512;
// A body can only be {"code": "<≤ 512 characters>"}; anything much larger is refused unread.
const MAX_BODY_BYTES = 4096;

const verifyBodySchema = z.object({ code: z.string().max(MAX_SCANNED_CODE_LENGTH) });

const NO_STORE = { 'Cache-Control': 'no-store' };

// Through localizedJson: a `message` is a reference, sent in the caller's language.
function json(body: Record<string, unknown>, status: number, headers: Record<string, string> = {}): Promise<Response> {
  return localizedJson(body, { status, headers: { ...NO_STORE, ...headers } });
}

export async function handleTerminalVerifyRequest(
  db: Database,
  request: Request,
  ctx: { loadCodec: () => Promise<IdentityQrCodec>; photoTokenSecret: string; now?: Date; purgeChance?: number },
): Promise<Response> {
  const now = ctx.now ?? new Date();
  const authenticated = await authenticateAndThrottleTerminal(db, request.headers.get('authorization'), THROTTLE_RULES.terminalVerifyPerTerminal, now);
  if (!authenticated) return unauthorized();
  const { terminal, throttle } = authenticated;
  if (!throttle.isAllowed) {
    return json({ result: 'throttled', message: msg('problems.terminals.throttled') }, 429, {
      'Retry-After': String(throttle.retryAfterSeconds),
    });
  }

  const body = await readBody(request);
  if (!body) return json({ result: 'invalid', message: msg('problems.terminals.verifyBody') }, 400);

  const verification = await verifyIdentityCode(db, terminal, body.code, { codec: await ctx.loadCodec(), photoTokenSecret: ctx.photoTokenSecret, now, purgeChance: ctx.purgeChance });
  return json(verification.result === 'accepted' ? { result: 'accepted', ...verification.attributes } : { result: verification.result }, 200);
}

function unauthorized(): Promise<Response> {
  return json({ result: 'unauthorized', message: msg('problems.terminals.badKey') }, 401, {
    'WWW-Authenticate': 'Bearer realm="eid-terminal"',
  });
}

/**
 * GET /api/terminal/photo/<token>: the registry photo a verify answer linked to, for the same terminal
 * (its Bearer key), within the link's lifetime. 401 without a valid key, 404 for anything else (an
 * expired, forged or another terminal's link, a kind without photos) so a probe learns nothing.
 */
export async function handleTerminalPhotoRequest(db: Database, request: Request, token: string, ctx: { photoTokenSecret: string; now?: Date }): Promise<Response> {
  const terminal = await authenticateTerminal(db, request.headers.get('authorization'));
  if (!terminal) return unauthorized();
  const photo = await loadTerminalPhoto(db, terminal, token, ctx);
  if (!photo) return json({ result: 'not_found' }, 404);
  return new Response(Buffer.from(photo.content), {
    status: 200,
    headers: { ...NO_STORE, 'Content-Type': photo.mimeType, 'Content-Length': String(photo.content.byteLength), 'X-Content-Type-Options': 'nosniff' },
  });
}

async function readBody(request: Request): Promise<z.infer<typeof verifyBodySchema> | null> {
  const text = await readTextUpTo(request, MAX_BODY_BYTES);
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = verifyBodySchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The body as text, or null once it passes `limit` bytes (the rest is never read). */
async function readTextUpTo(request: Request, limit: number): Promise<string | null> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
