import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { auditEvents, staffTotp, staffUsers } from '@/db/schema';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemoData } from '@/db/seed';
import { openCleanDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import { STAFF_SIGN_IN_FAILED, verifyStaffPassword } from './staff-sign-in';
import { staffActorFrom } from './actor';
import { confirmOwnTotpEnrolment, confirmTotpEnrolment, openTotpSecret, startTotpEnrolment } from './staff-totp';
import { totpCodeAt, totpCodeForStep, totpStepAt } from './totp';

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

  const signIn = (username: string, otp: string | undefined, now: Date) => verifyStaffPassword(connection.db, { username, password: DEMO_PASSWORD, otp }, now, AUTH_SECRET);

  it('keeps the secret sealed at rest: only the auth secret opens it', async () => {
    const rows = await connection.db.select().from(staffTotp);
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      expect(row.secretSealed).not.toContain(DEMO_TOTP_SECRET);
      expect(row.confirmedAt).not.toBeNull();
    }
    expect(openTotpSecret(rows[0]!.secretSealed, AUTH_SECRET)).toBe(DEMO_TOTP_SECRET);
    expect(() => openTotpSecret(rows[0]!.secretSealed, 'another-secret-0123456789abcdef')).toThrow();
  });

  it('asks an enrolled staff member for the code: none or a wrong one fails with the one message, the right one signs in', async () => {
    expect(await signIn('clerk06', undefined, NOW)).toMatchObject({ status: 'invalid', message: STAFF_SIGN_IN_FAILED });
    expect(await signIn('clerk06', '000000', NOW)).toMatchObject({ status: 'invalid', message: STAFF_SIGN_IN_FAILED });
    expect(await signIn('clerk06', totpCodeAt(DEMO_TOTP_SECRET, later(-120)), NOW)).toMatchObject({ status: 'invalid' });
    expect(await signIn('clerk06', totpCodeAt(DEMO_TOTP_SECRET, NOW), NOW)).toMatchObject({ status: 'ok' });
    const [clerk] = await connection.db.select().from(staffUsers).where(eq(staffUsers.username, 'clerk06'));
    const failures = await connection.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'staff.sign_in_failed'), eq(auditEvents.subjectId, clerk!.id)));
    expect(failures.map((f) => f.details)).toEqual([
      { factor: 'totp', reason: 'wrong_code' },
      { factor: 'totp', reason: 'wrong_code' },
      { factor: 'totp', reason: 'wrong_code' },
    ]);
  });

  it('refuses a code used once already, even within its window, and an older one after a newer was used', async () => {
    const code = totpCodeAt(DEMO_TOTP_SECRET, NOW);
    expect(await signIn('supervisor', code, NOW)).toMatchObject({ status: 'ok' });
    expect(await signIn('supervisor', code, later(5))).toMatchObject({ status: 'invalid', message: STAFF_SIGN_IN_FAILED });
    const nextStep = totpStepAt(NOW) + 1;
    expect(await signIn('supervisor', totpCodeForStep(DEMO_TOTP_SECRET, nextStep), later(30))).toMatchObject({ status: 'ok' });
    // The previous step's code is still inside the window at later(30), but it is older than the last used.
    expect(await signIn('supervisor', code, later(30))).toMatchObject({ status: 'invalid' });
  });

  it('lets only one of two simultaneous sign-ins with the same code through', async () => {
    const code = totpCodeAt(DEMO_TOTP_SECRET, later(300));
    const results = await Promise.all([signIn('admin', code, later(300)), signIn('admin', code, later(300))]);
    expect(results.filter((r) => r.status === 'ok')).toHaveLength(1);
  });

  it('enrols with a new secret confirmed by a first code; a confirmed enrolment is not replaced', async () => {
    const [clerk] = await connection.db.select().from(staffUsers).where(eq(staffUsers.username, 'clerk02'));
    await connection.db.delete(staffTotp).where(eq(staffTotp.staffUserId, clerk!.id));
    // Not enrolled: the password alone signs in (TOTP is per person until everyone is enrolled).
    expect(await signIn('clerk02', undefined, NOW)).toMatchObject({ status: 'ok' });
    const enrolment = await startTotpEnrolment(connection.db, { staffId: clerk!.id, username: 'clerk02' }, AUTH_SECRET);
    expect(enrolment!.uri).toMatch(new RegExp(`^otpauth://totp/.+\\?secret=${enrolment!.secret}&`));
    // Pending: sign-in still needs no code, and a wrong first code does not confirm it.
    expect(await confirmTotpEnrolment(connection.db, clerk!.id, '123456', AUTH_SECRET, NOW)).toBe('wrong_code');
    const actor = staffActorFrom(clerk!);
    expect(await confirmOwnTotpEnrolment(connection.db, actor, 'abc', AUTH_SECRET, NOW)).toMatchObject({ status: 'invalid' });
    expect(await confirmOwnTotpEnrolment(connection.db, actor, totpCodeAt(enrolment!.secret, NOW), AUTH_SECRET, NOW)).toEqual({ status: 'ok', data: { enrolled: true } });
    const enrolled = await connection.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'staff.totp_enrolled'), eq(auditEvents.subjectId, clerk!.id)));
    expect(enrolled).toHaveLength(1);
    expect(await startTotpEnrolment(connection.db, { staffId: clerk!.id, username: 'clerk02' }, AUTH_SECRET)).toBeNull();
    expect(await signIn('clerk02', undefined, later(60))).toMatchObject({ status: 'invalid' });
    expect(await signIn('clerk02', totpCodeAt(enrolment!.secret, later(60)), later(60))).toMatchObject({ status: 'ok' });
  });
});
