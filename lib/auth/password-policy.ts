import { msg } from '@/lib/i18n/problem';

// The rule for any password a person sets (ASVS V2.1): long enough, not a well-known one, and not
// built on the username. Checked wherever a password is set (lib/auth/password.ts hashNewPassword).
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

// The most used passwords that reach 12 characters (from public breach lists), and this portal's obvious ones.
const COMMON_PASSWORDS = new Set(
  [
    '123456789012', '1234567890123', '12345678901234', '123456123456', '111111111111', '000000000000',
    'qwertyuiop123', 'qwerty123456', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'qazwsxedcrfv', 'zaq12wsxcde3',
    'password1234', 'password123!', 'passw0rd1234', 'p@ssw0rd1234', 'iloveyou1234', 'abcdefghijkl',
    'abc123456789', 'a1b2c3d4e5f6', 'welcome12345', 'letmein12345', 'admin1234567', 'administrator',
    'administrator1', 'changeme1234', 'football1234', 'baseball1234', 'sunshine1234', 'princess1234',
    'qwertyqwerty', 'asdfghjkl123', 'woaini1314520', '5201314520', 'woaini123456', 'aa123456789',
    'wuhan1234567', 'wuhan123456789', 'gongan123456', 'police123456', 'eid123456789',
  ].map((p) => p.toLowerCase()),
);

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_username';

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: msg('problems.auth.password.tooShort', { min: PASSWORD_MIN_LENGTH }),
  too_long: msg('problems.auth.password.tooLong', { max: PASSWORD_MAX_LENGTH }),
  common: msg('problems.auth.password.common'),
  contains_username: msg('problems.auth.password.containsUsername'),
};

export function checkPasswordPolicy(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password.normalize('NFKC')].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  if (COMMON_PASSWORDS.has(password.toLowerCase())) problems.push('common');
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) problems.push('contains_username');
  return problems;
}
