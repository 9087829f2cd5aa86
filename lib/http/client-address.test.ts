import { describe, expect, it } from 'vitest';
import { clientAddressFrom } from './client-address';
import { headersAsTheAppSeesThem } from './request-headers.testing';

const SOCKET = '203.0.113.50';
const seen = (sent: Record<string, string>) => headersAsTheAppSeesThem('http://portal.test/sign-in', { origin: 'http://portal.test', ...sent }, SOCKET);

describe('client address from trusted proxy hops', () => {
  it('takes the socket address with 0 hops (the default), whatever X-Forwarded-For or X-Real-IP say', () => {
    expect(clientAddressFrom(seen({}), 0)).toBe(SOCKET);
    expect(clientAddressFrom(seen({ 'x-forwarded-for': '198.51.100.1' }), 0)).toBe(SOCKET);
    expect(clientAddressFrom(seen({ 'x-forwarded-for': '198.51.100.1, 198.51.100.2', 'x-real-ip': '198.51.100.3' }), 0)).toBe(SOCKET);
    // A client naming the proxy's own header gains nothing either: the proxy overwrites it.
    expect(clientAddressFrom(seen({ 'x-eid-forwarded-for': '198.51.100.4' }), 0)).toBe(SOCKET);
  });

  it('with 1 hop takes the address the proxy appended, never what the client put before it', () => {
    expect(clientAddressFrom(seen({ 'x-forwarded-for': '10.9.9.9, 198.51.100.7' }), 1)).toBe('198.51.100.7');
    expect(clientAddressFrom(seen({ 'x-forwarded-for': '198.51.100.7' }), 1)).toBe('198.51.100.7');
    // No header at all (the proxy was bypassed): the socket is all there is.
    expect(clientAddressFrom(seen({}), 1)).toBe(SOCKET);
    expect(clientAddressFrom(seen({ 'x-forwarded-for': '1.1.1.1, 10.0.0.1, 198.51.100.7' }), 2)).toBe('10.0.0.1');
  });

  it('reads the header record next-auth passes, and refuses what is not an address', () => {
    expect(clientAddressFrom({ 'x-forwarded-for': '::ffff:127.0.0.1' }, 0)).toBe('127.0.0.1');
    expect(clientAddressFrom({ 'x-eid-forwarded-for': 'not-an-address', 'x-forwarded-for': SOCKET }, 1)).toBeUndefined();
    expect(clientAddressFrom(undefined, 0)).toBeUndefined();
  });
});
