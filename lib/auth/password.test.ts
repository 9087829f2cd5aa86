import { describe, expect, it } from 'vitest';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './password';

// Swaps one base64url character for another, so the value stays well formed but differs.
function flipCharacter(value: string, index: number): string {
  const current = value.charAt(index);
  return value.slice(0, index) + (current === 'A' ? 'B' : 'A') + value.slice(index + 1);
}

describe('hashPassword / verifyPassword', () => {
  it('verifies the password it hashed, in the scrypt$N$r$p$salt$key format', async () => {
    const stored = await hashPassword('Wuhan-Demo-2026');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('Wuhan-Demo-2026', stored)).toBe(true);
  });

  it('refuses a wrong password, including one differing only in case or a trailing space', async () => {
    const stored = await hashPassword('Wuhan-Demo-2026');
    expect(await verifyPassword('wuhan-demo-2026', stored)).toBe(false);
    expect(await verifyPassword('Wuhan-Demo-2026 ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('refuses the right password against a hash whose key or salt was tampered with', async () => {
    const stored = await hashPassword('correct horse');
    const parts = stored.split('$');
    const withKey = [...parts.slice(0, 5), flipCharacter(parts[5]!, 3)].join('$');
    const withSalt = [...parts.slice(0, 4), flipCharacter(parts[4]!, 3), parts[5]].join('$');
    const shortKey = [...parts.slice(0, 5), parts[5]!.slice(0, 20)].join('$');
    expect(await verifyPassword('correct horse', withKey)).toBe(false);
    expect(await verifyPassword('correct horse', withSalt)).toBe(false);
    expect(await verifyPassword('correct horse', shortKey)).toBe(false);
  });

  it('returns false, rather than throwing, for stored values it cannot use', async () => {
    const stored = await hashPassword('correct horse');
    const parts = stored.split('$');
    const withCost = (n: string) => [parts[0], n, ...parts.slice(2)].join('$');
    for (const broken of ['', 'plain-text-password', `bcrypt$${parts.slice(1).join('$')}`, withCost('abc'), withCost('3'), withCost('1048576')]) {
      await expect(verifyPassword('correct horse', broken), broken).resolves.toBe(false);
    }
  });

  it('salts each hash, so the same password hashes differently twice and both verify', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('normalises Unicode, so a full-width password typed on a Chinese keyboard matches its NFKC form', async () => {
    const stored = await hashPassword('Ｗｕｈａｎ２０２６');
    expect(await verifyPassword('Wuhan2026', stored)).toBe(true);
  });

  it('matches no password against the dummy hash used for unknown usernames', async () => {
    expect(await verifyPassword('', DUMMY_PASSWORD_HASH)).toBe(false);
    expect(await verifyPassword('Wuhan-Demo-2026', DUMMY_PASSWORD_HASH)).toBe(false);
  });
});
