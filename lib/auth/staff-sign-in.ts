// Staff sign-in in two steps. The password first (beginStaffSignIn): it makes a short-lived, single-use
// attempt known to the browser by a random token, and no session. Then completeStaffSignIn with that
// token and the code from the authenticator app (or a recovery code) starts the real session. A person
// who must use two-factor sign-in and has not enrolled gets a session good for enrolling only.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/connect';
import { staffSignInAttempts, staffUsers, throttleBuckets, type StaffRole } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import { msg } from '@/lib/i18n/problem';
import { invalid, ok, type Result } from '@/lib/result';
import { hitThrottle, hitThrottles, peekThrottle } from '@/lib/security/throttle';
import { retryWait } from '@/lib/security/throttle';
import { DUMMY_PASSWORD_HASH, hashPassword, needsRehash, verifyPassword } from './password';
import { startStaffSession } from './staff-session';
import { checkStaffTotp, hasConfirmedTotp, isRecoveryCodeShaped, spendRecoveryCode } from './staff-totp';
import type { SealingInput } from './totp-sealing';

export const staffSignInSchema = z.object({
  // No control characters: PostgreSQL text cannot hold NUL, and no username has one (found by the bad-input suite).
  username: z.string().trim().min(1).max(64).regex(/^[^\u0000-\u001f\u007f]+$/),
  password: z.string().min(1).max(200),
});

export const staffSecondStepSchema = z.object({
  attempt: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  // Six digits from the app, or a recovery code (10 characters, maybe with a hyphen or spaces).
  code: z.string().trim().max(16).optional(),
});

/** Failed staff passwords allowed per username before it waits (ASVS 2.2.1). */
export const STAFF_SIGN_IN_FAILURE_RULE = { limit: 10, windowSeconds: 15 * 60 };
/**
 * Password attempts per username *and client address*, in tiers whose waits grow: 10 in 15 minutes,
 * 20 in 6 hours, 40 in a day. Never per username alone — an anonymous caller could then lock an admin
 * out at will; from their own address they only slow themselves. A right password gives the allowance back.
 */
export const STAFF_SIGN_IN_FAILURE_RULES = [STAFF_SIGN_IN_FAILURE_RULE, { limit: 20, windowSeconds: 6 * 60 * 60 }, { limit: 40, windowSeconds: 24 * 60 * 60 }];
/** Wrong second-step codes allowed per account, across attempts and instances (the counter is in PostgreSQL). */
export const STAFF_SECOND_FACTOR_FAILURE_RULE = { limit: 5, windowSeconds: 15 * 60 };
/** How long the second step may wait after the password, and how many wrong codes one attempt takes. */
export const STAFF_SIGN_IN_ATTEMPT_TTL_MS = 5 * 60_000;
export const STAFF_SIGN_IN_ATTEMPT_MAX_WRONG_CODES = 3;

/** Who must use two-factor sign-in: supervisors, admins and the police always; clerks too when the setting says 'all'. */
export type TwoFactorRequirement = 'all' | 'privileged';
export function isTwoFactorRequired(role: StaffRole, requirement: TwoFactorRequirement): boolean {
  return role === 'supervisor' || role === 'admin' || role === 'police' || requirement === 'all';
}

// One answer for a wrong username or password, so neither is revealed alone.
export const STAFF_SIGN_IN_FAILED = msg('problems.auth.staff.signInFailed');
export const STAFF_CODE_WRONG = msg('problems.auth.staff.codeWrong');
export const STAFF_ATTEMPT_EXPIRED = msg('problems.auth.staff.attemptExpired');

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function tooMany(retryAfterSeconds: number) {
  return invalid(msg('problems.auth.staff.tooManyFailed', { wait: retryWait(retryAfterSeconds) }));
}

export type SignInStep = { attempt: string; next: 'code' | 'continue' };

/**
 * Step one: the password. On success, an attempt token for step two, and what step two is: 'code'
 * (enrolled: ask the code) or 'continue' (not enrolled: step two needs no code and decides).
 */
export async function beginStaffSignIn(db: Database, input: unknown, now = new Date(), clientAddress?: string): Promise<Result<SignInStep>> {
  const parsed = staffSignInSchema.safeParse(input);
  if (!parsed.success) return invalid(STAFF_SIGN_IN_FAILED);
  const username = parsed.data.username.toLowerCase();
  // Counted per username (whether or not it exists, so the wait reveals nothing about which do) and
  // address, and counted *before* the password is checked, each in one atomic upsert: parallel
  // guesses cannot all slip under the limit while the slow hash runs.
  const keys = STAFF_SIGN_IN_FAILURE_RULES.map((rule, tier) => ({ key: `staff-sign-in:${tier}:${username}:${clientAddress ?? 'no-address'}`, rule }));
  const allowance = await hitThrottles(db, keys, now);
  if (!allowance.isAllowed) return tooMany(allowance.retryAfterSeconds);
  const [staff] = await db.select().from(staffUsers).where(eq(staffUsers.username, username));
  // Hash even when the user is unknown, so timing does not reveal which usernames exist.
  const isMatch = await verifyPassword(parsed.data.password, staff?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!staff || !staff.isActive || !isMatch) {
    if (staff) {
      await writeAudit(db, { action: 'staff.sign_in_failed', actorType: 'public', actorId: null, subjectType: 'staff', subjectId: staff.id, details: { factor: 'password' } });
    }
    return invalid(STAFF_SIGN_IN_FAILED);
  }
  // A hash made with older scrypt parameters is replaced now that the password is known. (The
  // staff_users trigger cannot tell this from a password change: the person's other sessions end, once.)
  if (needsRehash(staff.passwordHash)) {
    await db.update(staffUsers).set({ passwordHash: await hashPassword(parsed.data.password) }).where(eq(staffUsers.id, staff.id));
  }
  // The right password: this address's attempts for this username start again.
  await db.delete(throttleBuckets).where(inArray(throttleBuckets.key, keys.map((k) => k.key)));
  const attempt = randomBytes(32).toString('base64url');
  await db.insert(staffSignInAttempts).values({ staffUserId: staff.id, tokenHash: hashToken(attempt), createdAt: now, expiresAt: new Date(now.getTime() + STAFF_SIGN_IN_ATTEMPT_TTL_MS) });
  return ok({ attempt, next: (await hasConfirmedTotp(db, staff.id)) ? 'code' : 'continue' });
}

export type StaffSignedIn = { staffId: string; sessionId: string; secondFactor: 'passed' | 'pending' };

/**
 * Step two: the attempt from step one and, for an enrolled person, their code. Starts the session:
 * 'passed' after a right code (or when two-factor is not required of an unenrolled clerk), 'pending'
 * (enrol, nothing else) when it is required and the person has not enrolled.
 */
export async function completeStaffSignIn(db: Database, input: unknown, sealing: SealingInput, requirement: TwoFactorRequirement, now = new Date()): Promise<Result<StaffSignedIn>> {
  const parsed = staffSecondStepSchema.safeParse(input);
  if (!parsed.success) return invalid(STAFF_ATTEMPT_EXPIRED);
  const [found] = await db
    .select({ attempt: staffSignInAttempts, staff: staffUsers })
    .from(staffSignInAttempts)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSignInAttempts.staffUserId))
    .where(and(eq(staffSignInAttempts.tokenHash, hashToken(parsed.data.attempt)), isNull(staffSignInAttempts.usedAt), gt(staffSignInAttempts.expiresAt, now), eq(staffUsers.isActive, true)));
  if (!found) return invalid(STAFF_ATTEMPT_EXPIRED);
  const { attempt, staff } = found;

  let factor: 'totp' | 'recovery_code' | 'none' = 'none';
  if (await hasConfirmedTotp(db, staff.id)) {
    const code = parsed.data.code ?? '';
    const throttleKey = `staff-second-factor-failures:${staff.id}`;
    const lock = await peekThrottle(db, throttleKey, STAFF_SECOND_FACTOR_FAILURE_RULE, now);
    if (!lock.isAllowed) return tooMany(lock.retryAfterSeconds);
    const isRight = /^\d{6}$/.test(code)
      ? (await checkStaffTotp(db, staff.id, code, sealing, now)) === 'ok'
      : isRecoveryCodeShaped(code) && (await spendRecoveryCode(db, staff.id, code, now));
    if (!isRight) {
      await hitThrottle(db, throttleKey, STAFF_SECOND_FACTOR_FAILURE_RULE, now);
      // A few wrong codes and the attempt is spent: the password must be entered again.
      await db
        .update(staffSignInAttempts)
        .set({ wrongCodes: sql`${staffSignInAttempts.wrongCodes} + 1`, usedAt: sql`case when ${staffSignInAttempts.wrongCodes} + 1 >= ${STAFF_SIGN_IN_ATTEMPT_MAX_WRONG_CODES} then ${now.toISOString()}::timestamptz else null end` })
        .where(eq(staffSignInAttempts.id, attempt.id));
      await writeAudit(db, { action: 'staff.sign_in_failed', actorType: 'public', actorId: null, subjectType: 'staff', subjectId: staff.id, details: { factor: 'totp', reason: code ? 'wrong_code' : 'no_code' } });
      return invalid(STAFF_CODE_WRONG);
    }
    factor = /^\d{6}$/.test(code) ? 'totp' : 'recovery_code';
  }
  const secondFactor = factor !== 'none' || !isTwoFactorRequired(staff.role, requirement) ? 'passed' : 'pending';

  return db.transaction(async (tx) => {
    // Single use: of two requests racing with one attempt, one starts a session.
    const spent = await tx
      .update(staffSignInAttempts)
      .set({ usedAt: now })
      .where(and(eq(staffSignInAttempts.id, attempt.id), isNull(staffSignInAttempts.usedAt)))
      .returning({ id: staffSignInAttempts.id });
    if (spent.length !== 1) return invalid(STAFF_ATTEMPT_EXPIRED);
    const sessionId = await startStaffSession(tx, staff.id, now, secondFactor);
    await writeAudit(tx, { action: 'staff.signed_in', actorType: 'staff', actorId: staff.id, subjectType: 'staff', subjectId: staff.id, details: { factor, secondFactor } });
    return ok({ staffId: staff.id, sessionId, secondFactor });
  });
}
