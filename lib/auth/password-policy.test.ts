import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '@/db/seed';
import { hashNewPassword, verifyPassword } from './password';
import { checkPasswordPolicy } from './password-policy';

describe('password policy', () => {
  it('accepts a long password unrelated to the username (the demo one included)', () => {
    expect(checkPasswordPolicy('correct horse battery', 'clerk06')).toEqual([]);
    expect(checkPasswordPolicy(DEMO_PASSWORD, 'supervisor')).toEqual([]);
  });
  it('refuses fewer than 12 characters, counting characters not bytes', () => {
    expect(checkPasswordPolicy('short-pass1', 'clerk06')).toEqual(['too_short']);
    expect(checkPasswordPolicy('武汉公安网上审批电子身份证', 'clerk06')).toEqual([]);
    expect(checkPasswordPolicy('武汉公安网上审批', 'clerk06')).toEqual(['too_short']);
  });
  it('refuses a well-known password in any case', () => {
    expect(checkPasswordPolicy('Password1234', 'clerk06')).toEqual(['common']);
    expect(checkPasswordPolicy('QWERTYUIOP123', 'clerk06')).toEqual(['common']);
  });
  it('refuses a password containing the username', () => {
    expect(checkPasswordPolicy('my-Clerk06-password', 'clerk06')).toEqual(['contains_username']);
    expect(checkPasswordPolicy('supervisor-2026!', ' Supervisor ')).toEqual(['contains_username']);
  });
  it('hashes only a password the policy accepts', async () => {
    expect(await hashNewPassword('clerk06clerk06', 'clerk06')).toEqual({ ok: false, problems: ['contains_username'] });
    const accepted = await hashNewPassword('a long and unusual phrase', 'clerk06');
    if (!accepted.ok) throw new Error('refused');
    expect(await verifyPassword('a long and unusual phrase', accepted.hash)).toBe(true);
  });
});
