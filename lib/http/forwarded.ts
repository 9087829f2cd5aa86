// What the proxy (proxy.ts) does with X-Forwarded-For, as a pure function with no imports so the proxy
// stays light and the rule is unit-tested on its own.
//
// `next start` fills X-Forwarded-For with the socket's address only when the request has none
// (`??=` in Next's base server), so a header a client sends itself reaches route handlers and server
// actions untouched and looks exactly like the socket. The proxy therefore moves whatever arrived into
// FORWARDED_CHAIN_HEADER (overwriting any client-sent value of that name) and removes X-Forwarded-For:
// Next then writes the socket address there, and lib/http/client-address.ts reads the chain and the
// socket apart, trusting only TRUSTED_PROXY_HOPS entries from the right.

export const FORWARDED_CHAIN_HEADER = 'x-eid-forwarded-for';

/** The request headers the app gets: the client's X-Forwarded-For moved aside, never trusted as the socket. */
export function moveForwardedChainAside(headers: Headers): Headers {
  const next = new Headers(headers);
  const chain = headers.get('x-forwarded-for');
  next.delete('x-forwarded-for');
  next.delete('x-real-ip');
  if (chain) next.set(FORWARDED_CHAIN_HEADER, chain);
  else next.delete(FORWARDED_CHAIN_HEADER);
  return next;
}
