import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/connect';
import { citizenSessions, eids, identityUses, qrSignInRequests } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { CitizenActor } from '@/lib/auth/actor';
import { msg } from '@/lib/i18n/problem';
import { conflict, forbidden, invalid, notFound, ok, type Result } from '@/lib/result';
import { SESSION_TTL_MS } from './citizen-sign-in';
import { describeBrowser, describePlace, drawMatchNumber, matchChoices, type PlaceLabel } from './qr-sign-in-context';

// Sign in on a computer by confirming in the wallet. The computer holds a secret it never shows
// (only that browser can collect the session). Against QR-login hijacking (an attacker starts a
// request and sends the victim the link) the request is bound to the screen that shows it:
//   - the QR carries no link, only `EID-SIGN-IN:<request id>.<one-time scan token>`: it means
//     something only to the wallet's scanner, which posts it; a GET of the old confirm link confirms nothing;
//   - the wallet shows which browser asked, roughly from where and when;
//   - the computer shows a two-digit number and the phone offers three: the person must pick the
//     one on the screen in front of them; a wrong pick (or "not me") cancels the request.
// The computer's session is L1 and records that it was made by the wallet (`sign_in_method`).
export const QR_SIGN_IN_TTL_MS = 2 * 60 * 1000;
export const QR_PAYLOAD_PREFIX = 'EID-SIGN-IN:';

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('base64url');
const sameHash = (stored: string | null, secret: string) => {
  if (!stored) return false;
  const expected = Buffer.from(stored);
  const actual = Buffer.from(hashSecret(secret));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
};

export async function createQrSignInRequest(db: Database, requester: { userAgent?: string | null; address?: string } = {}, now = new Date()) {
  const pollSecret = randomBytes(32).toString('base64url');
  const scanToken = randomBytes(24).toString('base64url');
  const matchNumber = drawMatchNumber();
  const [row] = await db
    .insert(qrSignInRequests)
    .values({
      pollSecretHash: hashSecret(pollSecret),
      scanTokenHash: hashSecret(scanToken),
      matchNumber,
      requesterBrowser: describeBrowser(requester.userAgent),
      requesterAddress: requester.address ?? null,
      expiresAt: new Date(now.getTime() + QR_SIGN_IN_TTL_MS),
      createdAt: now,
    })
    .returning({ id: qrSignInRequests.id, expiresAt: qrSignInRequests.expiresAt });
  return { requestId: row!.id, pollSecret, expiresAt: row!.expiresAt, matchNumber, qrPayload: `${QR_PAYLOAD_PREFIX}${row!.id}.${scanToken}` };
}

const requestIdSchema = z.uuid();
const payloadSchema = z
  .string()
  .trim()
  .max(200)
  .regex(/^EID-SIGN-IN:[0-9a-f-]{36}\.[A-Za-z0-9_-]{20,64}$/i)
  .transform((value) => {
    const [requestId, scanToken] = value.slice(QR_PAYLOAD_PREFIX.length).split('.') as [string, string];
    return { requestId: requestId.toLowerCase(), scanToken };
  });

/** The waiting computer asks where its request stands; it learns nothing about who approved it. */
export async function readQrSignInStatus(db: Database, rawRequestId: unknown, rawSecret: unknown, now = new Date()) {
  const row = await findWithSecret(db, rawRequestId, rawSecret);
  if (!row) return 'unknown' as const;
  if (row.consumedAt) return 'consumed' as const;
  if (row.cancelledAt) return 'cancelled' as const;
  if (row.expiresAt <= now) return 'expired' as const;
  return row.approvedAt ? ('approved' as const) : ('pending' as const);
}

async function findWithSecret(db: Database, rawRequestId: unknown, rawSecret: unknown) {
  const requestId = requestIdSchema.safeParse(rawRequestId);
  if (!requestId.success || typeof rawSecret !== 'string' || rawSecret.length > 200) return undefined;
  const [row] = await db.select().from(qrSignInRequests).where(eq(qrSignInRequests.id, requestId.data));
  return row && sameHash(row.pollSecretHash, rawSecret) ? row : undefined;
}

const GONE = msg('problems.auth.qr.gone');

export type QrSignInContext = { requestId: string; browser: string; place: PlaceLabel; requestedAt: Date; choices: number[] };

/**
 * The wallet's scanner read a sign-in QR: the request is opened for this citizen only (the first
 * phone to scan it holds it) and the phone learns what to show — browser, place, time — and three
 * numbers to choose from. Nothing is approved yet.
 */
export async function openQrSignIn(db: Database, actor: CitizenActor, rawPayload: unknown, phoneAddress: string | undefined, now = new Date()): Promise<Result<QrSignInContext>> {
  const payload = payloadSchema.safeParse(rawPayload);
  if (!payload.success) return invalid(msg('problems.auth.qr.notSignInCode'));
  if (actor.eid?.status !== 'active') return forbidden(msg('problems.common.needActiveEid'));
  const [row] = await db.select().from(qrSignInRequests).where(eq(qrSignInRequests.id, payload.data.requestId));
  if (!row || !sameHash(row.scanTokenHash, payload.data.scanToken) || row.matchNumber === null) return notFound(msg('problems.auth.qr.noSuchRequest'));
  const [held] = await db
    .update(qrSignInRequests)
    .set({ scannedByAccountId: actor.accountId, scannedAt: now })
    .where(
      and(
        eq(qrSignInRequests.id, row.id),
        or(isNull(qrSignInRequests.scannedByAccountId), eq(qrSignInRequests.scannedByAccountId, actor.accountId)),
        isNull(qrSignInRequests.approvedAt),
        isNull(qrSignInRequests.cancelledAt),
        gt(qrSignInRequests.expiresAt, now),
      ),
    )
    .returning({ id: qrSignInRequests.id });
  if (!held) return conflict(GONE);
  return ok({
    requestId: row.id,
    browser: row.requesterBrowser ?? 'unknown',
    place: describePlace(row.requesterAddress, phoneAddress),
    requestedAt: row.createdAt,
    choices: matchChoices(row.matchNumber),
  });
}

const answerSchema = z.object({ requestId: z.uuid(), choice: z.union([z.literal('decline'), z.coerce.number().int().min(10).max(99)]) });

/**
 * The person picks the number the computer shows. The right one approves the sign-in; a wrong one,
 * or "this is not me", cancels the request for good (the computer must start again).
 */
export async function answerQrSignIn(db: Database, actor: CitizenActor, input: unknown, now = new Date()): Promise<Result<{ approved: true }>> {
  const parsed = answerSchema.safeParse(input);
  if (!parsed.success) return invalid(msg('problems.auth.qr.pickNumber'));
  if (actor.eid?.status !== 'active') return forbidden(msg('problems.common.needActiveEid'));
  const openForMe = and(
    eq(qrSignInRequests.id, parsed.data.requestId),
    eq(qrSignInRequests.scannedByAccountId, actor.accountId),
    isNull(qrSignInRequests.approvedAt),
    isNull(qrSignInRequests.cancelledAt),
    gt(qrSignInRequests.expiresAt, now),
  );
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(qrSignInRequests).where(openForMe).for('update');
    if (!row) return conflict(GONE);
    const details = { requestId: row.id, browser: row.requesterBrowser };
    if (parsed.data.choice === 'decline' || parsed.data.choice !== row.matchNumber) {
      await tx.update(qrSignInRequests).set({ cancelledAt: now }).where(eq(qrSignInRequests.id, row.id));
      await writeAudit(tx, {
        action: 'citizen.qr_sign_in_cancelled',
        actorType: 'citizen',
        actorId: actor.accountId,
        subjectType: 'citizen',
        subjectId: actor.accountId,
        details: { ...details, reason: parsed.data.choice === 'decline' ? 'declined' : 'wrong_number' },
      });
      return parsed.data.choice === 'decline'
        ? invalid(msg('problems.auth.qr.cancelled'))
        : invalid(msg('problems.auth.qr.numberMismatch'));
    }
    await tx.update(qrSignInRequests).set({ approvedByAccountId: actor.accountId, approvedAt: now }).where(eq(qrSignInRequests.id, row.id));
    await writeAudit(tx, { action: 'citizen.qr_sign_in_approved', actorType: 'citizen', actorId: actor.accountId, subjectType: 'citizen', subjectId: actor.accountId, details });
    return ok({ approved: true as const });
  });
}

/** The computer collects its session once: same secret, approved, not cancelled, unexpired, never before. */
export async function completeQrSignIn(db: Database, rawRequestId: unknown, rawSecret: unknown, now = new Date()): Promise<Result<{ accountId: string; sessionId: string }>> {
  const row = await findWithSecret(db, rawRequestId, rawSecret);
  if (!row || !row.approvedByAccountId || row.consumedAt || row.cancelledAt || row.expiresAt <= now) return invalid(msg('problems.auth.qr.invalidOrExpired'));
  const accountId = row.approvedByAccountId;
  return db.transaction(async (tx) => {
    const [consumed] = await tx
      .update(qrSignInRequests)
      .set({ consumedAt: now })
      .where(and(eq(qrSignInRequests.id, row.id), isNull(qrSignInRequests.consumedAt)))
      .returning({ id: qrSignInRequests.id });
    if (!consumed) return invalid(msg('problems.auth.qr.alreadyUsed'));
    const [eid] = await tx.select().from(eids).where(eq(eids.citizenAccountId, accountId));
    if (eid?.status !== 'active') return forbidden(msg('problems.common.needActiveEid'));
    // The computer's session proves what a phone code proves: L1. Higher levels are stepped up there.
    const [session] = await tx
      .insert(citizenSessions)
      .values({ citizenAccountId: accountId, assuranceLevel: 1, gatesPassed: ['registry_phone'], signInMethod: 'wallet_qr', createdAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) })
      .returning({ id: citizenSessions.id });
    await tx.insert(identityUses).values({ citizenAccountId: accountId, kind: 'qr_sign_in', result: 'accepted', createdAt: now });
    await writeAudit(tx, {
      action: 'citizen.signed_in',
      actorType: 'citizen',
      actorId: accountId,
      subjectType: 'citizen',
      subjectId: accountId,
      details: { assuranceLevel: 1, method: 'wallet_qr', requestId: row.id, browser: row.requesterBrowser },
    });
    return ok({ accountId, sessionId: session!.id });
  });
}
