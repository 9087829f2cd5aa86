import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/connect';
import { citizenSessions, eids, identityUses, qrSignInRequests } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { CitizenActor } from '@/lib/auth/actor';
import { conflict, forbidden, invalid, notFound, ok, type Result } from '@/lib/result';
import { SESSION_TTL_MS } from './citizen-sign-in';

// Sign in on a computer by confirming in the wallet. The computer holds a secret it never shows;
// the QR it shows carries only the request id. Only the browser with the secret can collect the
// session, and only after a citizen with an active e-ID confirmed in their wallet.
export const QR_SIGN_IN_TTL_MS = 2 * 60 * 1000;

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('base64url');

export async function createQrSignInRequest(db: Database, now = new Date()) {
  const pollSecret = randomBytes(32).toString('base64url');
  const [row] = await db
    .insert(qrSignInRequests)
    .values({ pollSecretHash: hashSecret(pollSecret), expiresAt: new Date(now.getTime() + QR_SIGN_IN_TTL_MS), createdAt: now })
    .returning({ id: qrSignInRequests.id, expiresAt: qrSignInRequests.expiresAt });
  return { requestId: row!.id, pollSecret, expiresAt: row!.expiresAt };
}

const requestIdSchema = z.uuid();

/** The waiting computer asks where its request stands; it learns nothing about who approved it. */
export async function readQrSignInStatus(db: Database, rawRequestId: unknown, rawSecret: unknown, now = new Date()) {
  const row = await findWithSecret(db, rawRequestId, rawSecret);
  if (!row) return 'unknown' as const;
  if (row.consumedAt) return 'consumed' as const;
  if (row.expiresAt <= now) return 'expired' as const;
  return row.approvedAt ? ('approved' as const) : ('pending' as const);
}

async function findWithSecret(db: Database, rawRequestId: unknown, rawSecret: unknown) {
  const requestId = requestIdSchema.safeParse(rawRequestId);
  if (!requestId.success || typeof rawSecret !== 'string' || rawSecret.length > 200) return undefined;
  const [row] = await db.select().from(qrSignInRequests).where(eq(qrSignInRequests.id, requestId.data));
  if (!row) return undefined;
  const expected = Buffer.from(row.pollSecretHash);
  const actual = Buffer.from(hashSecret(rawSecret));
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? row : undefined;
}

/** "Sign in on this computer?" — the citizen confirms in their wallet. */
export async function approveQrSignIn(db: Database, actor: CitizenActor, rawRequestId: unknown, now = new Date()): Promise<Result<{ approved: true }>> {
  const requestId = requestIdSchema.safeParse(rawRequestId);
  if (!requestId.success) return notFound('登录请求不存在 / No such sign-in request');
  if (actor.eid?.status !== 'active') return forbidden('需要有效的电子身份证 / You need an active e-ID');
  const [updated] = await db
    .update(qrSignInRequests)
    .set({ approvedByAccountId: actor.accountId, approvedAt: now })
    .where(and(eq(qrSignInRequests.id, requestId.data), isNull(qrSignInRequests.approvedAt), gt(qrSignInRequests.expiresAt, now)))
    .returning({ id: qrSignInRequests.id });
  if (!updated) return conflict('二维码已过期或已使用，请在电脑上刷新 / The code has expired or was used; refresh it on the computer');
  await writeAudit(db, { action: 'citizen.qr_sign_in_approved', actorType: 'citizen', actorId: actor.accountId, subjectType: 'citizen', subjectId: actor.accountId, details: { requestId: updated.id } });
  return ok({ approved: true });
}

/** The computer collects its session once: same secret, approved, unexpired, never before. */
export async function completeQrSignIn(db: Database, rawRequestId: unknown, rawSecret: unknown, now = new Date()): Promise<Result<{ accountId: string; sessionId: string }>> {
  const row = await findWithSecret(db, rawRequestId, rawSecret);
  if (!row || !row.approvedByAccountId || row.consumedAt || row.expiresAt <= now) return invalid('登录请求无效或已过期 / The sign-in request is invalid or has expired');
  const accountId = row.approvedByAccountId;
  return db.transaction(async (tx) => {
    const [consumed] = await tx
      .update(qrSignInRequests)
      .set({ consumedAt: now })
      .where(and(eq(qrSignInRequests.id, row.id), isNull(qrSignInRequests.consumedAt)))
      .returning({ id: qrSignInRequests.id });
    if (!consumed) return invalid('登录请求已使用 / The sign-in request was already used');
    const [eid] = await tx.select().from(eids).where(eq(eids.citizenAccountId, accountId));
    if (eid?.status !== 'active') return forbidden('需要有效的电子身份证 / You need an active e-ID');
    // The computer's session proves what a phone code proves: L1. Higher levels are stepped up there.
    const [session] = await tx
      .insert(citizenSessions)
      .values({ citizenAccountId: accountId, assuranceLevel: 1, gatesPassed: ['registry_phone'], createdAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) })
      .returning({ id: citizenSessions.id });
    await tx.insert(identityUses).values({ citizenAccountId: accountId, kind: 'qr_sign_in', result: 'accepted', createdAt: now });
    return ok({ accountId, sessionId: session!.id });
  });
}
