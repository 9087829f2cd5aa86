import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/connect';
import { staffUsers } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import { invalid, ok, type Result } from '@/lib/result';
import { formatRetryAfter, hitThrottle, peekThrottle } from '@/lib/security/throttle';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password';
import { startStaffSession } from './staff-session';
import { checkStaffTotp, hasConfirmedTotp } from './staff-totp';

export const staffSignInSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
  // The authenticator code, for staff enrolled in two-factor sign-in.
  otp: z.string().trim().max(12).optional(),
});

// One answer for every failure (password, code, or a code already used), so none is revealed alone.
/** Failed staff sign-ins (password or code) allowed per username before it waits (ASVS 2.2.1). */
export const STAFF_SIGN_IN_FAILURE_RULE = { limit: 10, windowSeconds: 15 * 60 };

export const STAFF_SIGN_IN_FAILED = '用户名、密码或动态验证码错误 / Wrong username, password or authenticator code';

/**
 * Checks the password and, for staff enrolled in TOTP, the authenticator code (authSecret opens the
 * sealed secret); when both hold, starts a server-side staff session (lib/auth/staff-session.ts).
 */
export async function verifyStaffPassword(db: Database, input: unknown, now = new Date(), authSecret?: string): Promise<Result<{ staffId: string; sessionId: string }>> {
  const parsed = staffSignInSchema.safeParse(input);
  if (!parsed.success) return invalid(STAFF_SIGN_IN_FAILED);
  const username = parsed.data.username.toLowerCase();
  // Counted per username whether or not it exists, so the lock reveals nothing about which do.
  const throttleKey = `staff-sign-in-failures:${username}`;
  const lock = await peekThrottle(db, throttleKey, STAFF_SIGN_IN_FAILURE_RULE, now);
  if (!lock.isAllowed) {
    const wait = formatRetryAfter(lock.retryAfterSeconds);
    return invalid(`登录失败次数过多，请 ${wait.zh}后再试 / Too many failed sign-ins; try again in ${wait.en}`);
  }
  const [staff] = await db.select().from(staffUsers).where(eq(staffUsers.username, username));
  // Hash even when the user is unknown, so timing does not reveal which usernames exist.
  const isMatch = await verifyPassword(parsed.data.password, staff?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!staff || !staff.isActive || !isMatch) {
    await hitThrottle(db, throttleKey, STAFF_SIGN_IN_FAILURE_RULE, now);
    if (staff) {
      await writeAudit(db, { action: 'staff.sign_in_failed', actorType: 'public', actorId: null, subjectType: 'staff', subjectId: staff.id });
    }
    return invalid(STAFF_SIGN_IN_FAILED);
  }
  if (await hasConfirmedTotp(db, staff.id)) {
    if (!authSecret) throw new Error('verifyStaffPassword needs the auth secret for a staff member enrolled in TOTP');
    const check = await checkStaffTotp(db, staff.id, parsed.data.otp ?? '', authSecret, now);
    if (check !== 'ok') {
      await hitThrottle(db, throttleKey, STAFF_SIGN_IN_FAILURE_RULE, now);
      await writeAudit(db, { action: 'staff.sign_in_failed', actorType: 'public', actorId: null, subjectType: 'staff', subjectId: staff.id, details: { factor: 'totp', reason: check } });
      return invalid(STAFF_SIGN_IN_FAILED);
    }
  }
  const sessionId = await db.transaction(async (tx) => {
    const id = await startStaffSession(tx, staff.id, now);
    await writeAudit(tx, { action: 'staff.signed_in', actorType: 'staff', actorId: staff.id, subjectType: 'staff', subjectId: staff.id });
    return id;
  });
  return ok({ staffId: staff.id, sessionId });
}
