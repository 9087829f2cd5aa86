import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { auditEvents, citizenSessions, eids, outboxMessages, questionnaireAttempts, residents } from '@/db/schema';
import { demoCitizenIdentities } from '@/db/registry-generator';
import { loadActor, type CitizenActor } from '@/lib/auth/actor';
import { requestSignInCode, verifySignInCode } from '@/lib/auth/citizen-sign-in';
import { msg, readableText } from '@/lib/i18n/problem';
import { smsPayloadSchema } from '@/lib/notifications/outbox';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { answerQuestionnaire, deferRealPersonCheck, getEnrolmentState, startQuestionnaire } from './enrolment';

const SECRET = 'enrolment-test-secret';
const T0 = new Date('2026-11-20T02:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

describe.each(TEST_TARGETS)('enrolment on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  /** Gate 1 exactly as the sign-in page does it; returns the session's actor. */
  async function signIn(phoneOf: { name: string; idNumber: string; phone: string }, now: Date): Promise<CitizenActor> {
    const { db } = connection;
    const requested = await requestSignInCode(db, phoneOf, SECRET, now);
    if (requested.status !== 'ok') throw new Error(JSON.stringify(requested));
    const [sms] = await db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'sms')).orderBy(desc(outboxMessages.id)).limit(1);
    const code = smsPayloadSchema.parse(sms!.payload).code!;
    const verified = await verifySignInCode(db, { challengeId: requested.data.challengeId, code }, SECRET, now);
    if (verified.status !== 'ok') throw new Error(JSON.stringify(verified));
    const actor = await loadActor(db, { kind: 'citizen', accountId: verified.data.accountId, sessionId: verified.data.sessionId }, now);
    if (actor?.kind !== 'citizen') throw new Error('no actor');
    return actor;
  }

  const answerKeyOf = async (attemptId: string) =>
    (await connection.db.select().from(questionnaireAttempts).where(eq(questionnaireAttempts.id, attemptId)))[0]!.answerKey as Record<string, string>;
  const ctx = (now: Date) => ({ secret: SECRET, clientKey: `test-${target.kind}`, now });

  it('refuses the questionnaire before gate 2 is dealt with, records gate 2 as not passed, then raises the session to L2 and issues the e-ID', async () => {
    const { db } = connection;
    const [li] = demoCitizenIdentities();
    const actor = await signIn(li!, T0);
    expect(actor.assuranceLevel).toBe(1);
    expect(actor.eid).toBeNull();

    expect(await startQuestionnaire(db, actor, ctx(T0))).toMatchObject({ status: 'forbidden' });
    expect(await answerQuestionnaire(db, actor, { attemptId: crypto.randomUUID(), answers: {} }, T0)).toMatchObject({ status: 'forbidden' });
    expect((await getEnrolmentState(db, actor, T0)).step).toBe('real_person');

    expect(await deferRealPersonCheck(db, actor, T0)).toMatchObject({ status: 'ok', data: { step: 'questionnaire' } });
    const [session] = await db.select().from(citizenSessions).where(eq(citizenSessions.id, actor.sessionId!));
    expect(session!.gatesPassed).toEqual(['registry_phone', 'real_person_deferred']);
    expect(session!.gatesPassed).not.toContain('real_person');

    const started = await startQuestionnaire(db, actor, ctx(minutes(1)));
    if (started.status !== 'ok') throw new Error(JSON.stringify(started));
    expect(started.data.questions.length).toBeGreaterThanOrEqual(4);
    for (const q of started.data.questions) expect(q.options.length).toBeGreaterThanOrEqual(4);
    // The browser's copy carries no answers.
    expect(JSON.stringify(started.data)).not.toMatch(/answer/i);
    // A reload resumes the same attempt.
    const resumed = await startQuestionnaire(db, actor, ctx(minutes(2)));
    expect(resumed.status === 'ok' && resumed.data.attemptId).toBe(started.data.attemptId);

    const answers = await answerKeyOf(started.data.attemptId);
    expect(await answerQuestionnaire(db, actor, { attemptId: started.data.attemptId, answers }, minutes(3))).toEqual({ status: 'ok', data: { passed: true, assuranceLevel: 2 } });
    const after = await loadActor(db, { kind: 'citizen', accountId: actor.accountId, sessionId: actor.sessionId! }, minutes(3));
    expect(after).toMatchObject({ assuranceLevel: 2, eid: { status: 'active', assuranceLevel: 2 } });
    expect(await answerQuestionnaire(db, actor, { attemptId: started.data.attemptId, answers }, minutes(4))).toMatchObject({ status: 'forbidden' });
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.actorId, actor.accountId));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['eid.real_person_deferred', 'eid.questionnaire_started', 'eid.questionnaire_passed', 'eid.issued']));

    // A new session starts again at L1: the level is proven per session, the e-ID keeps its own.
    const next = await signIn(li!, minutes(10));
    expect(next).toMatchObject({ assuranceLevel: 1, eid: { assuranceLevel: 2 } });
  });

  it('fails on a wrong or late answer, never repeats a question, and locks after 3 attempts in 24 hours with the unlock time', async () => {
    const { db } = connection;
    const [, wang] = demoCitizenIdentities();
    const seen = new Set<string>();
    let actor = await signIn(wang!, T0);
    await deferRealPersonCheck(db, actor, T0);

    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const startedAt = minutes(attempt * 20);
      const started = await startQuestionnaire(db, actor, ctx(startedAt));
      if (started.status !== 'ok') throw new Error(`attempt ${attempt}: ${JSON.stringify(started)}`);
      expect(started.data.remainingAttempts).toBe(3 - attempt);
      for (const q of started.data.questions) {
        expect(seen.has(q.key), `question repeated in attempt ${attempt}`).toBe(false);
        seen.add(q.key);
      }
      const answers = await answerKeyOf(started.data.attemptId);
      if (attempt === 1) {
        const [first] = Object.keys(answers);
        answers[first!] = answers[first!] === 'a' ? 'b' : 'a';
      }
      // Attempt 2 answers right but after the time allowed (4 questions × 2 minutes).
      const answeredAt = attempt === 2 ? new Date(startedAt.getTime() + 9 * 60_000) : startedAt;
      const result = await answerQuestionnaire(db, actor, { attemptId: started.data.attemptId, answers }, answeredAt);
      expect(result).toMatchObject({ status: 'ok', data: { passed: false, remainingAttempts: 3 - attempt, unlockAt: null } });
      actor = (await loadActor(db, { kind: 'citizen', accountId: actor.accountId, sessionId: actor.sessionId! }, answeredAt)) as CitizenActor;
    }

    // The third attempt is counted from the moment its questions are shown, answered or not.
    const third = await startQuestionnaire(db, actor, ctx(minutes(60)));
    if (third.status === 'ok') {
      for (const q of third.data.questions) expect(seen.has(q.key)).toBe(false);
      await answerQuestionnaire(db, actor, { attemptId: third.data.attemptId, answers: {} }, minutes(61));
    } else {
      // Every question the records allow has been asked: no repeats, so the citizen is sent to a counter.
      expect(third).toMatchObject({ status: 'invalid', message: msg('problems.identity.enrolment.recordsTooThin') });
      await db.insert(questionnaireAttempts).values({ citizenAccountId: actor.accountId, sessionId: actor.sessionId!, questions: [], answerKey: {}, questionKeys: [], startedAt: minutes(60), deadlineAt: minutes(68), completedAt: minutes(61), isPassed: false });
    }
    const locked = await startQuestionnaire(db, actor, ctx(minutes(90)));
    expect(locked).toMatchObject({ status: 'forbidden', message: expect.stringMatching(/^problems\.identity\.enrolment\.locked\?/) });
    if (locked.status !== 'ok') {
      expect(readableText(locked.message, 'zh-CN')).toMatch(/^24 小时内已答题 \d+ 次，问卷已锁定，.+ 后可再试$/);
      expect(readableText(locked.message, 'en')).toMatch(/^Locked after \d+ attempts in 24 hours; try again after .+ \(Beijing time\)$/);
    }
    const state = await getEnrolmentState(db, actor, minutes(90));
    expect(state.attemptState).toEqual({ allowed: false, unlockAt: new Date(minutes(20).getTime() + 24 * 3_600_000) });
    // Failing never changes the e-ID (王芳's was issued at L3 by the seed, earlier).
    expect((await db.select().from(eids).where(eq(eids.citizenAccountId, actor.accountId))).map((e) => e.assuranceLevel)).toEqual([3]);

    // Once the oldest attempt has left the 24-hour window the lock is gone.
    const tomorrow = new Date(minutes(20).getTime() + 24 * 3_600_000 + 60_000);
    expect((await getEnrolmentState(db, actor, tomorrow)).attemptState).toEqual({ allowed: true, remaining: 1 });

    // A week later the questions asked before may come back: a citizen is never run out of them.
    const nextWeek = new Date(minutes(20).getTime() + 8 * 86_400_000);
    const later = await startQuestionnaire(db, actor, ctx(nextWeek));
    if (later.status !== 'ok') throw new Error(JSON.stringify(later));
    expect(later.data.questions.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses a citizen whose registry record has too little to ask about, with a way forward', async () => {
    const { db } = connection;
    // A minor with no vehicles, licence, moves or travel documents.
    const [child] = await db.select().from(residents).where(eq(residents.householdRelation, 'child'));
    const actor = await signIn({ name: child!.name, idNumber: child!.idNumber, phone: child!.phone }, T0).catch(() => null);
    if (!actor) return; // the seeded child may be inactive; nothing to check then
    await deferRealPersonCheck(db, actor, T0);
    const result = await startQuestionnaire(db, actor, ctx(T0));
    if (result.status !== 'ok') expect(result.message).toBe(msg('problems.identity.enrolment.recordsTooThin'));
  });
});
