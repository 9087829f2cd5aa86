// What the proxy (proxy.ts) applies to every request: the Content-Security-Policy and security
// headers, and the same-origin rule for anything that changes state. Pure functions, no Next imports,
// so they are unit-tested on their own. Authorization itself stays in each action and route handler.
import { isSameOriginRequest } from '@/lib/http/responses';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// Server-to-server endpoints with their own authentication (HMAC signature, terminal bearer key):
// they are never called from a browser page, so they carry no Origin to check.
const CROSS_SITE_EXEMPT_PREFIXES = ['/api/couriers/', '/api/terminal/'];

/**
 * A state-changing request (any non-GET: server actions, route handlers, next-auth's sign-in) is
 * accepted only from this site: its Origin names this host, or, with no Origin at all, the browser
 * says Sec-Fetch-Site: same-origin. A request with neither is refused — a server action is never run
 * for a caller that cannot show it came from one of our pages.
 */
export function isCrossSiteStateChange(request: Request, pathname: string): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  if (CROSS_SITE_EXEMPT_PREFIXES.some((prefix) => pathname.startsWith(prefix))) return false;
  return !isSameOriginRequest(request);
}

export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The page CSP. Scripts run only with this response's nonce (and what those scripts load:
 * 'strict-dynamic'); the face check compiles WebAssembly ('wasm-unsafe-eval') and fetches its models
 * from this origin. Styles allow inline attributes: React's style={…} needs them, and styles cannot
 * run code. Development adds 'unsafe-eval' for React's dev tooling.
 */
export function buildContentSecurityPolicy(nonce: string, options: { isDevelopment: boolean; isHttps: boolean }): string {
  const directives = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${options.isDevelopment ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'`,
    `worker-src 'self' blob:`,
    `media-src 'self' blob:`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `frame-ancestors 'none'`,
    `form-action 'self'`,
    ...(options.isHttps ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

// The case page shows uploaded PDFs in the browser's own viewer, an iframe of this site: those
// responses (and only those) may be framed, by this origin alone. Everything else keeps
// frame-ancestors 'none' and X-Frame-Options DENY (next.config.js has the matching header rule).
export const SAME_ORIGIN_FRAMEABLE_PREFIXES = ['/api/documents/'] as const;

export function isSameOriginFrameable(pathname: string): boolean {
  return SAME_ORIGIN_FRAMEABLE_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

/**
 * The CSP of a private document itself (a PDF or an image, never HTML): it runs nothing, loads
 * nothing from elsewhere, and only this site may frame it. Inline styles and this origin's images
 * are what Chromium's PDF viewer needs to draw the pages.
 */
export function buildFramedDocumentPolicy(options: { isHttps: boolean }): string {
  return [
    `default-src 'none'`,
    `img-src 'self' data: blob:`,
    `style-src 'unsafe-inline'`,
    `object-src 'self'`,
    `base-uri 'none'`,
    `form-action 'none'`,
    `frame-ancestors 'self'`,
    ...(options.isHttps ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export const HSTS_VALUE = 'max-age=63072000; includeSubDomains';

/** Served over https (directly, or behind a proxy that says so): only then is HSTS sent. */
export function isHttpsRequest(request: Request): boolean {
  const forwarded = request.headers.get('x-forwarded-proto');
  if (forwarded) return forwarded.split(',')[0]!.trim() === 'https';
  return new URL(request.url).protocol === 'https:';
}
