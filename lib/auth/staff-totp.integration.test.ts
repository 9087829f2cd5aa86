import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { auditEvents, staffRecoveryCodes, staffSessions, staffSignInAttempts, staffTotp, staffUsers } from '@/db/schema';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemoData } from '@/db/seed';
import { openCleanDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import { loadActor, staffActorFrom, type StaffActor } from './actor';
import {
  beginStaffSignIn,
  completeStaffSignIn,
  STAFF_ATTEMPT_EXPIRED,
  STAFF_CODE_WRONG,
  STAFF_SECOND_FACTOR_FAILURE_RULE,
  STAFF_SIGN_IN_ATTEMPT_TTL_MS,
  type TwoFactorRequirement,
} from './staff-sign-in';
import { confirmOwnTotpEnrolment, confirmTotpEnrolment, regenerateOwnRecoveryCodes, resetStaffTwoFactor, startTotpEnrolment } from './staff-totp';
import { totpCodeAt, totpCodeForStep, totpStepAt } from './totp';
import { openTotpSecret, resealTotpSecrets, rotateStoredTotpKeyRing, totpSealingFrom } from './totp-sealing';

const AUTH_SECRET = 'test-only-auth-secret-for-totp-0123456789';
const NOW = new Date('2026-11-20T02:00:10Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe.each(TEST_TARGETS)('staff two-factor sign-in (TOTP) on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openCleanDatabase(target);
    // With the server's secret, the seed enrols every demo staff member with the printed demo secret.
    await seedDemoData(connection.db, { residents: 60, publicBaseUrl: TEST_BASE_URL, now: new Date('2026-11-20T01:00:00Z'), terminalKeySecret: AUTH_SECRET });
  });
  afterAll(async () => connection?.close());

  const password = (username: string, now: Date) => beginStaffSignIn(connection.db, { username, password: DEMO_PASSWORD }, now);
  const secondStep = (attempt: string, code: string | undefined, now: Date, requirement: TwoFactorRequirement = 'all', sealing: Parameters<typeof completeStaffSignIn>[2] = AUTH_SECRET) =>
    completeStaffSignIn(connection.db, { attempt, code }, sealing, requirement, now);
  async function attemptFor(username: string, now: Date): Promise<string> {
    const result = await password(username, now);
    if (result.status !== 'ok') throw new Error(`password step failed for ${username}`);
    return result.data.attempt;
  }
  const signIn = async (username: string, code: string | undefined, now: Date) => secondStep(await attemptFor(username, now), code, now);
  const staffRow = async (username: string) => (await connection.db.select().from(staffUsers).where(eq(staffUsers.username, username)))[0]!;
  const sessionCount = async (staffId: string) => (await connection.db.select().from(staffSessions).where(eq(staffSessions.staffUserId, staffId))).length;

  it('keeps the secret sealed at rest under a named key: only that key opens it', async () => {
    const rows = await connection.db.select().from(staffTotp);
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      expect(row.secretSealed).not.toContain(DEMO_TOTP_SECRET);
      expect(row.secretSealed).toMatch(/^v2\.auth\./);
      expect(row.sealingKeyId).toBe('auth');
      expect(row.confirmedAt).not.toBeNull();
    }
    expect(openTotpSecret(rows[0]!.secretSealed, AUTH_SECRET)).toBe(DEMO_TOTP_SECRET);
    expect(() => openTotpSecret(rows[0]!.secretSealed, 'another-secret-0123456789abcdef')).toThrow();
  });

  it('starts no session at the password step: an enrolled person is asked for the code, and only the right one signs in', async () => {
    const clerk = await staffRow('clerk06');
    const first = await password('clerk06', NOW);
    expect(first).toMatchObject({ status: 'ok', data: { next: 'code', attempt: expect.any(String) } });
    expect(await sessionCount(clerk.id)).toBe(0);
    const attempt = first.status === 'ok' ? first.data.attempt : '';
    expect(await secondStep(attempt, undefined, NOW)).toMatchObject({ status: 'invalid', message: STAFF_CODE_WRONG });
    expect(await secondStep(attempt, totpCodeAt(DEMO_TOTP_SECRET, later(-120)), NOW)).toMatchObject({ status: 'invalid', message: STAFF_CODE_WRONG });
    expect(await sessionCount(clerk.id)).toBe(0);
    const signedIn = await secondStep(attempt, totpCodeAt(DEMO_TOTP_SECRET, NOW), NOW);
    expect(signedIn).toMatchObject({ status: 'ok', data: { staffId: clerk.id, secondFactor: 'passed' } });
    // The attempt is used once: the same token cannot make a second session.
    expect(await secondStep(attempt, totpCodeAt(DEMO_TOTP_SECRET, later(30)), later(30))).toMatchObject({ status: 'invalid', message: STAFF_ATTEMPT_EXPIRED });
    expect(await sessionCount(clerk.id)).toBe(1);
    const failures = await connection.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'staff.sign_in_failed'), eq(auditEvents.subjectId, clerk.id))).orderBy(auditEvents.id);
    expect(failures.map((f) => f.details)).toEqual([
      { factor: 'totp', reason: 'no_code' },
      { factor: 'totp', reason: 'wrong_code' },
    ]);
  });

  it('refuses an attempt past its 5 minutes, a made-up attempt, and spends an attempt after 3 wrong codes', async () => {
    const late = await attemptFor('clerk05', NOW);
    expect(await secondStep(late, totpCodeAt(DEMO_TOTP_SECRET, later(301)), new Date(NOW.getTime() + STAFF_SIGN_IN_ATTEMPT_TTL_MS + 1000))).toMatchObject({
      status: 'invalid',
      message: STAFF_ATTEMPT_EXPIRED,
    });
    expect(await secondStep('A'.repeat(43), totpCodeAt(DEMO_TOTP_SECRET, NOW), NOW)).toMatchObject({ status: 'invalid', message: STAFF_ATTEMPT_EXPIRED });
    const attempt = await attemptFor('clerk05', NOW);
    for (let i = 0; i < 3; i++) expect(await secondStep(attempt, '000000', NOW)).toMatchObject({ message: STAFF_CODE_WRONG });
    expect(await secondStep(attempt, totpCodeAt(DEMO_TOTP_SECRET, NOW), NOW)).toMatchObject({ status: 'invalid', message: STAFF_ATTEMPT_EXPIRED });
    // A new password step gets a new attempt, and the right code then works.
    expect(await signIn('clerk05', totpCodeAt(DEMO_TOTP_SECRET, NOW), NOW)).toMatchObject({ status: 'ok' });
  });

  it('throttles wrong codes per account across attempts: after 5 the right code waits too, then works', async () => {
    const t0 = later(600);
    for (let i = 0; i < STAFF_SECOND_FACTOR_FAILURE_RULE.limit; i++) {
      // A fresh attempt each time, as from another browser or instance: the count is per account.
      expect(await signIn('clerk04', '111111', t0)).toMatchObject({ message: STAFF_CODE_WRONG });
    }
    expect(await signIn('clerk04', totpCodeAt(DEMO_TOTP_SECRET, t0), t0)).toMatchObject({ status: 'invalid', message: expect.stringMatching(/^problems\.auth\.staff\.tooManyFailed\?/) });
    // Another person is not held up.
    expect(await signIn('clerk03', totpCodeAt(DEMO_TOTP_SECRET, t0), t0)).toMatchObject({ status: 'ok' });
    const after = new Date(t0.getTime() + 16 * 60_000);
    expect(await signIn('clerk04', totpCodeAt(DEMO_TOTP_SECRET, after), after)).toMatchObject({ status: 'ok' });
  });

  it('refuses a code used once already, even within its window, and an older one after a newer was used', async () => {
    const code = totpCodeAt(DEMO_TOTP_SECRET, NOW);
    expect(await signIn('supervisor', code, NOW)).toMatchObject({ status: 'ok' });
    expect(await signIn('supervisor', code, later(5))).toMatchObject({ status: 'invalid', message: STAFF_CODE_WRONG });
    const nextStep = totpStepAt(NOW) + 1;
    expect(await signIn('supervisor', totpCodeForStep(DEMO_TOTP_SECRET, nextStep), later(30))).toMatchObject({ status: 'ok' });
    expect(await signIn('supervisor', code, later(30))).toMatchObject({ status: 'invalid' });
  });

  it('lets only one of two simultaneous second steps with the same code through', async () => {
    const code = totpCodeAt(DEMO_TOTP_SECRET, later(300));
    const [a, b] = [await attemptFor('admin', later(300)), await attemptFor('admin', later(300))];
    const results = await Promise.all([secondStep(a, code, later(300)), secondStep(b, code, later(300))]);
    expect(results.filter((r) => r.status === 'ok')).toHaveLength(1);
  });

  it('forces a supervisor without TOTP to enrol: a session good for enrolment only, then recovery codes once, each working once', async () => {
    // A new supervisor, never enrolled.
    const { passwordHash } = await staffRow('supervisor');
    const [supervisor] = await connection.db
      .insert(staffUsers)
      .values({ username: 'supervisor2', displayName: '新任负责人', staffNumber: '042002', role: 'supervisor', office: '武汉市公安局审批处', passwordHash })
      .returning();
    if (!supervisor) throw new Error('no supervisor');
    const first = await password('supervisor2', NOW);
    expect(first).toMatchObject({ status: 'ok', data: { next: 'continue' } });
    // Even where clerks need no second factor, a supervisor does.
    const pending = await secondStep(first.status === 'ok' ? first.data.attempt : '', undefined, NOW, 'privileged');
    expect(pending).toMatchObject({ status: 'ok', data: { secondFactor: 'pending' } });
    const identity = { kind: 'staff' as const, staffId: supervisor.id, sessionId: pending.status === 'ok' ? pending.data.sessionId : '' };
    // The session is refused everywhere except where enrolment asks for it.
    expect(await loadActor(connection.db, identity, later(1))).toBeNull();
    const enrolling = (await loadActor(connection.db, identity, later(1), { allowSecondFactorPending: true })) as StaffActor;
    expect(enrolling).toMatchObject({ kind: 'staff', role: 'supervisor', isSecondFactorPending: true });

    const enrolment = await startTotpEnrolment(connection.db, { staffId: supervisor.id, username: 'supervisor2' }, AUTH_SECRET);
    expect(enrolment!.uri).toMatch(new RegExp(`^otpauth://totp/.+\\?secret=${enrolment!.secret}&`));
    expect(await confirmTotpEnrolment(connection.db, supervisor.id, '123456', AUTH_SECRET, later(2))).toBe('wrong_code');
    expect(await confirmOwnTotpEnrolment(connection.db, enrolling, 'abc', AUTH_SECRET, later(2))).toMatchObject({ status: 'invalid' });
    const confirmed = await confirmOwnTotpEnrolment(connection.db, enrolling, totpCodeAt(enrolment!.secret, later(2)), AUTH_SECRET, later(2));
    expect(confirmed).toMatchObject({ status: 'ok', data: { enrolled: true, recoveryCodes: expect.any(Array) } });
    const codes = confirmed.status === 'ok' ? confirmed.data.recoveryCodes : [];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    // Hashed at rest: no stored value is a code.
    const stored = await connection.db.select().from(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffUserId, supervisor.id));
    expect(stored).toHaveLength(10);
    for (const row of stored) expect(codes.map((c) => c.replace('-', ''))).not.toContain(row.codeHash);
    // Confirming in that session passed the second factor: the same session now works.
    expect(await loadActor(connection.db, identity, later(3))).toMatchObject({ kind: 'staff', staffId: supervisor.id });
    expect((await loadActor(connection.db, identity, later(3)))!).not.toHaveProperty('isSecondFactorPending');
    expect(await startTotpEnrolment(connection.db, { staffId: supervisor.id, username: 'supervisor2' }, AUTH_SECRET)).toBeNull();

    // Next sign-in: two steps; a recovery code (any case, with or without the hyphen) works once.
    expect(await signIn('supervisor2', undefined, later(60))).toMatchObject({ status: 'invalid' });
    expect(await signIn('supervisor2', codes[0]!.toLowerCase(), later(60))).toMatchObject({ status: 'ok', data: { secondFactor: 'passed' } });
    expect(await signIn('supervisor2', codes[0]!, later(61))).toMatchObject({ status: 'invalid', message: STAFF_CODE_WRONG });
    expect(await signIn('supervisor2', codes[1]!.replace('-', ''), later(62))).toMatchObject({ status: 'ok' });
    const signedIn = await connection.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'staff.signed_in'), eq(auditEvents.subjectId, supervisor.id))).orderBy(auditEvents.id);
    expect(signedIn.map((e) => e.details)).toEqual([
      { factor: 'none', secondFactor: 'pending' },
      { factor: 'recovery_code', secondFactor: 'passed' },
      { factor: 'recovery_code', secondFactor: 'passed' },
    ]);

    // New codes after a current code: the old unused ones stop working.
    const actor = staffActorFrom(supervisor);
    expect(await regenerateOwnRecoveryCodes(connection.db, actor, '000000', AUTH_SECRET, later(90))).toMatchObject({ status: 'invalid' });
    const regenerated = await regenerateOwnRecoveryCodes(connection.db, actor, totpCodeAt(enrolment!.secret, later(90)), AUTH_SECRET, later(90));
    expect(regenerated).toMatchObject({ status: 'ok' });
    expect(await signIn('supervisor2', codes[2]!, later(120))).toMatchObject({ status: 'invalid', message: STAFF_CODE_WRONG });
    expect(await signIn('supervisor2', regenerated.status === 'ok' ? regenerated.data.recoveryCodes[0]! : '', later(121))).toMatchObject({ status: 'ok' });
  });

  it('lets a clerk without TOTP in with the password when only supervisors and admins must enrol, but not when all must', async () => {
    const clerk = await staffRow('clerk02');
    await connection.db.delete(staffTotp).where(eq(staffTotp.staffUserId, clerk.id));
    expect(await secondStep(await attemptFor('clerk02', NOW), undefined, NOW, 'privileged')).toMatchObject({ status: 'ok', data: { secondFactor: 'passed' } });
    expect(await secondStep(await attemptFor('clerk02', NOW), undefined, NOW, 'all')).toMatchObject({ status: 'ok', data: { secondFactor: 'pending' } });
  });

  it('lets an admin reset a clerk: audited, their sessions end, and the next sign-in must enrol again', async () => {
    const clerk = await staffRow('clerk07');
    const admin = staffActorFrom(await staffRow('admin'));
    const signedIn = await signIn('clerk07', totpCodeAt(DEMO_TOTP_SECRET, later(900)), later(900));
    const identity = { kind: 'staff' as const, staffId: clerk.id, sessionId: signedIn.status === 'ok' ? signedIn.data.sessionId : '' };
    expect(await loadActor(connection.db, identity, later(901))).not.toBeNull();
    const halfway = await attemptFor('clerk07', later(901));

    // Not a clerk, not a supervisor, not oneself.
    expect(await resetStaffTwoFactor(connection.db, staffActorFrom(await staffRow('supervisor')), clerk.id, later(902))).toMatchObject({ status: 'forbidden' });
    expect(await resetStaffTwoFactor(connection.db, admin, admin.staffId, later(902))).toMatchObject({ status: 'forbidden' });
    expect(await resetStaffTwoFactor(connection.db, admin, 'not-a-uuid', later(902))).toMatchObject({ status: 'not_found' });
    expect(await loadActor(connection.db, identity, later(902))).not.toBeNull();

    expect(await resetStaffTwoFactor(connection.db, admin, clerk.id, later(903))).toEqual({ status: 'ok', data: { endedSessions: 1 } });
    expect(await loadActor(connection.db, identity, later(904))).toBeNull();
    expect(await connection.db.select().from(staffTotp).where(eq(staffTotp.staffUserId, clerk.id))).toHaveLength(0);
    expect(await connection.db.select().from(staffSessions).where(and(eq(staffSessions.staffUserId, clerk.id), isNull(staffSessions.endedAt)))).toHaveLength(0);
    // An attempt made before the reset does not survive it.
    expect(await secondStep(halfway, totpCodeAt(DEMO_TOTP_SECRET, later(905)), later(905))).toMatchObject({ message: STAFF_ATTEMPT_EXPIRED });
    const [audit] = await connection.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'staff.totp_reset'), eq(auditEvents.subjectId, clerk.id)));
    expect(audit).toMatchObject({ actorType: 'staff', actorId: admin.staffId, details: { wasEnrolled: true, endedSessions: 1 } });

    const first = await password('clerk07', later(906));
    expect(first).toMatchObject({ status: 'ok', data: { next: 'continue' } });
    expect(await secondStep(first.status === 'ok' ? first.data.attempt : '', undefined, later(906))).toMatchObject({ status: 'ok', data: { secondFactor: 'pending' } });
  });

  it('rotates the sealing key: every secret is resealed under the new key id and every code still works', async () => {
    const rotated = totpSealingFrom(AUTH_SECRET, rotateStoredTotpKeyRing(null));
    expect(rotated.activeKeyId).toBe('t1');
    const before = await connection.db.select().from(staffTotp);
    const { resealed } = await connection.db.transaction((tx) => resealTotpSecrets(tx, rotated));
    expect(resealed).toBe(before.filter((r) => r.sealingKeyId !== 't1').length);
    const after = await connection.db.select().from(staffTotp);
    for (const row of after) {
      expect(row.sealingKeyId).toBe('t1');
      expect(row.secretSealed).toMatch(/^v2\.t1\./);
      const old = before.find((b) => b.staffUserId === row.staffUserId)!;
      expect(openTotpSecret(row.secretSealed, rotated)).toBe(openTotpSecret(old.secretSealed, AUTH_SECRET));
    }
    // The auth-derived key alone no longer opens them; sign-in with the new ring does.
    expect(() => openTotpSecret(after[0]!.secretSealed, AUTH_SECRET)).toThrow();
    const t = later(1800);
    expect(await secondStep(await attemptFor('clerk11', t), totpCodeAt(DEMO_TOTP_SECRET, t), t, 'all', rotated)).toMatchObject({ status: 'ok' });
    // Run again: nothing left to move. A second rotation keeps the first key, so both still open.
    expect((await connection.db.transaction((tx) => resealTotpSecrets(tx, rotated))).resealed).toBe(0);
    const twice = rotateStoredTotpKeyRing(rotateStoredTotpKeyRing(null));
    expect(twice.keys.map((k) => k.id)).toEqual(['t1', 't2']);
    expect(twice.active).toBe('t2');
  });

  it('keeps attempts server-side as hashes only', async () => {
    const attempt = await attemptFor('clerk12', NOW);
    const rows = await connection.db.select().from(staffSignInAttempts);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.tokenHash).not.toBe(attempt);
  });
});
