import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { auditEvents, citizenAccounts, citizenSessions, eids, faceCheckFrames, faceChecks, photoConsents, questionnaireAttempts, residentPhotos, residents } from '@/db/schema';
import { demoCitizenIdentities } from '@/db/registry-generator';
import { loadActor, type CitizenActor } from '@/lib/auth/actor';
import { msg, readableText } from '@/lib/i18n/problem';
import { answerQuestionnaire, startQuestionnaire } from '@/lib/identity/enrolment';
import { getWallet } from '@/lib/identity/wallet';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { getFaceConfig } from './config';
import { getFaceCheckState, getPhotoConsent, issueFaceCheck, purgeExpiredFaceFrames, revokePhotoConsent, submitFaceEvidence, type FaceEvidenceFrame } from './face-check';
import type { RealPersonVerdict } from './verify-real-person';

const FIXTURES = path.resolve(process.cwd(), '..', 'shared', 'testdata', 'faces');
const photo = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const A = (n: number) => photo(`stock-emotions-a-${n}.jpg`);
const B = (n: number) => photo(`stock-emotions-b-${n}.jpg`);

const T0 = new Date('2026-11-28T02:00:00Z');
const seconds = (n: number) => new Date(T0.getTime() + n * 1000);
// The pool A's photos can show; the rng picks them in this order: turn_left, nod, open_mouth.
const config = getFaceConfig({ FACE_CHALLENGE_ACTIONS: 'turn_left,nod,open_mouth' });
const firstEach = () => 0;
const failing = async (): Promise<RealPersonVerdict> => ({ passed: false, reason: 'no_match', scores: { frames: [], thresholds: config, failedFrame: 1 } });

describe.each(TEST_TARGETS)('the real-person check on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  }, 120_000);
  afterAll(async () => connection?.close());

  let nextResident = 10;
  /** A citizen signed in through gate 1 (registry + phone), with A-1 as the registry photo unless told otherwise. */
  async function signedInCitizen(registryPhoto: Uint8Array | null = A(1), phone?: string): Promise<CitizenActor> {
    const { db } = connection;
    const now = T0;
    const all = (await db.select().from(residents)).sort((a, b) => a.idNumber.localeCompare(b.idNumber));
    const resident = phone ? all.find((r) => r.phone === phone)! : all[nextResident++]!;
    const [account] = await db.insert(citizenAccounts).values({ residentId: resident.id }).returning();
    const [session] = await db
      .insert(citizenSessions)
      .values({ citizenAccountId: account!.id, assuranceLevel: 1, gatesPassed: ['registry_phone'], createdAt: now, expiresAt: new Date(now.getTime() + 3600_000) })
      .returning();
    await db.delete(residentPhotos).where(eq(residentPhotos.residentId, resident.id));
    if (registryPhoto) await db.insert(residentPhotos).values({ residentId: resident.id, mimeType: 'image/jpeg', content: registryPhoto });
    const actor = await loadActor(db, { kind: 'citizen', accountId: account!.id, sessionId: session!.id }, now);
    if (actor?.kind !== 'citizen') throw new Error('no actor');
    return actor;
  }

  const reload = async (actor: CitizenActor, now: Date) => {
    const fresh = await loadActor(connection.db, { kind: 'citizen', accountId: actor.accountId, sessionId: actor.sessionId! }, now);
    if (fresh?.kind !== 'citizen') throw new Error('no actor');
    return fresh;
  };

  /** Frames as the page sends them: neutral, then one per action, 2 s apart. */
  const evidence = (checkId: string, images: Uint8Array[], actions: FaceEvidenceFrame['action'][], consentToPhotoReuse = false) => ({
    checkId,
    consentToPhotoReuse,
    frames: images.map((bytes, i) => ({ action: actions[i]!, offsetMs: 2000 * (i + 1), bytes })),
  });

  const passing = async (): Promise<RealPersonVerdict> => ({ passed: true, reason: 'ok', scores: { frames: [], thresholds: config } });

  it('an e-ID enrolled at L3 keeps its proofing: in a new session the face check alone is L3; an L2 e-ID needs the questionnaire again', async () => {
    const { db } = connection;
    const holder = await signedInCitizen();
    await db.insert(eids).values({ citizenAccountId: holder.accountId, assuranceLevel: 3, issuedAt: T0 });
    const l3Holder = await reload(holder, T0);
    const issued = await issueFaceCheck(db, l3Holder, { now: T0, rng: firstEach, config });
    if (issued.status !== 'ok') throw new Error(JSON.stringify(issued));
    const outcome = await submitFaceEvidence(db, l3Holder, evidence(issued.data.id, [A(1), A(2), A(5), A(6)], ['neutral', 'turn_left', 'nod', 'open_mouth']), { now: seconds(9), config, verify: passing });
    expect(outcome).toMatchObject({ status: 'ok', data: { passed: true, sessionLevel: 3 } });
    expect((await reload(holder, seconds(10))).assuranceLevel).toBe(3);

    const l2 = await signedInCitizen();
    await db.insert(eids).values({ citizenAccountId: l2.accountId, assuranceLevel: 2, issuedAt: T0 });
    const l2Holder = await reload(l2, T0);
    const second = await issueFaceCheck(db, l2Holder, { now: T0, rng: firstEach, config });
    if (second.status !== 'ok') throw new Error(JSON.stringify(second));
    const l2Outcome = await submitFaceEvidence(db, l2Holder, evidence(second.data.id, [A(1), A(2), A(5), A(6)], ['neutral', 'turn_left', 'nod', 'open_mouth']), { now: seconds(9), config, verify: passing });
    expect(l2Outcome).toMatchObject({ status: 'ok', data: { passed: true, sessionLevel: 1 } });
  });

  it('a refusal names the step whose frame decided it', async () => {
    const { db } = connection;
    const actor = await signedInCitizen();
    const issued = await issueFaceCheck(db, actor, { now: T0, rng: firstEach, config });
    if (issued.status !== 'ok') throw new Error(JSON.stringify(issued));
    // `failing` refuses on frame 1: the first action of the challenge, turn_left.
    const outcome = await submitFaceEvidence(db, actor, evidence(issued.data.id, [A(1), A(2), A(5), A(6)], ['neutral', 'turn_left', 'nod', 'open_mouth']), { now: seconds(9), config, verify: failing });
    expect(outcome).toMatchObject({ status: 'ok', data: { passed: false, failedAction: 'turn_left' } });
  });

  it('persona A passes against her registry photo: the decision keeps its scores and frames, consent keeps the photo, the questionnaire then makes L3', async () => {
    const { db } = connection;
    // 李静, whose records are rich enough for a questionnaire.
    const actor = await signedInCitizen(A(1), demoCitizenIdentities()[0]!.phone);
    const issued = await issueFaceCheck(db, actor, { now: T0, rng: firstEach, config });
    if (issued.status !== 'ok') throw new Error(JSON.stringify(issued));
    expect(issued.data.actions).toEqual(['turn_left', 'nod', 'open_mouth']);
    expect(new Date(issued.data.expiresAt).getTime() - T0.getTime()).toBe(60_000);

    const outcome = await submitFaceEvidence(db, actor, evidence(issued.data.id, [A(1), A(2), A(5), A(6)], ['neutral', 'turn_left', 'nod', 'open_mouth'], true), { now: seconds(10), config });
    expect(outcome).toMatchObject({ status: 'ok', data: { passed: true, reason: 'ok', sessionLevel: 1 } });

    const [check] = await db.select().from(faceChecks).where(eq(faceChecks.id, issued.data.id));
    expect(check).toMatchObject({ status: 'passed', reason: 'ok' });
    const scores = check!.scores as { frames: { registrySimilarity: number; detectedActions?: string[] }[] };
    expect(scores.frames).toHaveLength(4);
    expect(scores.frames[1]!.detectedActions).toContain('turn_left');
    expect(scores.frames.every((f) => f.registrySimilarity > config.minRegistrySimilarity)).toBe(true);
    expect(await db.select({ position: faceCheckFrames.position }).from(faceCheckFrames).where(eq(faceCheckFrames.faceCheckId, check!.id))).toHaveLength(4);
    const [consent] = await db.select().from(photoConsents).where(eq(photoConsents.citizenAccountId, actor.accountId));
    expect(consent!.photo).toEqual(A(1));

    // Gate 2 passed in this session: the questionnaire now raises it straight to L3 and issues the e-ID at L3.
    const afterFace = await reload(actor, seconds(11));
    const [session] = await db.select().from(citizenSessions).where(eq(citizenSessions.id, actor.sessionId!));
    expect(session!.gatesPassed).toEqual(['registry_phone', 'real_person']);
    const started = await startQuestionnaire(db, afterFace, { secret: 'face-test', clientKey: `face-${target.kind}`, now: seconds(12) });
    if (started.status !== 'ok') throw new Error(JSON.stringify(started));
    const [attempt] = await db.select().from(questionnaireAttempts).where(eq(questionnaireAttempts.id, started.data.attemptId));
    const answered = await answerQuestionnaire(db, afterFace, { attemptId: attempt!.id, answers: attempt!.answerKey }, seconds(30));
    expect(answered).toMatchObject({ status: 'ok', data: { passed: true, assuranceLevel: 3 } });
    const [eid] = await db.select().from(eids).where(eq(eids.citizenAccountId, actor.accountId));
    expect(eid!.assuranceLevel).toBe(3);

    // One decision per challenge: the same evidence again is a conflict, and a new challenge is refused in this session.
    expect(await submitFaceEvidence(db, afterFace, evidence(issued.data.id, [A(1), A(2), A(5), A(6)], ['neutral', 'turn_left', 'nod', 'open_mouth']), { now: seconds(31), config })).toMatchObject({ status: 'conflict' });
    expect(await issueFaceCheck(db, afterFace, { now: seconds(32), config })).toMatchObject({ status: 'conflict' });
  }, 120_000);

  it('an L2 holder who deferred gate 2 takes it later in the same session and the e-ID rises to L3', async () => {
    const { db } = connection;
    const actor = await signedInCitizen();
    await db.update(citizenSessions).set({ gatesPassed: ['registry_phone', 'real_person_deferred', 'questionnaire'], assuranceLevel: 2 }).where(eq(citizenSessions.id, actor.sessionId!));
    await db.insert(eids).values({ citizenAccountId: actor.accountId, assuranceLevel: 2, issuedAt: T0 });
    const l2 = await reload(actor, T0);
    const issued = await issueFaceCheck(db, l2, { now: T0, rng: firstEach, config });
    if (issued.status !== 'ok') throw new Error(JSON.stringify(issued));
    const outcome = await submitFaceEvidence(db, l2, evidence(issued.data.id, [A(1), A(2), A(5), A(6)], ['neutral', 'turn_left', 'nod', 'open_mouth']), { now: seconds(9), config });
    expect(outcome).toMatchObject({ status: 'ok', data: { passed: true, sessionLevel: 3 } });
    expect((await reload(actor, seconds(10))).assuranceLevel).toBe(3);
    const [eid] = await db.select().from(eids).where(eq(eids.citizenAccountId, actor.accountId));
    expect(eid!.assuranceLevel).toBe(3);
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'eid.level_raised'), eq(auditEvents.subjectId, eid!.id)))).toHaveLength(1);
  }, 120_000);

  it('persona B against A’s registry photo is refused as no match, stored with its reason; nothing is raised', async () => {
    const { db } = connection;
    const actor = await signedInCitizen();
    const issued = await issueFaceCheck(db, actor, { now: T0, rng: firstEach, config });
    if (issued.status !== 'ok') throw new Error(JSON.stringify(issued));
    const outcome = await submitFaceEvidence(db, actor, evidence(issued.data.id, [B(2), B(3), B(5), B(6)], ['neutral', 'turn_left', 'nod', 'open_mouth'], true), { now: seconds(10), config });
    expect(outcome).toMatchObject({ status: 'ok', data: { passed: false, reason: 'no_match', message: msg('problems.face.reason.noMatch') } });
    expect(outcome.status === 'ok' && readableText(outcome.data.message, 'zh-CN')).toBe('人脸与户籍登记照片不一致');
    expect(outcome.status === 'ok' && readableText(outcome.data.message, 'en')).toBe('The face does not match the registry photo');
    const [check] = await db.select().from(faceChecks).where(eq(faceChecks.id, issued.data.id));
    expect(check).toMatchObject({ status: 'failed', reason: 'no_match' });
    expect((check!.scores as { failedFrame: number }).failedFrame).toBe(0);
    expect(await db.select().from(photoConsents).where(eq(photoConsents.citizenAccountId, actor.accountId))).toHaveLength(0);
    const [session] = await db.select().from(citizenSessions).where(eq(citizenSessions.id, actor.sessionId!));
    expect(session!.gatesPassed).toEqual(['registry_phone']);
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'eid.real_person_failed'), eq(auditEvents.subjectId, check!.id)))).toHaveLength(1);
  }, 120_000);

  it('frames captured after the deadline are refused as expired; another citizen cannot submit to the check; malformed frames store nothing', async () => {
    const { db } = connection;
    const actor = await signedInCitizen();
    const other = await signedInCitizen();
    const issued = await issueFaceCheck(db, actor, { now: T0, rng: firstEach, config });
    if (issued.status !== 'ok') throw new Error(JSON.stringify(issued));
    const frames = evidence(issued.data.id, [A(1), A(2), A(5), A(6)], ['neutral', 'turn_left', 'nod', 'open_mouth']);
    expect(await submitFaceEvidence(db, other, frames, { now: seconds(10), config })).toMatchObject({ status: 'not_found' });
    const notAnImage = { ...frames, frames: frames.frames.map((f, i) => (i === 2 ? { ...f, bytes: new TextEncoder().encode('#!/bin/sh\necho hi') } : f)) };
    expect(await submitFaceEvidence(db, actor, notAnImage, { now: seconds(10), config })).toMatchObject({ status: 'invalid' });
    expect(await db.select().from(faceCheckFrames).where(eq(faceCheckFrames.faceCheckId, issued.data.id))).toHaveLength(0);
    const late = { ...frames, frames: frames.frames.map((f, i) => ({ ...f, offsetMs: 20_000 * (i + 1) })) };
    expect(await submitFaceEvidence(db, actor, late, { now: seconds(85), config })).toMatchObject({ status: 'ok', data: { passed: false, reason: 'expired' } });
  }, 120_000);

  it('without a registry photo the check cannot start and the citizen is sent to a counter', async () => {
    const actor = await signedInCitizen(null);
    expect(await issueFaceCheck(connection.db, actor, { now: T0, config })).toMatchObject({ status: 'forbidden', message: msg('problems.face.noRegistryPhoto') });
    expect(readableText(msg('problems.face.noRegistryPhoto'), 'zh-CN')).toMatch(/窗口/);
    expect(readableText(msg('problems.face.noRegistryPhoto'), 'en')).toMatch(/counter/);
    expect((await getFaceCheckState(connection.db, actor, T0)).hasRegistryPhoto).toBe(false);
  });

  it('5 failures in a row → a 30 s wait that doubles; 10 → locked for 24 hours; replacing or ignoring an open challenge counts as a failure', async () => {
    const { db } = connection;
    const actor = await signedInCitizen();
    let t = 0;
    const failOnce = async () => {
      const issued = await issueFaceCheck(db, actor, { now: seconds(t), config });
      if (issued.status !== 'ok') throw new Error(`at ${t}s: ${JSON.stringify(issued)}`);
      const outcome = await submitFaceEvidence(db, actor, evidence(issued.data.id, [A(1), A(2), A(5), A(6)], ['neutral', 'turn_left', 'nod', 'open_mouth']), { now: seconds(t + 5), config, verify: failing });
      t += 6;
      return outcome;
    };
    // Asking for another sequence while one is open gives the open one up: failure 1.
    expect(await issueFaceCheck(db, actor, { now: seconds(t), config })).toMatchObject({ status: 'ok' });
    t += 1;
    for (let i = 0; i < 3; i++) expect(await failOnce()).toMatchObject({ status: 'ok', data: { passed: false } });
    const abandoned = await db.select().from(faceChecks).where(and(eq(faceChecks.citizenAccountId, actor.accountId), eq(faceChecks.reason, 'abandoned')));
    expect(abandoned).toHaveLength(1);
    const fifth = await failOnce();
    expect(fifth).toMatchObject({ data: { passed: false, retryAt: seconds(t - 1 + 30).toISOString() } });
    const waiting = await issueFaceCheck(db, actor, { now: seconds(t), config });
    expect(waiting).toMatchObject({ status: 'forbidden', message: expect.stringMatching(/^problems\.face\.waitUntil\?/) });
    expect(waiting.status !== 'ok' && readableText(waiting.message, 'zh-CN')).toMatch(/5 次/);
    t += 30;
    expect(await failOnce()).toMatchObject({ data: { retryAt: seconds(t - 1 + 60).toISOString() } }); // 6th: 60 s
    t += 60;
    // A challenge left to run out unanswered is the 7th failure, from its deadline on: the next wait is 120 s.
    const ignored = await issueFaceCheck(db, actor, { now: seconds(t), config });
    if (ignored.status !== 'ok') throw new Error(JSON.stringify(ignored));
    const deadline = new Date(ignored.data.expiresAt);
    expect(await issueFaceCheck(db, actor, { now: seconds(t + 1), config })).toMatchObject({ status: 'forbidden' });
    expect((await getFaceCheckState(db, actor, new Date(deadline.getTime() + 119_000))).allowance).toMatchObject({ allowed: false, retryAt: new Date(deadline.getTime() + 120_000) });
    t = (deadline.getTime() - T0.getTime()) / 1000 + 120;
    expect(await failOnce()).toMatchObject({ data: { passed: false } }); // 8th → 240 s
    t += 240;
    expect(await failOnce()).toMatchObject({ data: { passed: false } }); // 9th → 480 s
    t += 480;
    const tenth = await failOnce();
    expect(tenth).toMatchObject({ data: { passed: false, waitMessage: expect.stringMatching(/^problems\.face\.lockedDay\?/) } });
    expect(tenth.status === 'ok' && readableText(tenth.data.waitMessage ?? '', 'zh-CN')).toMatch(/锁定 24 小时/);
    const lockedAt = seconds(t - 1);
    const locked = await issueFaceCheck(db, actor, { now: new Date(lockedAt.getTime() + 23 * 3600_000), config });
    expect(locked.status !== 'ok' && readableText(locked.message, 'en')).toMatch(/^Locked for 24 hours/);
    expect((await getFaceCheckState(db, actor, new Date(lockedAt.getTime() + 3600_000))).allowance).toMatchObject({ allowed: false, locked: true });
    expect(await issueFaceCheck(db, actor, { now: new Date(lockedAt.getTime() + 24 * 3600_000), config })).toMatchObject({ status: 'ok' });
  }, 120_000);

  it('the purge job deletes frames past the audit window but keeps the decision; revoking consent deletes the kept photo', async () => {
    const { db } = connection;
    const actor = await signedInCitizen();
    const issued = await issueFaceCheck(db, actor, { now: T0, rng: firstEach, config });
    if (issued.status !== 'ok') throw new Error(JSON.stringify(issued));
    await submitFaceEvidence(db, actor, evidence(issued.data.id, [A(1), A(2), A(5), A(6)], ['neutral', 'turn_left', 'nod', 'open_mouth'], true), { now: seconds(10), config, verify: async () => ({ passed: true, reason: 'ok', scores: { frames: [], thresholds: config } }) });
    const framesOf = () => db.select({ p: faceCheckFrames.position }).from(faceCheckFrames).where(eq(faceCheckFrames.faceCheckId, issued.data.id));
    expect(await framesOf()).toHaveLength(4);

    const day = 86_400_000;
    expect((await purgeExpiredFaceFrames(db, new Date(T0.getTime() + 29 * day), config)).checks).toBeGreaterThanOrEqual(0);
    expect(await framesOf()).toHaveLength(4);
    await purgeExpiredFaceFrames(db, new Date(T0.getTime() + 31 * day), config);
    expect(await framesOf()).toHaveLength(0);
    const [check] = await db.select().from(faceChecks).where(eq(faceChecks.id, issued.data.id));
    expect(check).toMatchObject({ status: 'passed', reason: 'ok', framesPurgedAt: new Date(T0.getTime() + 31 * day) });
    expect(await purgeExpiredFaceFrames(db, new Date(T0.getTime() + 32 * day), config)).toEqual({ checks: 0, frames: 0 });

    // Consent outlives the purge (it is a separate, consented copy) until the citizen withdraws it.
    const given = await getPhotoConsent(db, actor);
    expect(given).toMatchObject({ grantedAt: expect.any(Date) });
    // The wallet reads the same consent in its own statement (lib/identity/wallet.ts).
    expect((await getWallet(db, actor))?.photoConsent).toEqual(given);
    expect(await revokePhotoConsent(db, actor, seconds(100))).toEqual({ status: 'ok', data: { revoked: 1 } });
    expect(await getPhotoConsent(db, actor)).toBeUndefined();
    expect((await getWallet(db, actor))?.photoConsent).toBeUndefined();
    const [consent] = await db.select().from(photoConsents).where(eq(photoConsents.citizenAccountId, actor.accountId));
    expect(consent).toMatchObject({ photo: null, revokedAt: seconds(100) });
  }, 120_000);
});
