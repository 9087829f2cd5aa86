import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Transaction } from '@/db/connect';
import { citizenSessions, eids, identityUses, questionnaireAttempts } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { CitizenActor } from '@/lib/auth/actor';
import { retryWait } from '@/lib/security/throttle';
import { msg } from '@/lib/i18n/problem';
import { conflict, forbidden, invalid, ok, OperationFailure, type Result } from '@/lib/result';
import { hitThrottle } from '@/lib/security/throttle';
import { THROTTLE_RULES } from '@/lib/security/throttle-rules';
import { loadCitizenRecords } from './citizen-records';
import {
  generateQuestionnaire,
  MAX_ATTEMPTS_PER_DAY,
  MIN_QUESTIONS,
  nextAttemptState,
  QUESTION_TIME_LIMIT_SECONDS,
  scoreQuestionnaire,
  type Question,
} from './questionnaire';

// Enrolment (申领) is server-driven: each step reads the gates this session has passed, in order,
// and refuses a step whose predecessors are missing — calling a later step directly gets nowhere.
//   gate 1 registry_phone  → set at sign-in (registry match + one-time code)
//   gate 2 real_person     → the live face check (lib/face/face-check.ts); the citizen may defer it,
//                            recorded as real_person_deferred, which never counts as passed, and
//                            take it later in the same session
//   gate 3 questionnaire   → L2, or L3 with gate 2 passed; the e-ID is issued or raised
export type EnrolmentStep = 'real_person' | 'questionnaire' | 'done';

export function nextEnrolmentStep(gatesPassed: readonly string[]): EnrolmentStep {
  if (!gatesPassed.includes('real_person') && !gatesPassed.includes('real_person_deferred')) return 'real_person';
  if (!gatesPassed.includes('questionnaire')) return 'questionnaire';
  return 'done';
}

/** The level a session has proved: the questionnaire makes L2, with the real-person check L3. */
export function levelFromGates(gatesPassed: readonly string[]): number {
  if (!gatesPassed.includes('questionnaire')) return 1;
  return gatesPassed.includes('real_person') ? 3 : 2;
}

/**
 * The level a session reaches when it passes the real-person check. An e-ID enrolled at L3 keeps its
 * proofing (the questionnaire is part of enrolment, not of every sign-in): for its active holder the
 * fresh check alone is L3. Everyone else gets what the gates of this session prove.
 */
export function levelAfterRealPersonCheck(gatesPassed: readonly string[], eid: CitizenActor['eid']): number {
  const proved = levelFromGates(gatesPassed);
  return eid?.status === 'active' && eid.assuranceLevel >= 3 && gatesPassed.includes('real_person') ? Math.max(proved, 3) : proved;
}

const OUT_OF_ORDER = msg('problems.identity.enrolment.outOfOrder');

export async function loadSession(db: Database | Transaction, actor: CitizenActor) {
  if (!actor.sessionId) return undefined;
  const [session] = await db
    .select()
    .from(citizenSessions)
    .where(and(eq(citizenSessions.id, actor.sessionId), eq(citizenSessions.citizenAccountId, actor.accountId), isNull(citizenSessions.endedAt)));
  return session;
}

export async function getEnrolmentState(db: Database, actor: CitizenActor, now = new Date()) {
  const session = await loadSession(db, actor);
  const attempts = await db
    .select({ startedAt: questionnaireAttempts.startedAt, passed: questionnaireAttempts.isPassed })
    .from(questionnaireAttempts)
    .where(eq(questionnaireAttempts.citizenAccountId, actor.accountId));
  const attemptState = nextAttemptState(
    attempts.map((a) => ({ startedAt: a.startedAt, passed: a.passed === true })),
    now,
  );
  return {
    step: session ? nextEnrolmentStep(session.gatesPassed) : ('real_person' as EnrolmentStep),
    gatesPassed: session?.gatesPassed ?? [],
    sessionLevel: session?.assuranceLevel ?? 0,
    attemptState,
  };
}

/** Gate 2 is not available yet: the citizen may go on, and the record says plainly it was not passed. */
export async function deferRealPersonCheck(db: Database, actor: CitizenActor, now = new Date()): Promise<Result<{ step: EnrolmentStep }>> {
  const session = await loadSession(db, actor);
  if (!session || !session.gatesPassed.includes('registry_phone')) return forbidden(OUT_OF_ORDER);
  if (nextEnrolmentStep(session.gatesPassed) !== 'real_person') return ok({ step: nextEnrolmentStep(session.gatesPassed) });
  const gatesPassed = [...session.gatesPassed, 'real_person_deferred'];
  await db.transaction(async (tx) => {
    await tx.update(citizenSessions).set({ gatesPassed }).where(eq(citizenSessions.id, session.id));
    await writeAudit(tx, { action: 'eid.real_person_deferred', actorType: 'citizen', actorId: actor.accountId, subjectType: 'citizen', subjectId: actor.accountId, details: { at: now.toISOString() } });
  });
  return ok({ step: nextEnrolmentStep(gatesPassed) });
}

const QUESTION_REUSE_AFTER_MS = 7 * 86_400_000;

export type PublicAttempt = { attemptId: string; questions: Question[]; deadlineAt: Date; remainingAttempts: number };

function lockedMessage(unlockAt: Date): string {
  const when = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(unlockAt);
  return msg('problems.identity.enrolment.locked', { max: MAX_ATTEMPTS_PER_DAY, when });
}

/** Gate 3, first half: questions from the citizen's own records, never one asked in an earlier attempt. */
export async function startQuestionnaire(
  db: Database,
  actor: CitizenActor,
  ctx: { secret: string; clientKey?: string; now?: Date },
): Promise<Result<PublicAttempt>> {
  const now = ctx.now ?? new Date();
  const session = await loadSession(db, actor);
  if (!session || nextEnrolmentStep(session.gatesPassed) === 'real_person') return forbidden(OUT_OF_ORDER);
  if (session.gatesPassed.includes('questionnaire')) return conflict(msg('problems.identity.enrolment.alreadyPassed'));

  const [open] = await db
    .select()
    .from(questionnaireAttempts)
    .where(and(eq(questionnaireAttempts.sessionId, session.id), isNull(questionnaireAttempts.completedAt), gt(questionnaireAttempts.deadlineAt, now)));
  const previous = await db
    .select()
    .from(questionnaireAttempts)
    .where(eq(questionnaireAttempts.citizenAccountId, actor.accountId))
    .orderBy(asc(questionnaireAttempts.startedAt));
  const state = nextAttemptState(previous.map((a) => ({ startedAt: a.startedAt, passed: a.isPassed === true })), now);
  // A reload resumes the open attempt instead of spending another one.
  if (open) return ok({ attemptId: open.id, questions: open.questions as Question[], deadlineAt: open.deadlineAt, remainingAttempts: state.allowed ? state.remaining : 0 });
  if (!state.allowed) return forbidden(lockedMessage(state.unlockAt));

  const perClient = ctx.clientKey
    ? await hitThrottle(db, `questionnaire:client:${ctx.clientKey}`, THROTTLE_RULES.questionnairePerClient, now)
    : { isAllowed: true, retryAfterSeconds: 0 };
  if (!perClient.isAllowed) return forbidden(msg('problems.identity.enrolment.tooManyFromDevice', { wait: retryWait(perClient.retryAfterSeconds) }));

  const records = await loadCitizenRecords(db, actor.residentId);
  if (!records) return forbidden();
  const attemptId = randomUUID();
  const generated = generateQuestionnaire(records, {
    seed: attemptId,
    secret: ctx.secret,
    // Not a question asked in the past week: a guesser learns nothing from retrying, while a
    // citizen who steps up again next month is not run out of questions about their own records.
    exclude: new Set(previous.filter((a) => a.startedAt.getTime() > now.getTime() - QUESTION_REUSE_AFTER_MS).flatMap((a) => a.questionKeys)),
    count: MIN_QUESTIONS,
    now,
  });
  if ('error' in generated) {
    return invalid(msg('problems.identity.enrolment.recordsTooThin'));
  }
  const deadlineAt = new Date(now.getTime() + generated.questions.length * QUESTION_TIME_LIMIT_SECONDS * 1000);
  await db.transaction(async (tx) => {
    await tx.insert(questionnaireAttempts).values({
      id: attemptId,
      citizenAccountId: actor.accountId,
      sessionId: session.id,
      questions: generated.questions,
      answerKey: generated.answerKey,
      questionKeys: generated.questions.map((q) => q.key),
      startedAt: now,
      deadlineAt,
    });
    await writeAudit(tx, { action: 'eid.questionnaire_started', actorType: 'citizen', actorId: actor.accountId, subjectType: 'citizen', subjectId: actor.accountId, details: { attemptId } });
  });
  return ok({ attemptId, questions: generated.questions, deadlineAt, remainingAttempts: state.remaining - 1 });
}

export const answersSchema = z.object({
  attemptId: z.uuid(),
  answers: z.record(z.string().max(200), z.string().max(10)),
});

export type AnswerOutcome =
  | { passed: true; assuranceLevel: number }
  | { passed: false; correct: number; total: number; remainingAttempts: number; unlockAt: Date | null };

/** Gate 3, second half: all answers right within the time → the session reaches L2 and the e-ID is issued. */
export async function answerQuestionnaire(db: Database, actor: CitizenActor, rawInput: unknown, now = new Date()): Promise<Result<AnswerOutcome>> {
  const parsed = answersSchema.safeParse(rawInput);
  if (!parsed.success) return invalid(msg('problems.identity.enrolment.invalidAnswers'));
  const session = await loadSession(db, actor);
  if (!session || nextEnrolmentStep(session.gatesPassed) !== 'questionnaire') return forbidden(OUT_OF_ORDER);

  try {
    return await db.transaction(async (tx) => {
      const [attempt] = await tx
        .select()
        .from(questionnaireAttempts)
        .where(and(eq(questionnaireAttempts.id, parsed.data.attemptId), eq(questionnaireAttempts.sessionId, session.id)))
        .for('update');
      if (!attempt) throw new OperationFailure(forbidden(OUT_OF_ORDER));
      if (attempt.completedAt) throw new OperationFailure(conflict(msg('problems.identity.enrolment.alreadySubmitted')));
      const answerKey = attempt.answerKey as Record<string, string>;
      const score = scoreQuestionnaire(answerKey, parsed.data.answers, { startedAt: attempt.startedAt, answeredAt: {}, now });
      await tx
        .update(questionnaireAttempts)
        .set({ answers: parsed.data.answers, completedAt: now, isPassed: score.passed })
        .where(eq(questionnaireAttempts.id, attempt.id));
      if (!score.passed) {
        await writeAudit(tx, { action: 'eid.questionnaire_failed', actorType: 'citizen', actorId: actor.accountId, subjectType: 'citizen', subjectId: actor.accountId, details: { attemptId: attempt.id, correct: score.correct, total: score.total, timedOut: score.timedOut.length } });
        const history = await tx
          .select({ startedAt: questionnaireAttempts.startedAt, passed: questionnaireAttempts.isPassed })
          .from(questionnaireAttempts)
          .where(eq(questionnaireAttempts.citizenAccountId, actor.accountId));
        const state = nextAttemptState(history.map((a) => ({ startedAt: a.startedAt, passed: a.passed === true })), now);
        return ok<AnswerOutcome>({ passed: false, correct: score.correct, total: score.total, remainingAttempts: state.allowed ? state.remaining : 0, unlockAt: state.allowed ? null : state.unlockAt });
      }
      const gatesPassed = [...session.gatesPassed, 'questionnaire'];
      const assuranceLevel = Math.max(levelFromGates(gatesPassed), session.assuranceLevel);
      await tx.update(citizenSessions).set({ assuranceLevel, gatesPassed }).where(eq(citizenSessions.id, session.id));
      await issueOrRaiseEid(tx, actor, assuranceLevel, now);
      await tx.insert(identityUses).values({ citizenAccountId: actor.accountId, kind: 'step_up', result: `L${assuranceLevel}`, createdAt: now });
      await writeAudit(tx, { action: 'eid.questionnaire_passed', actorType: 'citizen', actorId: actor.accountId, subjectType: 'citizen', subjectId: actor.accountId, details: { attemptId: attempt.id, assuranceLevel } });
      return ok<AnswerOutcome>({ passed: true, assuranceLevel });
    });
  } catch (error) {
    if (error instanceof OperationFailure) return error.failure;
    throw error;
  }
}

/** 申领: the first pass issues the e-ID; later ones raise its level. A suspended or revoked e-ID stays so. */
export async function issueOrRaiseEid(tx: Transaction, actor: CitizenActor, level: number, now: Date): Promise<void> {
  const [existing] = await tx.select().from(eids).where(eq(eids.citizenAccountId, actor.accountId)).for('update');
  if (!existing) {
    const [eid] = await tx.insert(eids).values({ citizenAccountId: actor.accountId, assuranceLevel: level, issuedAt: now }).returning({ id: eids.id });
    await writeAudit(tx, { action: 'eid.issued', actorType: 'citizen', actorId: actor.accountId, subjectType: 'eid', subjectId: eid!.id, details: { assuranceLevel: level } });
    return;
  }
  if (existing.assuranceLevel < level) {
    await tx.update(eids).set({ assuranceLevel: level }).where(eq(eids.id, existing.id));
    await writeAudit(tx, { action: 'eid.level_raised', actorType: 'citizen', actorId: actor.accountId, subjectType: 'eid', subjectId: existing.id, details: { from: existing.assuranceLevel, to: level } });
  }
}
