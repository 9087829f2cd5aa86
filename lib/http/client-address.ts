import { isIP } from 'node:net';
import { getEnv } from '@/lib/env';
import { FORWARDED_CHAIN_HEADER } from './forwarded';

type HeaderSource = Headers | Record<string, unknown> | undefined;

function read(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  if (Array.isArray(value)) return value.join(',');
  return typeof value === 'string' ? value : undefined;
}

const normalise = (address: string) => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

/**
 * The one place the app learns a client's address (every per-client limit keys on it).
 *
 * The chain is what the client side of the socket claimed (moved aside by proxy.ts), then the socket's
 * own address (X-Forwarded-For as `next start` fills it once the proxy removed the client's). With
 * `hops` trusted proxies in front (TRUSTED_PROXY_HOPS, default 0), the address is the entry `hops`
 * places from the right: each trusted proxy appends the address it saw, so everything further left
 * was written by the client and is ignored. 0 = the socket itself, whatever headers say.
 *
 * Undefined when there is no usable address: callers then skip per-client limits rather than pool
 * every unidentified visitor into one bucket. Per-account and per-record limits always apply.
 */
export function clientAddressFrom(headers: HeaderSource, hops: number = getEnv().TRUSTED_PROXY_HOPS): string | undefined {
  const claimed = (read(headers, FORWARDED_CHAIN_HEADER) ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const socket = read(headers, 'x-forwarded-for')?.split(',').at(-1)?.trim();
  const chain = socket ? [...claimed, socket] : claimed;
  if (!socket && hops === 0) return undefined;
  const chosen = chain[Math.max(0, chain.length - 1 - hops)];
  if (!chosen) return undefined;
  const address = normalise(chosen);
  return isIP(address) ? address : undefined;
}
