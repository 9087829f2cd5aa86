// The L3 window: a passed real-person check keeps the session at L3 until the session ends or the
// citizen is inactive for REAL_PERSON_WINDOW_MINUTES; then L3 services ask for a fresh check. Here the
// real actor loading (lib/auth/actor.ts) runs against both databases, and the submit server action is
// called directly with the actor a request would load.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/connect';
import { auditEvents, citizenSessions, eids } from '@/db/schema';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { issueFaceCheck } from '@/lib/face/face-check';
import { getFaceConfig } from '@/lib/face/config';
import { forbidden } from '@/lib/result';
import { citizenByPhone } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { loadActor, type CitizenActor, type SessionIdentity } from './actor';
import { hasRealPersonWindowLapsed } from './real-person-window';
import { SESSION_POLICY } from './session-policy';

// What a request's session lookup returns: the actor loaded from the session, at the test's clock.
const caller = vi.hoisted(() => ({ load: async (): Promise<unknown> => null }));
vi.mock('@/lib/auth/session', () => ({
  getCitizenOrFailure: async () => (await caller.load()) ?? forbidden('请先登录 / Please sign in'),
  isFailure: (value: unknown) => typeof value === 'object' && value !== null && 'status' in value,
}));
const dbHolder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('@/db/client', () => ({ getDb: async () => dbHolder.db }));
vi.mock('@/lib/notifications/outbox-worker', () => ({ kickOutbox: () => {} }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/navigation', () => ({
  redirect: (url: string) => {
    throw new Error(`redirect:${url}`);
  },
}));

const { submitApplicationAction } = await import('@/app/(citizen)/me/actions');

const T0 = new Date('2026-11-20T02:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const WINDOW_10_MIN = 10 * 60_000;

describe('the L3 window rule', () => {
  const l3 = { gatesPassed: ['registry_phone', 'real_person', 'questionnaire'], assuranceLevel: 3, createdAt: T0, lastSeenAt: at(5) };
  it('lapses only after the whole window without activity, and never for a session without the check', () => {
    expect(hasRealPersonWindowLapsed(l3, at(14), WINDOW_10_MIN)).toBe(false);
    expect(hasRealPersonWindowLapsed(l3, at(15), WINDOW_10_MIN)).toBe(true);
    expect(hasRealPersonWindowLapsed({ ...l3, gatesPassed: ['registry_phone', 'questionnaire'] }, at(60), WINDOW_10_MIN)).toBe(false);
  });
  it('defaults to 30 minutes of inactivity', async () => {
    const { getEnv } = await import('@/lib/env');
    expect(getEnv().REAL_PERSON_WINDOW_MINUTES).toBe(30);
  });
});

describe.each(TEST_TARGETS)('the L3 window on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    dbHolder.db = connection.db;
  });
  afterAll(async () => connection?.close());

  /** A session of 王芳 that passed all three gates at T0 (L3). */
  async function l3Session(gatesPassed = ['registry_phone', 'real_person', 'questionnaire'], assuranceLevel = 3): Promise<SessionIdentity & { kind: 'citizen' }> {
    const citizen = await citizenByPhone(connection.db, DEMO_CITIZENS[1]!.phone);
    const [session] = await connection.db
      .insert(citizenSessions)
      .values({ citizenAccountId: citizen.accountId, assuranceLevel, gatesPassed, createdAt: T0, lastSeenAt: T0, expiresAt: new Date(T0.getTime() + SESSION_POLICY.citizen.absoluteMs) })
      .returning();
    return { kind: 'citizen', accountId: citizen.accountId, sessionId: session!.id };
  }
  const level = async (identity: SessionIdentity, now: Date, windowMs?: number) =>
    ((await loadActor(connection.db, identity, now, { realPersonWindowMs: windowMs })) as CitizenActor | null)?.assuranceLevel;

  it('inside the window: the session stays at L3 and an L3 service asks for no new check', async () => {
    const identity = await l3Session();
    // Default window (30 min): active every 20 minutes for an hour and a half, still L3.
    for (const minute of [20, 40, 60, 80]) expect(await level(identity, at(minute))).toBe(3);
    const actor = (await loadActor(connection.db, identity, at(85))) as CitizenActor;
    expect(await issueFaceCheck(connection.db, actor, { now: at(85), config: getFaceConfig({}) })).toMatchObject({ status: 'conflict' });
  });

  it('lapsed: the session drops to the level its other gates prove, for good, and a fresh check may be taken', async () => {
    const identity = await l3Session();
    expect(await level(identity, at(9), WINDOW_10_MIN)).toBe(3);
    // 10 minutes without a request (the session itself lives 30 idle minutes).
    expect(await level(identity, at(19), WINDOW_10_MIN)).toBe(2);
    // Coming back does not bring L3 back: the check was struck from the session.
    expect(await level(identity, at(20), WINDOW_10_MIN)).toBe(2);
    const [session] = await connection.db.select().from(citizenSessions).where(eq(citizenSessions.id, identity.sessionId));
    expect(session).toMatchObject({ assuranceLevel: 2, gatesPassed: ['registry_phone', 'questionnaire'] });
    const lapses = await connection.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'eid.real_person_lapsed'), eq(auditEvents.actorId, identity.accountId)));
    expect(lapses.length).toBeGreaterThanOrEqual(1);
    // The e-ID keeps its level; only the session's proof lapsed. A fresh check is open again.
    const [eid] = await connection.db.select().from(eids).where(eq(eids.citizenAccountId, identity.accountId));
    expect(eid!.assuranceLevel).toBe(3);
    const actor = (await loadActor(connection.db, identity, at(21), { realPersonWindowMs: WINDOW_10_MIN })) as CitizenActor;
    expect(await issueFaceCheck(connection.db, actor, { now: at(21), config: getFaceConfig({}) })).toMatchObject({ status: 'ok' });
  });

  it('a direct call of the submit action with a lapsed window is refused, and inside the window it is not refused for its level', async () => {
    const lapsed = await l3Session();
    caller.load = () => loadActor(connection.db, lapsed, at(16), { realPersonWindowMs: WINDOW_10_MIN });
    const body = new FormData();
    body.set('serviceId', 'household-transfer');
    body.set('idempotencyKey', crypto.randomUUID());
    const refused = await submitApplicationAction(null, body);
    expect(refused).toMatchObject({ status: 'forbidden' });
    // The action answers in the reader's language; outside a request that is the default, Chinese.
    expect(JSON.stringify(refused)).toContain('此事项需要更高的身份认证等级');

    const fresh = await l3Session();
    caller.load = () => loadActor(connection.db, fresh, at(5), { realPersonWindowMs: WINDOW_10_MIN });
    body.set('idempotencyKey', crypto.randomUUID());
    // An empty form: refused for its content, not for the level.
    const answered = await submitApplicationAction(null, body);
    expect(JSON.stringify(answered)).not.toContain('此事项需要更高的身份认证等级');
  });
});
