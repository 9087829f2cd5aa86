// Staff two-factor sign-in: enrolment (a sealed secret, confirmed by a first code) and the check at
// sign-in, which refuses a code already used (the step must move forward, atomically).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { and, eq, isNotNull, isNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '@/db/connect';
import { staffTotp } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import { invalid, ok, type Result } from '@/lib/result';
import type { StaffActor } from './actor';
import { generateTotpSecret, matchTotpStep, totpUri } from './totp';

function sealingKey(authSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', authSecret, 'eid-staff-totp', 'aes-256-gcm v1', 32));
}

export function sealTotpSecret(secret: string, authSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(authSecret), iv);
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
}

export function openTotpSecret(sealed: string, authSecret: string): string {
  if (!sealed.startsWith('v1.')) throw new Error('unknown TOTP secret format');
  const raw = Buffer.from(sealed.slice(3), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(authSecret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** Starts (or restarts) an unconfirmed enrolment; a confirmed one is never replaced here. */
export async function startTotpEnrolment(db: Executor, staff: { staffId: string; username: string }, authSecret: string): Promise<{ secret: string; uri: string } | null> {
  const [existing] = await db.select().from(staffTotp).where(eq(staffTotp.staffUserId, staff.staffId));
  if (existing?.confirmedAt) return null;
  const secret = generateTotpSecret();
  const secretSealed = sealTotpSecret(secret, authSecret);
  await db
    .insert(staffTotp)
    .values({ staffUserId: staff.staffId, secretSealed })
    .onConflictDoUpdate({ target: staffTotp.staffUserId, set: { secretSealed, lastUsedStep: 0 }, where: isNull(staffTotp.confirmedAt) });
  return { secret, uri: totpUri(secret, staff.username) };
}

/** Enrols with a known secret, already confirmed: the demo seed, so the demo staff codes are predictable. */
export async function enrolConfirmedTotp(db: Executor, staffId: string, secret: string, authSecret: string, now = new Date()): Promise<void> {
  await db.insert(staffTotp).values({ staffUserId: staffId, secretSealed: sealTotpSecret(secret, authSecret), confirmedAt: now }).onConflictDoNothing();
}

export type TotpCheck = 'ok' | 'not_enrolled' | 'wrong_code' | 'replayed';

async function spendCode(db: Executor, staffId: string, code: string, authSecret: string, now: Date, confirmed: boolean): Promise<TotpCheck> {
  const [row] = await db
    .select()
    .from(staffTotp)
    .where(and(eq(staffTotp.staffUserId, staffId), confirmed ? isNotNull(staffTotp.confirmedAt) : isNull(staffTotp.confirmedAt)));
  if (!row) return 'not_enrolled';
  const step = matchTotpStep(openTotpSecret(row.secretSealed, authSecret), code.trim(), now);
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
export function checkStaffTotp(db: Executor, staffId: string, code: string, authSecret: string, now = new Date()): Promise<TotpCheck> {
  return spendCode(db, staffId, code, authSecret, now, true);
}

/** Confirms a pending enrolment with the first code from the app. */
export function confirmTotpEnrolment(db: Executor, staffId: string, code: string, authSecret: string, now = new Date()): Promise<TotpCheck> {
  return spendCode(db, staffId, code, authSecret, now, false);
}

export async function hasConfirmedTotp(db: Executor, staffId: string): Promise<boolean> {
  const [row] = await db.select({ id: staffTotp.staffUserId }).from(staffTotp).where(and(eq(staffTotp.staffUserId, staffId), isNotNull(staffTotp.confirmedAt)));
  return !!row;
}

/** Confirms the pending enrolment of the signed-in staff member, with its audit entry. */
export async function confirmOwnTotpEnrolment(db: Database, actor: StaffActor, code: unknown, authSecret: string, now = new Date()): Promise<Result<{ enrolled: true }>> {
  const parsed = z.string().trim().regex(/^\d{6}$/).safeParse(code);
  if (!parsed.success) return invalid('请输入验证器中的 6 位数字 / Enter the 6 digits from your authenticator app', { code: ['6 digits'] });
  return db.transaction(async (tx) => {
    const check = await confirmTotpEnrolment(tx, actor.staffId, parsed.data, authSecret, now);
    if (check === 'not_enrolled') return invalid('请先生成二维码 / Start the enrolment first');
    if (check !== 'ok') return invalid('验证码不正确，请核对手机时间后重试 / Wrong code; check your phone’s clock and try again', { code: ['wrong code'] });
    await writeAudit(tx, { action: 'staff.totp_enrolled', actorType: 'staff', actorId: actor.staffId, subjectType: 'staff', subjectId: actor.staffId });
    return ok({ enrolled: true as const });
  });
}
