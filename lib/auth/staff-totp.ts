// Staff two-factor sign-in: enrolment (a sealed secret, confirmed by a first code, then recovery codes
// shown once), the check at sign-in (a code already used is refused: the step must move forward,
// atomically), one-time recovery codes, and an admin's reset.
import { createHash, randomInt } from 'node:crypto';
import { and, eq, isNotNull, isNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '@/db/connect';
import { staffRecoveryCodes, staffSessions, staffSignInAttempts, staffTotp, staffUsers } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import { msg } from '@/lib/i18n/problem';
import { conflict, forbidden, invalid, notFound, ok, type Result } from '@/lib/result';
import type { StaffActor } from './actor';
import { canResetStaffTwoFactor } from './permissions';
import { endAllStaffSessions } from './staff-session';
import { generateTotpSecret, matchTotpStep, totpUri } from './totp';
import { openTotpSecret, sealTotpSecret, type SealingInput } from './totp-sealing';

export { openTotpSecret, sealTotpSecret } from './totp-sealing';

/** Starts (or restarts) an unconfirmed enrolment; a confirmed one is never replaced here. */
export async function startTotpEnrolment(db: Executor, staff: { staffId: string; username: string }, sealing: SealingInput): Promise<{ secret: string; uri: string } | null> {
  const [existing] = await db.select().from(staffTotp).where(eq(staffTotp.staffUserId, staff.staffId));
  if (existing?.confirmedAt) return null;
  const secret = generateTotpSecret();
  const { sealed, keyId } = sealTotpSecret(secret, sealing);
  await db
    .insert(staffTotp)
    .values({ staffUserId: staff.staffId, secretSealed: sealed, sealingKeyId: keyId })
    .onConflictDoUpdate({ target: staffTotp.staffUserId, set: { secretSealed: sealed, sealingKeyId: keyId, lastUsedStep: 0 }, where: isNull(staffTotp.confirmedAt) });
  return { secret, uri: totpUri(secret, staff.username) };
}

/** Enrols with a known secret, already confirmed: the demo seed, so the demo staff codes are predictable. */
export async function enrolConfirmedTotp(db: Executor, staffId: string, secret: string, sealing: SealingInput, now = new Date()): Promise<void> {
  const { sealed, keyId } = sealTotpSecret(secret, sealing);
  await db.insert(staffTotp).values({ staffUserId: staffId, secretSealed: sealed, sealingKeyId: keyId, confirmedAt: now }).onConflictDoNothing();
}

export type TotpCheck = 'ok' | 'not_enrolled' | 'wrong_code' | 'replayed';

async function spendCode(db: Executor, staffId: string, code: string, sealing: SealingInput, now: Date, confirmed: boolean): Promise<TotpCheck> {
  const [row] = await db
    .select()
    .from(staffTotp)
    .where(and(eq(staffTotp.staffUserId, staffId), confirmed ? isNotNull(staffTotp.confirmedAt) : isNull(staffTotp.confirmedAt)));
  if (!row) return 'not_enrolled';
  const step = matchTotpStep(openTotpSecret(row.secretSealed, sealing), code.trim(), now);
  if (step === null) return 'wrong_code';
  // Only a step later than the last one used: two sign-ins racing with one code cannot both win.
  const moved = await db
    .update(staffTotp)
    .set({ lastUsedStep: step, ...(confirmed ? {} : { confirmedAt: now }) })
    .where(and(eq(staffTotp.staffUserId, staffId), lt(staffTotp.lastUsedStep, step)))
    .returning({ step: staffTotp.lastUsedStep });
  return moved.length === 1 ? 'ok' : 'replayed';
}

/** The second factor at sign-in. */
export function checkStaffTotp(db: Executor, staffId: string, code: string, sealing: SealingInput, now = new Date()): Promise<TotpCheck> {
  return spendCode(db, staffId, code, sealing, now, true);
}

/** Confirms a pending enrolment with the first code from the app. */
export function confirmTotpEnrolment(db: Executor, staffId: string, code: string, sealing: SealingInput, now = new Date()): Promise<TotpCheck> {
  return spendCode(db, staffId, code, sealing, now, false);
}

export async function hasConfirmedTotp(db: Executor, staffId: string): Promise<boolean> {
  const [row] = await db.select({ id: staffTotp.staffUserId }).from(staffTotp).where(and(eq(staffTotp.staffUserId, staffId), isNotNull(staffTotp.confirmedAt)));
  return !!row;
}

// ───────────── recovery codes ─────────────

export const RECOVERY_CODE_COUNT = 10;
// No 0/O or 1/I: read off paper. 10 characters of 32 = 50 bits, and wrong tries are throttled per account.
const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const RECOVERY_CODE_PATTERN = /^[A-HJ-NP-Z2-9]{10}$/;

export function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export function isRecoveryCodeShaped(code: string): boolean {
  return RECOVERY_CODE_PATTERN.test(normaliseRecoveryCode(code));
}

/** Keyed by the person, so one code's hash says nothing about another account's. */
function hashRecoveryCode(staffId: string, code: string): string {
  return createHash('sha256').update(`eid-staff-recovery:${staffId}:${normaliseRecoveryCode(code)}`).digest('hex');
}

function generateRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** Replaces every recovery code of this person with a new set; the plain codes are returned once and never stored. */
async function replaceRecoveryCodes(tx: Executor, staffId: string, now: Date): Promise<string[]> {
  await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffUserId, staffId));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
  await tx.insert(staffRecoveryCodes).values(codes.map((code) => ({ staffUserId: staffId, codeHash: hashRecoveryCode(staffId, code), createdAt: now })));
  return codes;
}

/** Spends one recovery code: true once per code, false for an unknown or used one. */
export async function spendRecoveryCode(db: Executor, staffId: string, code: string, now = new Date()): Promise<boolean> {
  if (!isRecoveryCodeShaped(code)) return false;
  const spent = await db
    .update(staffRecoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(staffRecoveryCodes.staffUserId, staffId), eq(staffRecoveryCodes.codeHash, hashRecoveryCode(staffId, code)), isNull(staffRecoveryCodes.usedAt)))
    .returning({ id: staffRecoveryCodes.id });
  return spent.length === 1;
}

export async function countUnusedRecoveryCodes(db: Executor, staffId: string): Promise<number> {
  const rows = await db.select({ id: staffRecoveryCodes.id }).from(staffRecoveryCodes).where(and(eq(staffRecoveryCodes.staffUserId, staffId), isNull(staffRecoveryCodes.usedAt)));
  return rows.length;
}

// ───────────── what the signed-in person does ─────────────

const sixDigits = z.string().trim().regex(/^\d{6}$/);
const SIX_DIGITS_MESSAGE = msg('problems.auth.totp.sixDigits');
const WRONG_CODE_MESSAGE = msg('problems.auth.totp.wrongCode');

/**
 * Confirms the pending enrolment of the signed-in staff member, with its audit entry; the session it
 * was done in has now passed the second factor. The recovery codes are returned this once.
 */
export async function confirmOwnTotpEnrolment(db: Database, actor: StaffActor, code: unknown, sealing: SealingInput, now = new Date()): Promise<Result<{ enrolled: true; recoveryCodes: string[] }>> {
  const parsed = sixDigits.safeParse(code);
  if (!parsed.success) return invalid(SIX_DIGITS_MESSAGE, { code: ['6 digits'] });
  return db.transaction(async (tx) => {
    const check = await confirmTotpEnrolment(tx, actor.staffId, parsed.data, sealing, now);
    if (check === 'not_enrolled') return invalid(msg('problems.auth.totp.startFirst'));
    if (check !== 'ok') return invalid(WRONG_CODE_MESSAGE, { code: ['wrong code'] });
    const recoveryCodes = await replaceRecoveryCodes(tx, actor.staffId, now);
    if (actor.sessionId) {
      await tx.update(staffSessions).set({ secondFactorAt: now }).where(and(eq(staffSessions.id, actor.sessionId), isNull(staffSessions.secondFactorAt)));
    }
    await writeAudit(tx, { action: 'staff.totp_enrolled', actorType: 'staff', actorId: actor.staffId, subjectType: 'staff', subjectId: actor.staffId });
    return ok({ enrolled: true as const, recoveryCodes });
  });
}

/** New recovery codes (the old ones stop working), after the person proves the app with a current code. */
export async function regenerateOwnRecoveryCodes(db: Database, actor: StaffActor, code: unknown, sealing: SealingInput, now = new Date()): Promise<Result<{ recoveryCodes: string[] }>> {
  const parsed = sixDigits.safeParse(code);
  if (!parsed.success) return invalid(SIX_DIGITS_MESSAGE, { code: ['6 digits'] });
  return db.transaction(async (tx) => {
    const check = await checkStaffTotp(tx, actor.staffId, parsed.data, sealing, now);
    if (check === 'not_enrolled') return conflict(msg('problems.auth.totp.notOn'));
    if (check !== 'ok') return invalid(WRONG_CODE_MESSAGE, { code: ['wrong code'] });
    const recoveryCodes = await replaceRecoveryCodes(tx, actor.staffId, now);
    await writeAudit(tx, { action: 'staff.recovery_codes_regenerated', actorType: 'staff', actorId: actor.staffId, subjectType: 'staff', subjectId: actor.staffId });
    return ok({ recoveryCodes });
  });
}

// ───────────── an admin's reset ─────────────

/**
 * An admin turns off another staff member's two-factor sign-in (a lost phone and no recovery code):
 * the secret and recovery codes go, every session of theirs ends, and their next sign-in enrols again.
 */
export async function resetStaffTwoFactor(db: Database, actor: StaffActor, targetStaffId: unknown, now = new Date()): Promise<Result<{ endedSessions: number }>> {
  if (!canResetStaffTwoFactor(actor)) return forbidden();
  const parsed = z.uuid().safeParse(targetStaffId);
  if (!parsed.success) return notFound();
  // One's own reset would bypass the second factor with a session that has it: ask another admin.
  if (parsed.data === actor.staffId) return forbidden(msg('problems.auth.totp.cannotResetOwn'));
  return db.transaction(async (tx) => {
    const [target] = await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.id, parsed.data)).for('update');
    if (!target) return notFound();
    const removed = await tx.delete(staffTotp).where(eq(staffTotp.staffUserId, target.id)).returning({ id: staffTotp.staffUserId });
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffUserId, target.id));
    await tx.update(staffSignInAttempts).set({ usedAt: now }).where(and(eq(staffSignInAttempts.staffUserId, target.id), isNull(staffSignInAttempts.usedAt)));
    const endedSessions = await endAllStaffSessions(tx, target.id, now);
    await writeAudit(tx, {
      action: 'staff.totp_reset',
      actorType: 'staff',
      actorId: actor.staffId,
      subjectType: 'staff',
      subjectId: target.id,
      details: { wasEnrolled: removed.length === 1, endedSessions },
    });
    return ok({ endedSessions });
  });
}

export type StaffTwoFactorRow = { staffId: string; username: string; staffNumber: string; displayName: string; role: StaffActor['role']; isActive: boolean; isEnrolled: boolean };

/** Every staff member and whether their two-factor sign-in is on: for the admin who may reset it. */
export async function listStaffTwoFactorStatus(db: Executor, actor: StaffActor): Promise<StaffTwoFactorRow[]> {
  if (!canResetStaffTwoFactor(actor)) return [];
  const rows = await db
    .select({ staff: staffUsers, confirmedAt: staffTotp.confirmedAt })
    .from(staffUsers)
    .leftJoin(staffTotp, eq(staffTotp.staffUserId, staffUsers.id))
    .orderBy(staffUsers.staffNumber);
  return rows.map(({ staff, confirmedAt }) => ({
    staffId: staff.id,
    username: staff.username,
    staffNumber: staff.staffNumber,
    displayName: staff.displayName,
    role: staff.role,
    isActive: staff.isActive,
    isEnrolled: confirmedAt !== null,
  }));
}
