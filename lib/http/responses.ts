import type { Result } from '@/lib/result';

const HTTP_STATUS: Record<Result<unknown>['status'], number> = { ok: 200, invalid: 400, forbidden: 403, conflict: 409, not_found: 404 };

/** A JSON response for an operation's result, never cached: these carry personal state. */
export function resultResponse(result: Result<unknown>, init: { unauthenticated?: boolean } = {}): Response {
  return Response.json(result, { status: init.unauthenticated ? 401 : HTTP_STATUS[result.status], headers: { 'Cache-Control': 'no-store' } });
}

/**
 * Refuses a state-changing request sent from another site. Browsers send Origin on every
 * cross-origin POST (and on same-origin fetches), so a mismatch is a cross-site request; a missing
 * one must carry Sec-Fetch-Site same-origin (every current browser sends it).
 */
export function isSameOriginRequest(request: Request): boolean {
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (origin) {
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return request.headers.get('sec-fetch-site') === 'same-origin';
}
