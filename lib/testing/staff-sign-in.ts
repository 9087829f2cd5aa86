import type { Database } from '@/db/connect';
import { DEMO_PASSWORD } from '@/db/seed';
import { beginStaffSignIn, completeStaffSignIn, type TwoFactorRequirement } from '@/lib/auth/staff-sign-in';
import type { SealingInput } from '@/lib/auth/totp-sealing';

/** Both steps of staff sign-in in one call, for tests: the password, then the code (if any). */
export async function signInStaffBothSteps(
  db: Database,
  input: { username: string; password?: string; code?: string; clientAddress?: string },
  now = new Date(),
  options: { sealing?: SealingInput; requirement?: TwoFactorRequirement } = {},
) {
  const first = await beginStaffSignIn(db, { username: input.username, password: input.password ?? DEMO_PASSWORD }, now, input.clientAddress);
  if (first.status !== 'ok') return first;
  return completeStaffSignIn(db, { attempt: first.data.attempt, code: input.code }, options.sealing ?? 'test-only-auth-secret-for-totp-0123456789', options.requirement ?? 'privileged', now);
}
