import { describe, expect, it } from 'vitest';
import { describeBrowser, describePlace, matchChoices } from './qr-sign-in-context';

describe('what the wallet says about a computer asking to sign in', () => {
  it('names the browser and system from the User-Agent, simply', () => {
    expect(describeBrowser('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36')).toBe('Chrome on Windows');
    expect(describeBrowser('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15')).toBe('Safari on macOS');
    expect(describeBrowser('Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0')).toBe('Firefox on Linux');
    expect(describeBrowser('Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/140.0 Safari/537.36 Edg/140.0')).toBe('Edge on Windows');
    expect(describeBrowser(undefined)).toBe('unknown');
  });

  it('gives a coarse place (no GeoIP data): same network as the phone, this machine, a private network or the internet', () => {
    expect(describePlace('203.0.113.5', '203.0.113.5')).toBe('same_network');
    expect(describePlace('127.0.0.1', '10.0.0.2')).toBe('local');
    expect(describePlace('192.168.1.20', '203.0.113.5')).toBe('private_network');
    expect(describePlace('203.0.113.66', '198.51.100.9')).toBe('internet');
    expect(describePlace(undefined, '198.51.100.9')).toBe('unknown');
  });

  it('offers three different two-digit numbers, the right one among them', () => {
    for (let i = 0; i < 200; i += 1) {
      const choices = matchChoices(42);
      expect(choices).toContain(42);
      expect(new Set(choices).size).toBe(3);
      expect(choices.every((c) => c >= 10 && c <= 99)).toBe(true);
    }
  });
});
