import 'server-only';
import { and, desc, eq, gt, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '@/db/connect';
import { definePrepared } from '@/db/prepared';
import { citizenAccounts, citizenSessions, faceCheckFrames, faceChecks, identityUses, photoConsents, residentPhotos } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { CitizenActor } from '@/lib/auth/actor';
import { issueOrRaiseEid, levelAfterRealPersonCheck, loadSession } from '@/lib/identity/enrolment';
import { msg } from '@/lib/i18n/problem';
import { conflict, forbidden, invalid, notFound, ok, OperationFailure, type Result } from '@/lib/result';
import { faceCheckAllowance, type FaceCheckAllowance } from './attempt-limits';
import { CHALLENGE_ACTIONS, createChallenge, type ActionOrNeutral, type ChallengeAction, type RandomInt } from './challenge';
import { getFaceConfig, type FaceConfig } from './config';
import { activePhotoConsentOf, PHOTO_REUSE_PURPOSE, photoConsentColumns } from './photo-consent';
import { verifyRealPerson, type RealPersonReason, type RealPersonVerdict, type VerifyRealPersonInput } from './verify-real-person';

// Gate 2 as operations: issue a challenge, decide on the uploaded evidence, keep the decision with
// its scores, raise the session (and the e-ID) to L3, record consent to reuse the photo.

export const REASON_MESSAGES: Record<Exclude<RealPersonReason, 'ok'>, string> = {
  expired: msg('problems.face.reason.expired'),
  no_face: msg('problems.face.reason.noFace'),
  several_faces: msg('problems.face.reason.severalFaces'),
  wrong_order: msg('problems.face.reason.wrongOrder'),
  no_movement: msg('problems.face.reason.noMovement'),
  spoof: msg('problems.face.reason.spoof'),
  not_live: msg('problems.face.reason.notLive'),
  different_people: msg('problems.face.reason.differentPeople'),
  no_match: msg('problems.face.reason.noMatch'),
  bad_input: msg('problems.face.reason.badInput'),
};

function waitMessage(allowance: Extract<FaceCheckAllowance, { allowed: false }>): string {
  // Beijing time written the one way in both languages (the English message says it is Beijing time).
  const when = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' }).format(allowance.retryAt);
  return msg(allowance.locked ? 'problems.face.lockedDay' : 'problems.face.waitUntil', { n: allowance.consecutiveFailures, when });
}

const OUT_OF_ORDER = msg('problems.face.outOfOrder');

/** Decisions that count for the limits: decided checks, and issued ones that ran out unanswered. */
async function loadDecisions(db: Executor, accountId: string, now: Date) {
  const rows = await db
    .select({ status: faceChecks.status, decidedAt: faceChecks.decidedAt, expiresAt: faceChecks.expiresAt })
    .from(faceChecks)
    .where(eq(faceChecks.citizenAccountId, accountId));
  return rows.flatMap((r) => {
    if (r.status === 'passed') return [{ decidedAt: r.decidedAt!, passed: true }];
    if (r.status === 'failed') return [{ decidedAt: r.decidedAt!, passed: false }];
    return r.expiresAt < now ? [{ decidedAt: r.expiresAt, passed: false }] : [];
  });
}

export type FaceCheckPageState = {
  sessionPassed: boolean;
  hasRegistryPhoto: boolean;
  allowance: FaceCheckAllowance;
  waitMessage?: string;
  gate1Passed: boolean;
};

export async function getFaceCheckState(db: Database, actor: CitizenActor, now = new Date()): Promise<FaceCheckPageState> {
  const session = await loadSession(db, actor);
  const [photo] = await db.select({ residentId: residentPhotos.residentId }).from(residentPhotos).where(eq(residentPhotos.residentId, actor.residentId));
  const allowance = faceCheckAllowance(await loadDecisions(db, actor.accountId, now), now);
  return {
    sessionPassed: session?.gatesPassed.includes('real_person') ?? false,
    gate1Passed: session?.gatesPassed.includes('registry_phone') ?? false,
    hasRegistryPhoto: photo !== undefined,
    allowance,
    waitMessage: allowance.allowed ? undefined : waitMessage(allowance),
  };
}

export type IssuedFaceCheck = { id: string; actions: ChallengeAction[]; issuedAt: string; expiresAt: string };

/**
 * Issues a random 3-action challenge. One open challenge per citizen: asking for another while one
 * is open gives that one up as a failure, so nobody can fish for an easier sequence.
 */
export async function issueFaceCheck(
  db: Database,
  actor: CitizenActor,
  opts: { now?: Date; rng?: RandomInt; config?: FaceConfig } = {},
): Promise<Result<IssuedFaceCheck>> {
  const now = opts.now ?? new Date();
  const config = opts.config ?? getFaceConfig();
  const session = await loadSession(db, actor);
  if (!session || !session.gatesPassed.includes('registry_phone')) return forbidden(OUT_OF_ORDER);
  if (session.gatesPassed.includes('real_person')) return conflict(msg('problems.face.alreadyPassed'));
  if (actor.eid && actor.eid.status !== 'active') return forbidden(msg('problems.face.eidNotActive'));
  const [photo] = await db.select({ residentId: residentPhotos.residentId }).from(residentPhotos).where(eq(residentPhotos.residentId, actor.residentId));
  if (!photo) return forbidden(msg('problems.face.noRegistryPhoto'));

  try {
    return await db.transaction(async (tx) => {
      // One citizen's challenges are issued one at a time, across app instances.
      await tx.select({ id: citizenAccounts.id }).from(citizenAccounts).where(eq(citizenAccounts.id, actor.accountId)).for('update');
      const open = and(eq(faceChecks.citizenAccountId, actor.accountId), eq(faceChecks.status, 'issued'));
      await tx.update(faceChecks).set({ status: 'failed', reason: 'expired', decidedAt: faceChecks.expiresAt }).where(and(open, lte(faceChecks.expiresAt, now)));
      await tx.update(faceChecks).set({ status: 'failed', reason: 'abandoned', decidedAt: now }).where(and(open, gt(faceChecks.expiresAt, now)));
      const allowance = faceCheckAllowance(await loadDecisions(tx, actor.accountId, now), now);
      if (!allowance.allowed) throw new OperationFailure(forbidden(waitMessage(allowance)));
      const challenge = createChallenge(now, opts.rng, config.challengeTtlMs, undefined, config.challengeActions);
      const [row] = await tx
        .insert(faceChecks)
        .values({ citizenAccountId: actor.accountId, sessionId: session.id, nonce: challenge.nonce, actions: challenge.actions, issuedAt: challenge.issuedAt, expiresAt: challenge.expiresAt })
        .returning({ id: faceChecks.id });
      await writeAudit(tx, { action: 'eid.real_person_challenge_issued', actorType: 'citizen', actorId: actor.accountId, subjectType: 'face_check', subjectId: row!.id, details: { actions: challenge.actions } });
      return ok({ id: row!.id, actions: challenge.actions, issuedAt: challenge.issuedAt.toISOString(), expiresAt: challenge.expiresAt.toISOString() });
    });
  } catch (error) {
    if (error instanceof OperationFailure) return error.failure;
    throw error;
  }
}

const frameMetaSchema = z.object({
  action: z.enum(['neutral', ...CHALLENGE_ACTIONS]),
  /** Milliseconds since the challenge was received, measured by the page's monotonic clock. */
  offsetMs: z.number().int().min(0).max(10 * 60_000),
});

export const faceEvidenceSchema = z.object({
  checkId: z.uuid(),
  frames: z.array(frameMetaSchema).min(2).max(CHALLENGE_ACTIONS.length + 1),
  consentToPhotoReuse: z.boolean().default(false),
});

export type FaceEvidenceFrame = z.infer<typeof frameMetaSchema> & { bytes: Uint8Array };
export type FaceEvidence = { checkId: string; frames: FaceEvidenceFrame[]; consentToPhotoReuse: boolean };

export type FaceCheckOutcome = {
  passed: boolean;
  reason: RealPersonReason;
  message: string;
  sessionLevel: number;
  retryAt?: string;
  waitMessage?: string;
  /** The step whose frame decided a refusal, so the page can say which action failed. */
  failedAction?: ActionOrNeutral;
};

const sniffImage = (bytes: Uint8Array): 'image/jpeg' | 'image/png' | undefined =>
  bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
    ? 'image/jpeg'
    : bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47
      ? 'image/png'
      : undefined;

/**
 * Decides a challenge on the server: the page's own view of the frames is never an input. Capture
 * times are the challenge's issue time plus the page's offsets, so the citizen's clock cannot move
 * a frame into the window. One decision per challenge; the model runs outside the transaction.
 */
export async function submitFaceEvidence(
  db: Database,
  actor: CitizenActor,
  evidence: FaceEvidence,
  opts: { now?: Date; config?: FaceConfig; verify?: (input: VerifyRealPersonInput) => Promise<RealPersonVerdict> } = {},
): Promise<Result<FaceCheckOutcome>> {
  const config = opts.config ?? getFaceConfig();
  const parsed = faceEvidenceSchema.safeParse({ checkId: evidence.checkId, frames: evidence.frames.map(({ action, offsetMs }) => ({ action, offsetMs })), consentToPhotoReuse: evidence.consentToPhotoReuse });
  if (!parsed.success) return invalid(msg('problems.face.malformed'));
  const mimeTypes = evidence.frames.map((f) => sniffImage(f.bytes));
  if (mimeTypes.some((m) => m === undefined) || evidence.frames.some((f) => f.bytes.length > config.maxFrameBytes)) {
    return invalid(msg('problems.face.badFrames'));
  }
  const now = opts.now ?? new Date();
  const [check] = await db
    .select()
    .from(faceChecks)
    .where(and(eq(faceChecks.id, parsed.data.checkId), eq(faceChecks.citizenAccountId, actor.accountId)));
  if (!check || check.sessionId !== actor.sessionId) return notFound(msg('problems.face.checkNotFound'));
  if (check.status !== 'issued') return conflict(msg('problems.face.alreadyDecided'));
  const [photo] = await db.select().from(residentPhotos).where(eq(residentPhotos.residentId, actor.residentId));
  if (!photo) return forbidden(msg('problems.face.noRegistryPhotoShort'));

  const frames = evidence.frames.map((f) => ({ action: f.action, capturedAt: new Date(check.issuedAt.getTime() + f.offsetMs), bytes: f.bytes }));
  const verdict = await (opts.verify ?? verifyRealPerson)({
    challenge: { nonce: check.nonce, actions: check.actions as ChallengeAction[], issuedAt: check.issuedAt, expiresAt: check.expiresAt },
    frames,
    registryPhoto: photo.content,
    now,
    config,
  });

  try {
    return await db.transaction(async (tx) => {
      const [locked] = await tx.select({ status: faceChecks.status }).from(faceChecks).where(eq(faceChecks.id, check.id)).for('update');
      if (locked?.status !== 'issued') throw new OperationFailure(conflict(msg('problems.face.alreadyDecided')));
      await tx
        .update(faceChecks)
        .set({ status: verdict.passed ? 'passed' : 'failed', reason: verdict.reason, scores: verdict.scores, decidedAt: now })
        .where(eq(faceChecks.id, check.id));
      await tx.insert(faceCheckFrames).values(
        frames.map((f, position) => ({ faceCheckId: check.id, position, action: f.action, capturedAt: f.capturedAt, sha256: verdict.scores.frames[position]?.sha256 ?? '', mimeType: mimeTypes[position]!, content: f.bytes })),
      );
      const failedFrame = verdict.scores.failedFrame;
      if (!verdict.passed) {
        await writeAudit(tx, { action: 'eid.real_person_failed', actorType: 'citizen', actorId: actor.accountId, subjectType: 'face_check', subjectId: check.id, details: { reason: verdict.reason, failedFrame, detail: verdict.scores.detail } });
        const allowance = faceCheckAllowance(await loadDecisions(tx, actor.accountId, now), now);
        const reason = verdict.reason as Exclude<RealPersonReason, 'ok'>;
        return ok<FaceCheckOutcome>({
          passed: false,
          reason: verdict.reason,
          message: REASON_MESSAGES[reason],
          sessionLevel: actor.assuranceLevel,
          ...(failedFrame !== undefined && frames[failedFrame] ? { failedAction: frames[failedFrame].action } : {}),
          ...(allowance.allowed ? {} : { retryAt: allowance.retryAt.toISOString(), waitMessage: waitMessage(allowance) }),
        });
      }
      const [session] = await tx.select().from(citizenSessions).where(eq(citizenSessions.id, check.sessionId)).for('update');
      const gatesPassed = [...session!.gatesPassed.filter((g) => g !== 'real_person_deferred'), 'real_person'];
      // An e-ID enrolled at L3 keeps its proofing: the fresh check alone brings this session back to L3.
      const sessionLevel = Math.max(levelAfterRealPersonCheck(gatesPassed, actor.eid), session!.assuranceLevel);
      // The check is activity: the L3 window (lib/auth/real-person-window.ts) runs from now.
      await tx.update(citizenSessions).set({ gatesPassed, assuranceLevel: sessionLevel, lastSeenAt: now }).where(eq(citizenSessions.id, session!.id));
      // Only a session that has also passed the questionnaire holds an e-ID to raise.
      if (sessionLevel > session!.assuranceLevel) {
        await issueOrRaiseEid(tx, actor, sessionLevel, now);
        await tx.insert(identityUses).values({ citizenAccountId: actor.accountId, kind: 'step_up', result: `L${sessionLevel}`, detail: 'real_person', createdAt: now });
      }
      if (parsed.data.consentToPhotoReuse) {
        await tx
          .update(photoConsents)
          .set({ revokedAt: now, photo: null })
          .where(activePhotoConsentOf(actor.accountId));
        await tx.insert(photoConsents).values({ citizenAccountId: actor.accountId, purpose: PHOTO_REUSE_PURPOSE, faceCheckId: check.id, mimeType: mimeTypes[0]!, photo: frames[0]!.bytes, grantedAt: now });
      }
      await writeAudit(tx, { action: 'eid.real_person_passed', actorType: 'citizen', actorId: actor.accountId, subjectType: 'face_check', subjectId: check.id, details: { sessionLevel, consentToPhotoReuse: parsed.data.consentToPhotoReuse } });
      return ok<FaceCheckOutcome>({ passed: true, reason: 'ok', message: msg('problems.face.passed'), sessionLevel });
    });
  } catch (error) {
    if (error instanceof OperationFailure) return error.failure;
    throw error;
  }
}

const activePhotoConsent = definePrepared((db) =>
  db
    .select(photoConsentColumns)
    .from(photoConsents)
    .where(activePhotoConsentOf(sql.placeholder('accountId')))
    .orderBy(desc(photoConsents.grantedAt))
    .limit(1)
    .prepare('active_photo_consent'),
);

/** The citizen's current consent to reuse their check photo, if any (built once, db/prepared.ts; the wallet reads it in its own statement). */
export async function getPhotoConsent(db: Executor, actor: CitizenActor) {
  const [row] = await activePhotoConsent(db).execute({ accountId: actor.accountId });
  return row;
}

/** Withdraws consent: the copied photo is deleted at once; the record that consent existed stays. */
export async function revokePhotoConsent(db: Database, actor: CitizenActor, now = new Date()): Promise<Result<{ revoked: number }>> {
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(photoConsents)
      .set({ revokedAt: now, photo: null, mimeType: null })
      .where(activePhotoConsentOf(actor.accountId))
      .returning({ id: photoConsents.id });
    for (const row of revoked) {
      await writeAudit(tx, { action: 'eid.photo_consent_revoked', actorType: 'citizen', actorId: actor.accountId, subjectType: 'citizen', subjectId: actor.accountId, details: { consentId: row.id } });
    }
    return ok({ revoked: revoked.length });
  });
}

/**
 * Deletes the frames of checks decided before the audit window; the decision, scores and frame
 * hashes stay. Safe on several instances at once: each batch deletes what it finds, twice is a no-op.
 */
export async function purgeExpiredFaceFrames(db: Database, now = new Date(), config: FaceConfig = getFaceConfig()): Promise<{ checks: number; frames: number }> {
  const cutoff = new Date(now.getTime() - config.frameRetentionDays * 86_400_000);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: faceChecks.id })
      .from(faceChecks)
      .where(and(lt(faceChecks.decidedAt, cutoff), isNull(faceChecks.framesPurgedAt)))
      .limit(1000)
      .for('update', { skipLocked: true });
    if (due.length === 0) return { checks: 0, frames: 0 };
    const ids = due.map((d) => d.id);
    const deleted = await tx.delete(faceCheckFrames).where(inArray(faceCheckFrames.faceCheckId, ids)).returning({ id: faceCheckFrames.faceCheckId });
    await tx.update(faceChecks).set({ framesPurgedAt: now }).where(inArray(faceChecks.id, ids));
    await writeAudit(tx, { action: 'eid.face_frames_purged', actorType: 'system', actorId: null, subjectType: 'face_check', subjectId: ids[0]!, details: { checks: ids.length, frames: deleted.length, cutoff: cutoff.toISOString() } });
    return { checks: ids.length, frames: deleted.length };
  });
}
