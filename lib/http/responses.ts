import { getEnv } from '@/lib/env';
import { localizedJson } from '@/lib/i18n/localize';
import type { Result } from '@/lib/result';

const HTTP_STATUS: Record<Result<unknown>['status'], number> = { ok: 200, invalid: 400, forbidden: 403, conflict: 409, not_found: 404 };

/** A JSON response for an operation's result in the caller's language, never cached: these carry personal state. */
export function resultResponse(result: Result<unknown>, init: { unauthenticated?: boolean } = {}): Promise<Response> {
  return localizedJson(result, { status: init.unauthenticated ? 401 : HTTP_STATUS[result.status], headers: { 'Cache-Control': 'no-store' } });
}

/** The portal's public origins as configured (PUBLIC_BASE_URL, NEXTAUTH_URL), never read from a request header. */
function configuredPublicOrigins(): string[] {
  const origins: string[] = [];
  const env = getEnv();
  for (const value of [env.PUBLIC_BASE_URL, env.NEXTAUTH_URL]) {
    try {
      if (value?.trim()) origins.push(new URL(value).origin);
    } catch {
      // lib/env.ts refuses a malformed PUBLIC_BASE_URL at start-up; ignore it here.
    }
  }
  return origins;
}

/**
 * Refuses a state-changing request sent from another site. Browsers send Origin on every
 * cross-origin POST (and on same-origin fetches), so a mismatch is a cross-site request; a missing
 * one must carry Sec-Fetch-Site same-origin (every current browser sends it).
 *
 * The Origin must be the configured public origin, or the Host the browser connected to. Never
 * X-Forwarded-Host: any client can write it, and a proxy that rewrites Host is covered by the
 * configured origin.
 */
export function isSameOriginRequest(request: Request, publicOrigins: readonly string[] = configuredPublicOrigins()): boolean {
  const origin = request.headers.get('origin');
  if (origin) {
    let claimed: URL;
    try {
      claimed = new URL(origin);
    } catch {
      return false;
    }
    if (publicOrigins.includes(claimed.origin)) return true;
    const host = request.headers.get('host');
    return host !== null && claimed.host === host;
  }
  return request.headers.get('sec-fetch-site') === 'same-origin';
}
