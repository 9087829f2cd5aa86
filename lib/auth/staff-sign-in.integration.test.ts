import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { auditEvents, staffUsers } from '@/db/schema';
import { DEMO_PASSWORD } from '@/db/seed';
import { readableText } from '@/lib/i18n/problem';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { signInStaffBothSteps } from '@/lib/testing/staff-sign-in';
import { beginStaffSignIn, STAFF_SIGN_IN_FAILED, STAFF_SIGN_IN_FAILURE_RULE } from './staff-sign-in';

// Both steps; the test seed enrols nobody in TOTP, so clerks need no code (the 'privileged' setting).
const verifyStaffPassword = (db: Parameters<typeof signInStaffBothSteps>[0], input: { username?: unknown; password?: unknown; clientAddress?: string }, now?: Date) =>
  signInStaffBothSteps(db, input as { username: string; password: string; clientAddress?: string }, now);

describe.each(TEST_TARGETS)('staff sign-in on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
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

  it('makes one address wait after 10 failed sign-ins for a username in 15 minutes, known or not; the same username from another address is not locked out', async () => {
    const t0 = new Date('2026-11-20T03:00:00Z');
    const from = (clientAddress: string) => ({ clientAddress });
    for (const username of ['clerk07', 'nobody-at-all']) {
      for (let i = 0; i < STAFF_SIGN_IN_FAILURE_RULE.limit; i++) {
        expect(await verifyStaffPassword(connection.db, { username, password: `wrong-${i}`, ...from('198.51.100.30') }, t0)).toMatchObject({ message: STAFF_SIGN_IN_FAILED });
      }
      expect(await verifyStaffPassword(connection.db, { username, password: DEMO_PASSWORD, ...from('198.51.100.30') }, t0)).toMatchObject({ status: 'invalid', message: expect.stringMatching(/^problems\.auth\.staff\.tooManyFailed\?/) });
    }
    // Issue 15 item 6: an anonymous caller cannot lock the account for everyone; the person at another address signs in.
    expect((await verifyStaffPassword(connection.db, { username: 'clerk07', password: DEMO_PASSWORD, ...from('203.0.113.31') }, t0)).status).toBe('ok');
    expect((await verifyStaffPassword(connection.db, { username: 'clerk06', password: DEMO_PASSWORD, ...from('198.51.100.30') }, t0)).status).toBe('ok');
    // The window passing lifts the wait.
    expect((await verifyStaffPassword(connection.db, { username: 'clerk07', password: DEMO_PASSWORD, ...from('198.51.100.30') }, new Date(t0.getTime() + 16 * 60_000))).status).toBe('ok');
    // 25 sign-ins at the shipped scrypt cost (128 MiB each): with files running in parallel on a busy
    // machine this can pass the 60 s default, so it gets more time (the cost itself is never lowered).
  }, 180_000);

  it('rehashes a password stored with the old scrypt cost (N=2^14) at the next right password (issue 15 item 7)', async () => {
    const { scryptSync, randomBytes } = await import('node:crypto');
    const salt = randomBytes(16);
    const oldKey = scryptSync(DEMO_PASSWORD.normalize('NFKC'), salt, 32, { N: 16384, r: 8, p: 1 });
    const oldHash = `scrypt$16384$8$1$${salt.toString('base64url')}$${oldKey.toString('base64url')}`;
    await connection.db.update(staffUsers).set({ passwordHash: oldHash }).where(eq(staffUsers.username, 'clerk04'));
    expect((await beginStaffSignIn(connection.db, { username: 'clerk04', password: DEMO_PASSWORD }, new Date(), '198.51.100.60')).status).toBe('ok');
    const [after] = await connection.db.select({ passwordHash: staffUsers.passwordHash }).from(staffUsers).where(eq(staffUsers.username, 'clerk04'));
    expect(after!.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect((await beginStaffSignIn(connection.db, { username: 'clerk04', password: DEMO_PASSWORD }, new Date(), '198.51.100.60')).status).toBe('ok');
  });

  it('checks and counts atomically: 14 parallel guesses against a limit of 10 evaluate at most 10 passwords', async () => {
    const t0 = new Date('2026-11-21T03:00:00Z');
    const id = await staffId('clerk05');
    const before = await auditCount('staff.sign_in_failed', id);
    const answers = await Promise.all(
      Array.from({ length: 14 }, (_, i) => beginStaffSignIn(connection.db, { username: 'clerk05', password: `parallel-wrong-${i}` }, t0, '198.51.100.40')),
    );
    const evaluated = (await auditCount('staff.sign_in_failed', id)) - before;
    expect(evaluated).toBeLessThanOrEqual(STAFF_SIGN_IN_FAILURE_RULE.limit);
    expect(answers.filter((a) => a.status === 'invalid' && a.message.startsWith('problems.auth.staff.tooManyFailed?')).length).toBe(14 - evaluated);
  });

  it('makes the waits grow for an address that keeps guessing: 15 minutes, then hours', async () => {
    const t0 = new Date('2026-11-22T03:00:00Z');
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    for (const minutes of [0, 16]) {
      for (let i = 0; i < STAFF_SIGN_IN_FAILURE_RULE.limit; i++) await beginStaffSignIn(connection.db, { username: 'admin', password: `wrong-${i}` }, at(minutes), '198.51.100.50');
    }
    const third = await beginStaffSignIn(connection.db, { username: 'admin', password: DEMO_PASSWORD }, at(32), '198.51.100.50');
    expect(third.status).toBe('invalid');
    expect(third.status !== 'ok' && readableText(third.message, 'en')).toMatch(/^Too many failed sign-ins; try again in \d+ h$/);
    // The admin, elsewhere, is not kept out.
    expect((await beginStaffSignIn(connection.db, { username: 'admin', password: DEMO_PASSWORD }, at(32), '203.0.113.51')).status).toBe('ok');
  });

});
