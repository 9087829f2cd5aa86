import { describe, expect, it } from 'vitest';
import { deriveDemoTerminalKey, demoTerminalKeys, generateTerminalApiKey, hashTerminalApiKey, TERMINAL_KEY_PATTERN, terminalApiKeyPrefix } from './api-keys';
import { isAdultOn } from './verify-identity-code';

describe('terminal API keys', () => {
  it('are "eidt_" and 52 base32 characters (32 random bytes), different every time', () => {
    const keys = new Set(Array.from({ length: 50 }, () => generateTerminalApiKey()));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(TERMINAL_KEY_PATTERN);
  });

  it('are stored as a 64-hex-digit SM3 hash and shown by a short prefix', () => {
    const key = generateTerminalApiKey();
    const hash = hashTerminalApiKey(key);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashTerminalApiKey(key));
    expect(hash).not.toBe(hashTerminalApiKey(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`));
    // SM3("abc") from GB/T 32905 appendix A.
    expect(hashTerminalApiKey('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(terminalApiKeyPrefix(key)).toBe(key.slice(0, 11));
  });

  it('derives the same demo key for the same secret and kind, and different ones otherwise', () => {
    expect(deriveDemoTerminalKey('secret-one-0123456789', 'event_gate')).toBe(deriveDemoTerminalKey('secret-one-0123456789', 'event_gate'));
    expect(deriveDemoTerminalKey('secret-one-0123456789', 'event_gate')).not.toBe(deriveDemoTerminalKey('secret-two-0123456789', 'event_gate'));
    const keys = demoTerminalKeys('secret-one-0123456789');
    expect(new Set(Object.values(keys)).size).toBe(3);
    for (const key of Object.values(keys)) expect(key).toMatch(TERMINAL_KEY_PATTERN);
  });
});

describe('isAdultOn (Beijing date)', () => {
  it('turns 18 on the birthday in Beijing, even while it is still the day before in UTC', () => {
    expect(isAdultOn('2008-11-20', new Date('2026-11-19T15:59:59Z'))).toBe(false); // 23:59:59 on the 19th in Beijing
    expect(isAdultOn('2008-11-20', new Date('2026-11-19T16:00:00Z'))).toBe(true); // 00:00 on the 20th in Beijing
    expect(isAdultOn('1990-01-01', new Date('2026-11-19T16:00:00Z'))).toBe(true);
    expect(isAdultOn('2015-06-01', new Date('2026-11-19T16:00:00Z'))).toBe(false);
  });

  it('counts someone born on 29 February as adult from 1 March in a common year', () => {
    expect(isAdultOn('2008-02-29', new Date('2026-02-28T12:00:00+08:00'))).toBe(false);
    expect(isAdultOn('2008-02-29', new Date('2026-03-01T00:00:00+08:00'))).toBe(true);
  });
});
