import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { auditEvents, citizenSessions, staffSessions, staffUsers } from '@/db/schema';
import { DEMO_PASSWORD } from '@/db/seed';
import { citizenByPhone } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { loadActor, type SessionIdentity } from './actor';
import { endStaffSession } from './staff-session';
import { SESSION_POLICY } from './session-policy';
import { signOutEverywhere } from './sign-out-everywhere';
import { signInStaffBothSteps } from '@/lib/testing/staff-sign-in';

const T0 = new Date('2026-11-20T02:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe.each(TEST_TARGETS)('server-side sessions on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  async function signInStaff(username: string, now = T0): Promise<SessionIdentity & { kind: 'staff' }> {
    const result = await signInStaffBothSteps(connection.db, { username, password: DEMO_PASSWORD }, now);
    if (result.status !== 'ok') throw new Error('sign-in failed');
    return { kind: 'staff', staffId: result.data.staffId, sessionId: result.data.sessionId };
  }

  async function citizenSession(phone: string, now = T0): Promise<SessionIdentity & { kind: 'citizen' }> {
    const citizen = await citizenByPhone(connection.db, phone);
    const [session] = await connection.db
      .insert(citizenSessions)
      .values({ citizenAccountId: citizen.accountId, assuranceLevel: 1, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_POLICY.citizen.absoluteMs) })
      .returning();
    return { kind: 'citizen', accountId: citizen.accountId, sessionId: session!.id };
  }

  it('ends a staff session after 15 idle minutes, and activity keeps it going', async () => {
    const identity = await signInStaff('clerk06');
    expect(await loadActor(connection.db, identity, at(14))).toMatchObject({ kind: 'staff', sessionId: identity.sessionId });
    // Seen at 14 minutes: still alive at 28, which is 28 minutes after sign-in.
    expect(await loadActor(connection.db, identity, at(28))).not.toBeNull();
    expect(await loadActor(connection.db, identity, at(28 + 15))).toBeNull();
    // Idle is final: coming back does not revive it.
    expect(await loadActor(connection.db, identity, at(28 + 15))).toBeNull();
  });

  it('ends a citizen session after 30 idle minutes', async () => {
    const identity = await citizenSession('13800000002');
    expect(await loadActor(connection.db, identity, at(29))).toMatchObject({ kind: 'citizen', sessionId: identity.sessionId });
    expect(await loadActor(connection.db, identity, at(29 + 29))).not.toBeNull();
    expect(await loadActor(connection.db, identity, at(29 + 29 + 30))).toBeNull();
  });

  it('ends any session at its absolute lifetime (12 hours) however active it was', async () => {
    const staff = await signInStaff('clerk02');
    const citizen = await citizenSession('13800000001');
    for (let minute = 10; minute < 12 * 60; minute += 10) {
      expect(await loadActor(connection.db, staff, at(minute)), `staff at ${minute} min`).not.toBeNull();
      expect(await loadActor(connection.db, citizen, at(minute)), `citizen at ${minute} min`).not.toBeNull();
    }
    expect(await loadActor(connection.db, staff, at(12 * 60))).toBeNull();
    expect(await loadActor(connection.db, citizen, at(12 * 60))).toBeNull();
  });

  it('writes last_seen_at at most once a minute', async () => {
    const identity = await signInStaff('clerk07');
    const lastSeen = async () => (await connection.db.select().from(staffSessions).where(eq(staffSessions.id, identity.sessionId)))[0]!.lastSeenAt;
    expect(await lastSeen()).toEqual(T0);
    await loadActor(connection.db, identity, new Date(T0.getTime() + 30_000));
    expect(await lastSeen()).toEqual(T0);
    await loadActor(connection.db, identity, new Date(T0.getTime() + 61_000));
    expect(await lastSeen()).toEqual(new Date(T0.getTime() + 61_000));
  });

  it('refuses an ended session (sign out) and a token that names no session', async () => {
    const identity = await signInStaff('clerk06');
    await endStaffSession(connection.db, identity.sessionId, at(1));
    expect(await loadActor(connection.db, identity, at(2))).toBeNull();
    expect(await loadActor(connection.db, { kind: 'staff', staffId: identity.staffId } as never, at(2))).toBeNull();
    // Another person's session id does not work with this staff id.
    const other = await signInStaff('clerk02');
    expect(await loadActor(connection.db, { ...identity, sessionId: other.sessionId }, at(2))).toBeNull();
  });

  it('signs a staff member out everywhere, and only them', async () => {
    const desk = await signInStaff('clerk06');
    const laptop = await signInStaff('clerk06');
    const colleague = await signInStaff('clerk02');
    const actor = await loadActor(connection.db, desk, at(1));
    if (!actor) throw new Error('no actor');
    expect((await signOutEverywhere(connection.db, actor, at(2))).ended).toBeGreaterThanOrEqual(2);
    expect(await loadActor(connection.db, desk, at(3))).toBeNull();
    expect(await loadActor(connection.db, laptop, at(3))).toBeNull();
    expect(await loadActor(connection.db, colleague, at(3))).not.toBeNull();
    const audit = await connection.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'staff.signed_out_everywhere'), eq(auditEvents.subjectId, desk.staffId)));
    expect(audit).toHaveLength(1);
  });

  it('signs a citizen out everywhere', async () => {
    const phone = await citizenSession('13800000001');
    const computer = await citizenSession('13800000001');
    const actor = await loadActor(connection.db, phone, at(1));
    if (!actor) throw new Error('no actor');
    await signOutEverywhere(connection.db, actor, at(2));
    expect(await loadActor(connection.db, phone, at(3))).toBeNull();
    expect(await loadActor(connection.db, computer, at(3))).toBeNull();
  });

  it('ends a staff member’s sessions when their role, districts or password change, or they are disabled', async () => {
    const [clerk] = await connection.db.select().from(staffUsers).where(eq(staffUsers.username, 'clerk02'));
    const changes = [{ role: 'supervisor' as const }, { districtCodes: ['420111'] }, { passwordHash: 'changed' }, { isActive: false }];
    for (const change of changes) {
      const identity = await signInStaff('clerk02', at(0));
      expect(await loadActor(connection.db, identity, at(1))).not.toBeNull();
      await connection.db.update(staffUsers).set(change).where(eq(staffUsers.id, clerk!.id));
      expect(await loadActor(connection.db, identity, at(2)), JSON.stringify(change)).toBeNull();
      await connection.db.update(staffUsers).set({ role: clerk!.role, districtCodes: clerk!.districtCodes, passwordHash: clerk!.passwordHash, isActive: true }).where(eq(staffUsers.id, clerk!.id));
    }
    // A change of something else (the e-mail address) leaves sessions alone.
    const identity = await signInStaff('clerk02', at(0));
    await connection.db.update(staffUsers).set({ email: 'new@example.test' }).where(eq(staffUsers.id, clerk!.id));
    expect(await loadActor(connection.db, identity, at(1))).not.toBeNull();
    const open = await connection.db.select().from(staffSessions).where(and(eq(staffSessions.staffUserId, clerk!.id), isNull(staffSessions.endedAt)));
    expect(open).toHaveLength(1);
  });
});
