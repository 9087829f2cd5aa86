import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { auditEvents, staffUsers } from '@/db/schema';
import { DEMO_PASSWORD } from '@/db/seed';
import { seedForTest } from '@/lib/testing/fixtures';
import { openCleanDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { signInStaffBothSteps } from '@/lib/testing/staff-sign-in';
import { STAFF_SIGN_IN_FAILED, STAFF_SIGN_IN_FAILURE_RULE } from './staff-sign-in';

// Both steps; the test seed enrols nobody in TOTP, so clerks need no code (the 'privileged' setting).
const verifyStaffPassword = (db: Parameters<typeof signInStaffBothSteps>[0], input: { username?: unknown; password?: unknown }, now?: Date) =>
  signInStaffBothSteps(db, input as { username: string; password: string }, now);

describe.each(TEST_TARGETS)('staff sign-in on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openCleanDatabase(target);
    await seedForTest(connection.db);
  });
  afterAll(async () => connection?.close());

  async function staffId(username: string) {
    const [row] = await connection.db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.username, username));
    return row!.id;
  }

  async function auditCount(action: string, subjectId: string) {
    const [row] = await connection.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.subjectType, 'staff'), eq(auditEvents.subjectId, subjectId)));
    return row!.n;
  }

  it('signs in with the right password and records staff.signed_in', async () => {
    const id = await staffId('supervisor');
    const before = await auditCount('staff.signed_in', id);
    const result = await verifyStaffPassword(connection.db, { username: 'supervisor', password: DEMO_PASSWORD });
    // A supervisor not yet enrolled: a session good for enrolling only.
    expect(result).toEqual({ status: 'ok', data: { staffId: id, sessionId: expect.any(String), secondFactor: 'pending' } });
    expect(await auditCount('staff.signed_in', id)).toBe(before + 1);
    const [entry] = await connection.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'staff.signed_in'), eq(auditEvents.subjectId, id)));
    expect(entry).toMatchObject({ actorType: 'staff', actorId: id });
  });

  it('accepts the username in any case and with surrounding spaces', async () => {
    const result = await verifyStaffPassword(connection.db, { username: '  Clerk06 ', password: DEMO_PASSWORD });
    expect(result).toEqual({ status: 'ok', data: { staffId: await staffId('clerk06'), sessionId: expect.any(String), secondFactor: 'passed' } });
  });

  it('gives the same answer for a wrong password and an unknown username, recording the failure for the known one', async () => {
    const id = await staffId('clerk02');
    const wrongPassword = await verifyStaffPassword(connection.db, { username: 'clerk02', password: 'not-the-password' });
    const unknownUser = await verifyStaffPassword(connection.db, { username: 'nobody-here', password: DEMO_PASSWORD });
    expect(wrongPassword).toEqual({ status: 'invalid', message: STAFF_SIGN_IN_FAILED, fieldErrors: undefined });
    expect(unknownUser).toEqual(wrongPassword);
    expect(await auditCount('staff.sign_in_failed', id)).toBe(1);
    expect(await auditCount('staff.signed_in', id)).toBe(0);
  });

  it('gives the same answer for an empty or missing form', async () => {
    expect(await verifyStaffPassword(connection.db, {})).toMatchObject({ status: 'invalid', message: STAFF_SIGN_IN_FAILED });
    expect(await verifyStaffPassword(connection.db, { username: 'clerk02', password: '' })).toMatchObject({ status: 'invalid', message: STAFF_SIGN_IN_FAILED });
  });

  it('refuses a deactivated account even with the right password', async () => {
    const id = await staffId('clerk03');
    await connection.db.update(staffUsers).set({ isActive: false }).where(eq(staffUsers.id, id));
    const result = await verifyStaffPassword(connection.db, { username: 'clerk03', password: DEMO_PASSWORD });
    expect(result).toEqual({ status: 'invalid', message: STAFF_SIGN_IN_FAILED, fieldErrors: undefined });
    expect(await auditCount('staff.signed_in', id)).toBe(0);
    expect(await auditCount('staff.sign_in_failed', id)).toBe(1);
    // Reactivated, the same password works again: the refusal above was the flag.
    await connection.db.update(staffUsers).set({ isActive: true }).where(eq(staffUsers.id, id));
    expect((await verifyStaffPassword(connection.db, { username: 'clerk03', password: DEMO_PASSWORD })).status).toBe('ok');
  });

  it('makes a username wait after 10 failed sign-ins in 15 minutes, known or not, then lets the right password in', async () => {
    const t0 = new Date('2026-11-20T03:00:00Z');
    for (const username of ['clerk07', 'nobody-at-all']) {
      for (let i = 0; i < STAFF_SIGN_IN_FAILURE_RULE.limit; i++) {
        expect(await verifyStaffPassword(connection.db, { username, password: `wrong-${i}` }, t0)).toMatchObject({ message: STAFF_SIGN_IN_FAILED });
      }
      expect(await verifyStaffPassword(connection.db, { username, password: DEMO_PASSWORD }, t0)).toMatchObject({ status: 'invalid', message: expect.stringContaining('Too many failed sign-ins') });
    }
    // Another person is not affected, and the window passing lifts the wait.
    expect((await verifyStaffPassword(connection.db, { username: 'clerk06', password: DEMO_PASSWORD }, t0)).status).toBe('ok');
    expect((await verifyStaffPassword(connection.db, { username: 'clerk07', password: DEMO_PASSWORD }, new Date(t0.getTime() + 16 * 60_000))).status).toBe('ok');
  });
});
