import { describe, expect, it } from 'vitest';
import { isSameOriginRequest } from '@/lib/http/responses';
import { buildContentSecurityPolicy, buildFramedDocumentPolicy, createNonce, isCrossSiteStateChange, isHttpsRequest, isSameOriginFrameable } from './request-policy';

const post = (path: string, headers: Record<string, string>) => new Request(`http://portal.test${path}`, { method: 'POST', headers: { host: 'portal.test', ...headers } });

describe('same-origin rule for state changes', () => {
  it('accepts a POST whose Origin is this host', () => {
    expect(isCrossSiteStateChange(post('/me', { origin: 'http://portal.test', 'next-action': 'abc' }), '/me')).toBe(false);
  });
  it('refuses a POST from another origin, or with an unparseable one', () => {
    expect(isCrossSiteStateChange(post('/me', { origin: 'https://evil.example', 'next-action': 'abc' }), '/me')).toBe(true);
    expect(isCrossSiteStateChange(post('/me', { origin: 'null', 'next-action': 'abc' }), '/me')).toBe(true);
  });
  it('refuses a server action with no Origin unless the browser says same-origin', () => {
    expect(isCrossSiteStateChange(post('/me', { 'next-action': 'abc' }), '/me')).toBe(true);
    expect(isCrossSiteStateChange(post('/me', { 'next-action': 'abc', 'sec-fetch-site': 'same-site' }), '/me')).toBe(true);
    expect(isCrossSiteStateChange(post('/me', { 'next-action': 'abc', 'sec-fetch-site': 'same-origin' }), '/me')).toBe(false);
  });
  it('refuses cross-site POSTs to state-changing route handlers, and leaves GETs alone', () => {
    expect(isCrossSiteStateChange(post('/api/wallet/identity-qr', {}), '/api/wallet/identity-qr')).toBe(true);
    expect(isCrossSiteStateChange(new Request('http://portal.test/api/health', { headers: { origin: 'https://evil.example' } }), '/api/health')).toBe(false);
  });
  it('never trusts X-Forwarded-Host: an attacker naming their own origin there is refused (issue 15 item 6)', () => {
    expect(isCrossSiteStateChange(post('/me', { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example', 'next-action': 'abc' }), '/me')).toBe(true);
    expect(isSameOriginRequest(post('/me', { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' }), ['https://eid.wuhan.example'])).toBe(false);
  });
  it('accepts the configured public origin when a proxy in front rewrote Host', () => {
    const behindProxy = new Request('http://10.0.0.5:3000/me', { method: 'POST', headers: { host: '10.0.0.5:3000', origin: 'https://eid.wuhan.example' } });
    expect(isSameOriginRequest(behindProxy, ['https://eid.wuhan.example'])).toBe(true);
    expect(isSameOriginRequest(behindProxy, [])).toBe(false);
  });
  it('leaves the server-to-server endpoints (own authentication) to their own checks', () => {
    expect(isCrossSiteStateChange(post('/api/terminal/verify', {}), '/api/terminal/verify')).toBe(false);
    expect(isCrossSiteStateChange(post('/api/couriers/EMS/webhook', {}), '/api/couriers/EMS/webhook')).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows scripts only with the nonce, and forbids plugins, framing, base and foreign form targets', () => {
    const nonce = createNonce();
    const policy = buildContentSecurityPolicy(nonce, { isDevelopment: false, isHttps: false });
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'`);
    for (const directive of [`object-src 'none'`, `base-uri 'self'`, `frame-ancestors 'none'`, `form-action 'self'`, `worker-src 'self' blob:`, `connect-src 'self'`]) {
      expect(policy).toContain(directive);
    }
    expect(policy).not.toContain(`'unsafe-eval'`);
    expect(policy).not.toContain('upgrade-insecure-requests');
  });
  it('lets only this site frame an uploaded document, which itself may run and load nothing', () => {
    expect(isSameOriginFrameable('/api/documents/0b0c5a38-1f7e-4f43-9d55-3a8a5c1f2e10')).toBe(true);
    for (const path of ['/', '/staff/cases/x', '/api/certificates/x', '/api/documentsx', '/me/api/documents/x']) expect(isSameOriginFrameable(path)).toBe(false);
    const policy = buildFramedDocumentPolicy({ isHttps: true });
    expect(policy).toContain(`frame-ancestors 'self'`);
    expect(policy).toContain(`default-src 'none'`);
    expect(policy).not.toMatch(/script-src|'unsafe-eval'|\*/);
    expect(policy).toContain('upgrade-insecure-requests');
  });
  it('makes a fresh unpredictable nonce each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    expect([...nonces][0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
  it('knows https from the forwarded protocol or the URL', () => {
    expect(isHttpsRequest(new Request('http://portal.test/', { headers: { 'x-forwarded-proto': 'https' } }))).toBe(true);
    expect(isHttpsRequest(new Request('https://portal.test/'))).toBe(true);
    expect(isHttpsRequest(new Request('http://portal.test/'))).toBe(false);
  });
});
