import { describe, expect, it } from 'vitest';
import { CHECK_IN_TOKEN_MAX_LENGTH, CHECK_IN_TOKEN_TTL_S, checkInPathFor, issueCheckInToken, readCheckInToken } from './check-in-token';

const SECRET = 'check-in-token-unit-secret';
const T0 = new Date('2026-11-20T02:00:00Z');
const TERMINAL = '3f2b8c1e-7d4a-4e5b-9c6d-0a1b2c3d4e5f';
const at = (s: number) => new Date(T0.getTime() + s * 1000);

describe('café check-in token', () => {
  it('reads back what it was issued for, until it expires', () => {
    const issued = issueCheckInToken(SECRET, { terminalId: TERMINAL, seat: 'A12' }, T0);
    expect(issued.expiresAt).toEqual(at(CHECK_IN_TOKEN_TTL_S));
    expect(readCheckInToken(SECRET, issued.token, at(CHECK_IN_TOKEN_TTL_S - 1))).toEqual({
      status: 'ok',
      claim: { terminalId: TERMINAL, seat: 'A12', nonce: issued.nonce, expiresAt: issued.expiresAt },
    });
    expect(readCheckInToken(SECRET, issued.token, at(CHECK_IN_TOKEN_TTL_S)).status).toBe('expired');
  });

  it('gives every token its own nonce, and fits a QR-friendly URL', () => {
    const a = issueCheckInToken(SECRET, { terminalId: TERMINAL, seat: 'VIP-3333' }, T0);
    const b = issueCheckInToken(SECRET, { terminalId: TERMINAL, seat: 'VIP-3333' }, T0);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.token.length).toBeLessThanOrEqual(CHECK_IN_TOKEN_MAX_LENGTH);
    expect(checkInPathFor(a.token)).toMatch(/^\/wallet\/checkin\?c=C1\.[\w.-]+$/);
  });

  it('refuses any change to the terminal, seat, expiry, nonce or signature, and another secret', () => {
    const { token } = issueCheckInToken(SECRET, { terminalId: TERMINAL, seat: 'A12' }, T0);
    const parts = token.split('.');
    const changed = (index: number, value: string) => parts.map((p, i) => (i === index ? value : p)).join('.');
    for (const bad of [
      changed(1, '3f2b8c1e-7d4a-4e5b-9c6d-0a1b2c3d4e50'),
      changed(2, 'A13'),
      changed(3, String(Number(parts[3]) + 600)),
      changed(4, 'A'.repeat(22)),
      changed(5, parts[5]!.slice(0, -1) + (parts[5]!.endsWith('A') ? 'B' : 'A')),
      token + 'x',
      'C1.junk',
      'x'.repeat(CHECK_IN_TOKEN_MAX_LENGTH + 1),
    ]) {
      expect(readCheckInToken(SECRET, bad, T0).status, bad).toBe('invalid');
    }
    expect(readCheckInToken('another-secret', token, T0).status).toBe('invalid');
  });

  it('will not issue for a seat outside the pattern', () => {
    expect(() => issueCheckInToken(SECRET, { terminalId: TERMINAL, seat: 'A.1' }, T0)).toThrow();
    expect(() => issueCheckInToken(SECRET, { terminalId: TERMINAL, seat: '' }, T0)).toThrow();
  });
});
