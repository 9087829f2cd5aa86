import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { and, count, eq, gte, min } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/connect';
import { citizenAccounts, citizenSessions, identityUses, residents, signInChallenges } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import { parseIdNumber } from '@/lib/identity/id-number';
import { enqueueSms } from '@/lib/notifications/outbox';
import { maskPhone } from '@/lib/privacy/mask';
import { msg } from '@/lib/i18n/problem';
import { invalid, ok, type Result } from '@/lib/result';
import { hitThrottle, peekThrottle, retryWait } from '@/lib/security/throttle';
import { THROTTLE_RULES } from '@/lib/security/throttle-rules';
import { SESSION_POLICY } from './session-policy';
import { piiIndex } from '@/lib/privacy/pii-columns';

export function tooManyFromDevice(retryAfterSeconds: number): string {
  return msg('problems.auth.tooManyFromDevice', { wait: retryWait(retryAfterSeconds) });
}

// The browser's code step survives a reload: its challenge id rides in this cookie (HttpOnly, the
// sign-in path only, as long as a code lives). The id alone proves nothing; the code still must match.
export const SIGN_IN_CHALLENGE_COOKIE = 'eid-sign-in-challenge';

export const CODE_TTL_MS = 5 * 60 * 1000;
export const SESSION_TTL_MS = SESSION_POLICY.citizen.absoluteMs;
export const MAX_CODE_ATTEMPTS = 5;
export const MAX_CODES_PER_WINDOW = 5;
export const CODE_WINDOW_MS = 15 * 60 * 1000;
// A day's cap per person as well: 5 codes every 15 minutes alone allowed 480 codes × 5 guesses a day.
export const MAX_CODES_PER_DAY = 10;
export const CODE_DAY_MS = 24 * 60 * 60 * 1000;

function tooManyForIdNumber(retryAfterSeconds: number): string {
  return msg('problems.auth.tooManyForIdNumber', { wait: retryWait(retryAfterSeconds) });
}

export const requestCodeSchema = z.object({
  name: z.string().trim().min(1, msg('problems.auth.enterName')).max(50),
  // The number's form (GB 11643) is checked here, with the other fields, before any registry lookup.
  idNumber: z
    .string()
    .trim()
    .min(1, msg('problems.auth.enterIdNumber'))
    .superRefine((value, ctx) => {
      const parsed = parseIdNumber(value);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    }),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, msg('problems.auth.enterPhone')),
});

export const verifyCodeSchema = z.object({
  challengeId: z.uuid(),
  code: z.string().trim().regex(/^\d{6}$/),
});

export const REGISTRY_MISMATCH = msg('problems.auth.registryMismatch');

function hashCode(challengeSecret: string, code: string): string {
  return createHmac('sha256', challengeSecret).update(code).digest('base64url');
}

/**
 * Gate 1, first half: the ID number is checked for form before the registry is touched; a
 * registry miss does not say which field was wrong. The code goes to the registered phone.
 */
export async function requestSignInCode(
  db: Database,
  input: unknown,
  secret: string,
  now = new Date(),
  clientKey?: string,
): Promise<Result<{ challengeId: string; maskedPhone: string; expiresAt: Date }>> {
  // Per client first: one device cannot hammer the registry or text strangers' phones. An unknown
  // client (no proxy address) is not pooled with every other unknown one: only per-record limits apply.
  if (clientKey) {
    const perClient = await hitThrottle(db, `signin-code:client:${clientKey}`, THROTTLE_RULES.signInCodePerClient, now);
    if (!perClient.isAllowed) return invalid(tooManyFromDevice(perClient.retryAfterSeconds));
    // A device that has guessed wrong too often may not try even correct details until the wait is over.
    const misses = await peekThrottle(db, `registry-miss:client:${clientKey}`, THROTTLE_RULES.registryMatchPerClient, now);
    if (!misses.isAllowed) return invalid(tooManyFromDevice(misses.retryAfterSeconds));
  }
  const parsed = requestCodeSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors;
    // A lone ID-number problem is the headline itself: it says exactly what is wrong with the number.
    const onlyId = Object.keys(fieldErrors).length === 1 && fieldErrors.idNumber?.[0];
    return invalid(onlyId || msg('problems.common.checkForm'), fieldErrors);
  }
  const id = parseIdNumber(parsed.data.idNumber);
  if (!id.ok) return invalid(id.message, { idNumber: [id.message] });
  // Per ID number, whatever the device: after too many misses the registry is not asked at all, so
  // guessing someone's mobile from their name and ID number stops however many addresses are used.
  const idNumberKey = `registry-miss:id:${piiIndex('id_number', id.value.idNumber)}`;
  const idMisses = await peekThrottle(db, idNumberKey, THROTTLE_RULES.registryMissPerIdNumber, now);
  if (!idMisses.isAllowed) return invalid(tooManyForIdNumber(idMisses.retryAfterSeconds));

  const [resident] = await db
    .select()
    .from(residents)
    .where(
      and(
        eq(residents.idNumberIndex, piiIndex('id_number', id.value.idNumber)),
        eq(residents.name, parsed.data.name),
        eq(residents.phoneIndex, piiIndex('phone', parsed.data.phone)),
        eq(residents.status, 'active'),
      ),
    );
  if (!resident) {
    const perIdNumber = await hitThrottle(db, idNumberKey, THROTTLE_RULES.registryMissPerIdNumber, now);
    if (!perIdNumber.isAllowed) return invalid(tooManyForIdNumber(perIdNumber.retryAfterSeconds));
    if (!clientKey) return invalid(REGISTRY_MISMATCH);
    const misses = await hitThrottle(db, `registry-miss:client:${clientKey}`, THROTTLE_RULES.registryMatchPerClient, now);
    if (!misses.isAllowed) return invalid(tooManyFromDevice(misses.retryAfterSeconds));
    return invalid(msg('problems.auth.registryMismatchLeft', { n: misses.remaining }));
  }

  return issueSignInCode(db, resident, secret, now);
}

type CodeRecipient = { id: string; phone: string };

/** Sends a new code to the resident's registered phone, within the per-person limits (15 minutes and a day). */
async function issueSignInCode(
  db: Database,
  resident: CodeRecipient,
  secret: string,
  now: Date,
): Promise<Result<{ challengeId: string; maskedPhone: string; expiresAt: Date }>> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  const challenge = await db.transaction(async (tx) => {
    // Counted under a lock on the resident's row, so simultaneous requests cannot all pass the limit.
    await tx.select({ id: residents.id }).from(residents).where(eq(residents.id, resident.id)).for('no key update');
    const [recent] = await tx
      .select({ n: count() })
      .from(signInChallenges)
      .where(and(eq(signInChallenges.residentId, resident.id), gte(signInChallenges.createdAt, new Date(now.getTime() - CODE_WINDOW_MS))));
    if ((recent?.n ?? 0) >= MAX_CODES_PER_WINDOW) return { refused: 'window' as const };
    const [today] = await tx
      .select({ n: count(), oldest: min(signInChallenges.createdAt) })
      .from(signInChallenges)
      .where(and(eq(signInChallenges.residentId, resident.id), gte(signInChallenges.createdAt, new Date(now.getTime() - CODE_DAY_MS))));
    if ((today?.n ?? 0) >= MAX_CODES_PER_DAY) {
      const waitMs = (today?.oldest ?? now).getTime() + CODE_DAY_MS - now.getTime();
      return { refused: 'day' as const, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }

    const [row] = await tx
      .insert(signInChallenges)
      .values({ residentId: resident.id, codeHash: 'pending', expiresAt, createdAt: now })
      .returning({ id: signInChallenges.id });
    if (!row) throw new Error('challenge insert returned nothing');
    await tx.update(signInChallenges).set({ codeHash: hashCode(`${secret}:${row.id}`, code) }).where(eq(signInChallenges.id, row.id));
    await enqueueSms(tx, {
      to: resident.phone,
      text: `【武汉公安】您的登录验证码为 ${code}，5 分钟内有效。请勿告诉他人。Your sign-in code is ${code}, valid for 5 minutes.`,
      code,
    });
    await writeAudit(tx, {
      action: 'citizen.sign_in_code_requested',
      actorType: 'public',
      actorId: null,
      subjectType: 'resident',
      subjectId: resident.id,
    });
    return { refused: false as const, id: row.id };
  });
  if (challenge.refused === 'window') return invalid(msg('problems.auth.codesTooOften'));
  if (challenge.refused === 'day') {
    return invalid(msg('problems.auth.codesToday', { max: MAX_CODES_PER_DAY, wait: retryWait(challenge.retryAfterSeconds) }));
  }
  return ok({ challengeId: challenge.id, maskedPhone: maskPhone(resident.phone), expiresAt });
}

const challengeIdSchema = z.uuid();

/**
 * The code step a browser is in (its challenge id comes back in a cookie after a reload): still
 * usable — not used, not expired, tries left — and for whom, masked. Null otherwise.
 */
export async function readPendingChallenge(db: Database, rawChallengeId: unknown, now = new Date()) {
  const challengeId = challengeIdSchema.safeParse(rawChallengeId);
  if (!challengeId.success) return null;
  const [row] = await db
    .select({ challenge: signInChallenges, phone: residents.phone })
    .from(signInChallenges)
    .innerJoin(residents, eq(residents.id, signInChallenges.residentId))
    .where(eq(signInChallenges.id, challengeId.data));
  if (!row || row.challenge.consumedAt || row.challenge.expiresAt <= now || row.challenge.failedAttempts >= MAX_CODE_ATTEMPTS) return null;
  return { challengeId: row.challenge.id, maskedPhone: maskPhone(row.phone), expiresAt: row.challenge.expiresAt };
}

/**
 * "Send a new code" from the code step: to the same registered phone as the browser's current
 * challenge, without asking for the details again. The same per-device and per-person limits apply.
 */
export async function resendSignInCode(
  db: Database,
  rawChallengeId: unknown,
  secret: string,
  now = new Date(),
  clientKey?: string,
): Promise<Result<{ challengeId: string; maskedPhone: string; expiresAt: Date }>> {
  if (clientKey) {
    const perClient = await hitThrottle(db, `signin-code:client:${clientKey}`, THROTTLE_RULES.signInCodePerClient, now);
    if (!perClient.isAllowed) return invalid(tooManyFromDevice(perClient.retryAfterSeconds));
  }
  const challengeId = challengeIdSchema.safeParse(rawChallengeId);
  const restart = invalid(msg('problems.auth.enterDetailsAgain'));
  if (!challengeId.success) return restart;
  const [row] = await db
    .select({ id: residents.id, phone: residents.phone, status: residents.status, createdAt: signInChallenges.createdAt })
    .from(signInChallenges)
    .innerJoin(residents, eq(residents.id, signInChallenges.residentId))
    .where(eq(signInChallenges.id, challengeId.data));
  // A challenge older than the day's window, or a resident no longer active, starts over from the details.
  if (!row || row.status !== 'active' || row.createdAt.getTime() <= now.getTime() - CODE_DAY_MS) return restart;
  return issueSignInCode(db, { id: row.id, phone: row.phone }, secret, now);
}

/** Gate 1, second half: the code proves possession of the registered phone. */
export async function verifySignInCode(
  db: Database,
  input: unknown,
  secret: string,
  now = new Date(),
  clientKey?: string,
): Promise<Result<{ accountId: string; residentId: string; name: string; sessionId: string }>> {
  if (clientKey) {
    const perClient = await hitThrottle(db, `signin-verify:client:${clientKey}`, THROTTLE_RULES.codeVerifyPerClient, now);
    if (!perClient.isAllowed) return invalid(tooManyFromDevice(perClient.retryAfterSeconds));
  }
  const parsed = verifyCodeSchema.safeParse(input);
  if (!parsed.success) return invalid(msg('problems.auth.enterCode'));
  const failure = invalid(msg('problems.auth.codeWrongOrExpired'));

  return db.transaction(async (tx) => {
    const [challenge] = await tx
      .select()
      .from(signInChallenges)
      .where(eq(signInChallenges.id, parsed.data.challengeId))
      .for('update');
    if (!challenge || challenge.consumedAt || challenge.expiresAt <= now || challenge.failedAttempts >= MAX_CODE_ATTEMPTS) {
      return failure;
    }
    const expected = Buffer.from(challenge.codeHash);
    const actual = Buffer.from(hashCode(`${secret}:${challenge.id}`, parsed.data.code));
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      await tx
        .update(signInChallenges)
        .set({ failedAttempts: challenge.failedAttempts + 1 })
        .where(eq(signInChallenges.id, challenge.id));
      await writeAudit(tx, {
        action: 'citizen.sign_in_failed',
        actorType: 'public',
        actorId: null,
        subjectType: 'resident',
        subjectId: challenge.residentId,
      });
      const left = MAX_CODE_ATTEMPTS - challenge.failedAttempts - 1;
      return left > 0
        ? invalid(msg('problems.auth.codeWrongLeft', { n: left }))
        : invalid(msg('problems.auth.codeTooManyWrong'));
    }
    const [resident] = await tx.select().from(residents).where(eq(residents.id, challenge.residentId));
    if (!resident || resident.status !== 'active') return failure;

    await tx.update(signInChallenges).set({ consumedAt: now }).where(eq(signInChallenges.id, challenge.id));
    const [account] = await tx
      .insert(citizenAccounts)
      .values({ residentId: resident.id, lastSignInAt: now })
      .onConflictDoUpdate({ target: citizenAccounts.residentId, set: { lastSignInAt: now } })
      .returning();
    if (!account) throw new Error('account upsert returned nothing');
    await writeAudit(tx, {
      action: 'citizen.signed_in',
      actorType: 'citizen',
      actorId: account.id,
      subjectType: 'citizen',
      subjectId: account.id,
      details: { assuranceLevel: 1 },
    });
    // Gate 1 passed: a session at L1. Higher levels are proven again in each session (step-up).
    const [session] = await tx
      .insert(citizenSessions)
      .values({ citizenAccountId: account.id, assuranceLevel: 1, gatesPassed: ['registry_phone'], createdAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) })
      .returning({ id: citizenSessions.id });
    await tx.insert(identityUses).values({ citizenAccountId: account.id, kind: 'sign_in', result: 'accepted', createdAt: now });
    return ok({ accountId: account.id, residentId: resident.id, name: resident.name, sessionId: session!.id });
  });
}
