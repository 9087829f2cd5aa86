import { and, eq, notInArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { auditEvents, citizenSessions, eids, outboxMessages, residents } from '@/db/schema';
import { loadActor, type CitizenActor, type StaffActor } from '@/lib/auth/actor';
import { msg } from '@/lib/i18n/problem';
import { smsPayloadSchema } from '@/lib/notifications/outbox';
import { piiIndex } from '@/lib/privacy/pii-columns';
import { citizenByPhone, staffByUsername } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { resumeEid, revokeEid, suspendEid } from './eid-status';

const T0 = new Date('2026-11-20T02:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

describe.each(TEST_TARGETS)('e-ID status on $kind', (target) => {
  let connection: Connection;
  let supervisor: StaffActor;
  let admin: StaffActor;
  let clerk: StaffActor;

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    [supervisor, admin, clerk] = await Promise.all([staffByUsername(connection.db, 'supervisor'), staffByUsername(connection.db, 'admin'), staffByUsername(connection.db, 'clerk02')]);
  });
  afterAll(async () => connection?.close());

  /** A citizen with an active e-ID, signed in (a real session row) at the given level. */
  async function signedInHolder(phone: string, level: number): Promise<{ actor: CitizenActor; eidId: string }> {
    const { db } = connection;
    const citizen = await citizenByPhone(db, phone);
    const [existing] = await db.select().from(eids).where(eq(eids.citizenAccountId, citizen.accountId));
    const eid = existing ?? (await db.insert(eids).values({ citizenAccountId: citizen.accountId, assuranceLevel: 2, issuedAt: T0 }).returning())[0]!;
    const [session] = await db
      .insert(citizenSessions)
      .values({ citizenAccountId: citizen.accountId, assuranceLevel: level, expiresAt: minutes(120), createdAt: T0 })
      .returning();
    const actor = await loadActor(db, { kind: 'citizen', accountId: citizen.accountId, sessionId: session!.id }, T0);
    if (actor?.kind !== 'citizen') throw new Error('no actor');
    return { actor, eidId: eid.id };
  }

  const eidRow = async (id: string) => (await connection.db.select().from(eids).where(eq(eids.id, id)))[0]!;
  const auditOf = (eidId: string) => connection.db.select().from(auditEvents).where(and(eq(auditEvents.subjectType, 'eid'), eq(auditEvents.subjectId, eidId))).orderBy(auditEvents.id);

  it('lets the citizen suspend at any session level and stay signed in, and resume only in an L2 session', async () => {
    const { db } = connection;
    const { actor, eidId } = await signedInHolder('13800000001', 1);

    expect(await suspendEid(db, actor, minutes(1))).toEqual({ status: 'ok', data: { status: 'suspended' } });
    expect(await eidRow(eidId)).toMatchObject({ status: 'suspended', statusChangedAt: minutes(1), statusReason: null });
    // Still signed in, so the citizen can come back and resume.
    expect(await loadActor(db, { kind: 'citizen', accountId: actor.accountId, sessionId: actor.sessionId! }, minutes(2))).toMatchObject({ eid: { status: 'suspended' } });
    expect(await suspendEid(db, actor, minutes(2))).toMatchObject({ status: 'conflict' });

    expect(await resumeEid(db, actor, minutes(3))).toMatchObject({ status: 'forbidden', message: msg('problems.identity.resumeNeedsQuestionnaire') });
    expect((await eidRow(eidId)).status).toBe('suspended');

    const stepped = { ...actor, assuranceLevel: 2 };
    expect(await resumeEid(db, stepped, minutes(4))).toEqual({ status: 'ok', data: { status: 'active' } });
    expect(await eidRow(eidId)).toMatchObject({ status: 'active', statusChangedAt: minutes(4) });
    expect(await resumeEid(db, stepped, minutes(5))).toMatchObject({ status: 'conflict' });

    const audit = await auditOf(eidId);
    expect(audit.map((a) => [a.action, a.actorType, a.actorId])).toEqual([
      ['eid.suspended', 'citizen', actor.accountId],
      ['eid.resumed', 'citizen', actor.accountId],
    ]);
  });

  it('says not found to a citizen without an e-ID', async () => {
    const { db } = connection;
    const [resident] = await db.select().from(residents).where(notInArray(residents.phoneIndex, ['13800000001', '13800000002'].map((p) => piiIndex('phone', p)))).limit(1);
    const stranger = await citizenByPhone(db, resident!.phone);
    expect(await suspendEid(db, stranger)).toMatchObject({ status: 'not_found' });
    expect(await resumeEid(db, { ...stranger, assuranceLevel: 2 })).toMatchObject({ status: 'not_found' });
  });

  it('lets a supervisor or admin revoke with a reason: the citizen is signed out everywhere, told by SMS, and can never resume', async () => {
    const { db } = connection;
    const { actor, eidId } = await signedInHolder('13800000002', 2);
    // A second device signed in too.
    await db
      .insert(citizenSessions)
      .values({ citizenAccountId: actor.accountId, assuranceLevel: 1, expiresAt: minutes(120), createdAt: T0 });

    expect(await revokeEid(db, clerk, { eidId, reason: '冒用他人身份' })).toMatchObject({ status: 'forbidden' });
    expect(await revokeEid(db, supervisor, { eidId, reason: ' ' })).toMatchObject({ status: 'invalid', fieldErrors: { reason: expect.any(Array) } });
    expect(await revokeEid(db, supervisor, { eidId: 'nope', reason: '冒用他人身份' })).toMatchObject({ status: 'invalid' });
    expect(await revokeEid(db, supervisor, { eidId: crypto.randomUUID(), reason: '冒用他人身份' })).toMatchObject({ status: 'not_found' });
    expect((await eidRow(eidId)).status).toBe('active');

    await db.delete(outboxMessages);
    expect(await revokeEid(db, admin, { eidId, reason: '  冒用他人身份  ' }, minutes(10))).toEqual({ status: 'ok', data: { status: 'revoked' } });
    expect(await eidRow(eidId)).toMatchObject({ status: 'revoked', statusChangedAt: minutes(10), statusReason: '冒用他人身份' });

    const sessions = await db.select().from(citizenSessions).where(eq(citizenSessions.citizenAccountId, actor.accountId));
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    for (const s of sessions) expect(s.endedAt).toEqual(minutes(10));
    expect(await loadActor(db, { kind: 'citizen', accountId: actor.accountId, sessionId: actor.sessionId! }, minutes(11))).toBeNull();

    const [sms] = await db.select().from(outboxMessages);
    expect(smsPayloadSchema.parse(sms!.payload)).toMatchObject({ to: '13800000002', text: expect.stringContaining('注销') });

    const [audit] = (await auditOf(eidId)).filter((a) => a.action === 'eid.revoked');
    expect(audit).toMatchObject({ actorType: 'staff', actorId: admin.staffId, details: { from: 'active', reason: '冒用他人身份' } });

    // Revoked is final.
    expect(await resumeEid(db, actor, minutes(12))).toMatchObject({ status: 'conflict', message: msg('problems.identity.status.revoked') });
    expect(await suspendEid(db, actor, minutes(12))).toMatchObject({ status: 'conflict' });
    expect(await revokeEid(db, supervisor, { eidId, reason: '再次注销' }, minutes(12))).toMatchObject({ status: 'conflict' });
    expect((await eidRow(eidId)).status).toBe('revoked');
  });

  it('revokes a suspended e-ID too', async () => {
    const { db } = connection;
    const { actor, eidId } = await signedInHolder('13800000001', 1);
    if ((await eidRow(eidId)).status === 'active') await suspendEid(db, actor, minutes(20));
    expect(await revokeEid(db, supervisor, { eidId, reason: '本人申请注销' }, minutes(21))).toEqual({ status: 'ok', data: { status: 'revoked' } });
    const [audit] = (await auditOf(eidId)).filter((a) => a.action === 'eid.revoked');
    expect(audit).toMatchObject({ actorId: supervisor.staffId, details: { from: 'suspended' } });
  });
});
