// For tests: the request headers a route handler or server action sees after proxy.ts and `next start`
// handled a request, built with the real proxy and Next's own two steps (lib/http/forwarded.ts says why).
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';

export function headersAsTheAppSeesThem(url: string, sent: Record<string, string>, socketAddress: string, method = 'POST'): Headers {
  sent = { host: new URL(url).host, ...sent };
  const response = proxy(new NextRequest(url, { method, headers: sent }));
  if (response.status !== 200) throw new Error(`the proxy refused the request (${response.status})`);
  const seen = new Headers(sent);
  // Next's router applies the proxy's request-header overrides (deleting what the proxy removed)…
  const overridden = response.headers.get('x-middleware-override-headers');
  if (overridden) {
    const names = overridden.split(',').map((n) => n.trim());
    for (const name of [...seen.keys()]) if (!names.includes(name)) seen.delete(name);
    for (const name of names) {
      const value = response.headers.get(`x-middleware-request-${name}`);
      if (value === null) seen.delete(name);
      else seen.set(name, value);
    }
  }
  // …then its base server fills X-Forwarded-For with the socket address, only when none is left.
  if (!seen.has('x-forwarded-for')) seen.set('x-forwarded-for', socketAddress);
  return seen;
}
