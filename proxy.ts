// Runs before every route (Next 16's successor to middleware): refuses cross-site state changes and
// sets a per-request CSP nonce. It is a first line only — every action, page and route handler still
// checks the caller itself, so a request that skips this file (x-middleware-subrequest) gains nothing.
import { NextResponse, type NextRequest } from 'next/server';
import { moveForwardedChainAside } from '@/lib/http/forwarded';
import { buildContentSecurityPolicy, buildFramedDocumentPolicy, createNonce, HSTS_VALUE, isCrossSiteStateChange, isHttpsRequest, isSameOriginFrameable } from '@/lib/security/request-policy';

export function proxy(request: NextRequest) {
  const isHttps = isHttpsRequest(request);
  if (isCrossSiteStateChange(request, request.nextUrl.pathname)) {
    const refused = NextResponse.json({ status: 'forbidden', message: 'Cross-site request refused' }, { status: 403 });
    refused.headers.set('Cache-Control', 'no-store');
    if (isHttps) refused.headers.set('Strict-Transport-Security', HSTS_VALUE);
    return refused;
  }

  if (isSameOriginFrameable(request.nextUrl.pathname)) {
    // A document for the case page's viewer: no page, no scripts, no nonce; framed by this site only.
    const headers = moveForwardedChainAside(request.headers);
    headers.delete('x-middleware-subrequest');
    const response = NextResponse.next({ request: { headers } });
    response.headers.set('Content-Security-Policy', buildFramedDocumentPolicy({ isHttps }));
    if (isHttps) response.headers.set('Strict-Transport-Security', HSTS_VALUE);
    return response;
  }

  const nonce = createNonce();
  const policy = buildContentSecurityPolicy(nonce, { isDevelopment: process.env.NODE_ENV === 'development', isHttps });
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  // The client's X-Forwarded-For is moved aside so `next start` writes the socket address in its place
  // (lib/http/forwarded.ts); lib/http/client-address.ts then trusts only TRUSTED_PROXY_HOPS of the chain.
  const requestHeaders = moveForwardedChainAside(request.headers);
  requestHeaders.delete('x-middleware-subrequest');
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  if (isHttps) response.headers.set('Strict-Transport-Security', HSTS_VALUE);
  return response;
}

export const config = {
  // Every route but Next's own static files and the copied face-check assets (no HTML there).
  matcher: ['/((?!_next/static|_next/image|favicon.ico|face/).*)'],
};
