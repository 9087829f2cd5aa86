// The e-ID's own life: active ⇄ suspended (by the citizen), and revoked (by staff, for good).
//
//   suspend  active    → suspended   the citizen, any session level (a lost phone must be stoppable at once)
//   resume   suspended → active      the citizen, in a session that has itself proven L2
//   revoke   active | suspended → revoked   a supervisor or admin, with a reason; signs the citizen out everywhere
//
// A suspended or revoked e-ID shows no identity QR and every terminal scan of it answers "revoked".
// Revoked is final: enrolment keeps the row, so a revoked e-ID is never issued again by itself.
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Transaction } from '@/db/connect';
import { citizenAccounts, eids, residents, type Eid } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { CitizenActor, StaffActor } from '@/lib/auth/actor';
import { endAllCitizenSessions } from '@/lib/auth/citizen-session';
import { enqueueSms } from '@/lib/notifications/outbox';
import { msg } from '@/lib/i18n/problem';
import { conflict, forbidden, invalid, notFound, ok, OperationFailure, type Result } from '@/lib/result';
import { canManageEids } from '@/lib/auth/permissions';

type EidStatus = Eid['status'];

export const RESUME_MIN_SESSION_LEVEL = 2;

export const revokeEidSchema = z.object({
  eidId: z.uuid({ error: msg('problems.identity.eidNotFound') }),
  reason: z
    .string({ error: msg('problems.identity.giveRevokeReason') })
    .trim()
    .min(2, { error: msg('problems.identity.giveRevokeReason') })
    .max(500, { error: msg('problems.identity.reasonTooLong', { max: 500 }) }),
});

const STATUS_CONFLICT: Record<EidStatus, string> = {
  active: msg('problems.identity.status.active'),
  suspended: msg('problems.identity.status.suspended'),
  revoked: msg('problems.identity.status.revoked'),
};

/** The citizen stops their own e-ID (lost phone, suspicion): they stay signed in so they can resume it. */
export async function suspendEid(db: Database, actor: CitizenActor, now = new Date()): Promise<Result<{ status: EidStatus }>> {
  const eid = await findOwnEid(db, actor);
  if (!eid) return notFound(msg('problems.identity.noEid'));
  if (eid.status !== 'active') return conflict(STATUS_CONFLICT[eid.status]);
  return runStatusChange(db, async (tx) => {
    await changeStatus(tx, eid, ['active'], 'suspended', now, null);
    await writeAudit(tx, { action: 'eid.suspended', actorType: 'citizen', actorId: actor.accountId, subjectType: 'eid', subjectId: eid.id, details: { from: eid.status } });
    return { status: 'suspended' as const };
  });
}

/** The citizen turns a suspended e-ID back on; this needs a session that proved L2 (the questionnaire). */
export async function resumeEid(db: Database, actor: CitizenActor, now = new Date()): Promise<Result<{ status: EidStatus }>> {
  const eid = await findOwnEid(db, actor);
  if (!eid) return notFound(msg('problems.identity.noEid'));
  if (eid.status !== 'suspended') return conflict(STATUS_CONFLICT[eid.status]);
  if (actor.assuranceLevel < RESUME_MIN_SESSION_LEVEL) {
    return forbidden(msg('problems.identity.resumeNeedsQuestionnaire'));
  }
  return runStatusChange(db, async (tx) => {
    await changeStatus(tx, eid, ['suspended'], 'active', now, null);
    await writeAudit(tx, {
      action: 'eid.resumed',
      actorType: 'citizen',
      actorId: actor.accountId,
      subjectType: 'eid',
      subjectId: eid.id,
      details: { sessionLevel: actor.assuranceLevel },
    });
    return { status: 'active' as const };
  });
}

/** A supervisor or admin revokes an e-ID for good; the citizen is signed out everywhere and told by SMS. */
export async function revokeEid(db: Database, actor: StaffActor, rawInput: unknown, now = new Date()): Promise<Result<{ status: EidStatus }>> {
  if (!canManageEids(actor)) return forbidden();
  const parsed = revokeEidSchema.safeParse(rawInput);
  if (!parsed.success) return invalid(msg('problems.common.checkForm'), z.flattenError(parsed.error).fieldErrors);
  const { eidId, reason } = parsed.data;

  const [row] = await db
    .select({ eid: eids, phone: residents.phone })
    .from(eids)
    .innerJoin(citizenAccounts, eq(citizenAccounts.id, eids.citizenAccountId))
    .innerJoin(residents, eq(residents.id, citizenAccounts.residentId))
    .where(eq(eids.id, eidId));
  if (!row) return notFound(msg('problems.identity.eidNotFound'));
  const { eid, phone } = row;
  if (eid.status === 'revoked') return conflict(msg('problems.identity.alreadyRevoked'));

  return runStatusChange(db, async (tx) => {
    await changeStatus(tx, eid, ['active', 'suspended'], 'revoked', now, reason);
    await endAllCitizenSessions(tx, eid.citizenAccountId, now);
    await writeAudit(tx, { action: 'eid.revoked', actorType: 'staff', actorId: actor.staffId, subjectType: 'eid', subjectId: eid.id, details: { from: eid.status, reason } });
    await enqueueSms(tx, {
      to: phone,
      text: '【武汉公安】您的电子身份证已被注销，身份码不再有效。如有疑问，请携带身份证到户籍窗口咨询。',
    });
    return { status: 'revoked' as const };
  });
}

function findOwnEid(db: Database, actor: CitizenActor): Promise<Eid | undefined> {
  return db
    .select()
    .from(eids)
    .where(eq(eids.citizenAccountId, actor.accountId))
    .then((rows) => rows[0]);
}

/** Updates only from the state the caller saw: of two racing changes, the second gets a clear conflict. */
async function changeStatus(tx: Transaction, eid: Eid, from: EidStatus[], to: EidStatus, now: Date, reason: string | null): Promise<void> {
  const updated = await tx
    .update(eids)
    .set({ status: to, statusChangedAt: now, statusReason: reason })
    .where(and(eq(eids.id, eid.id), eq(eids.status, eid.status), inArray(eids.status, from)))
    .returning({ id: eids.id });
  if (updated.length === 0) throw new OperationFailure(conflict(msg('problems.identity.changedMeanwhile')));
}

async function runStatusChange<T>(db: Database, body: (tx: Transaction) => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await db.transaction(body));
  } catch (error) {
    if (error instanceof OperationFailure) return error.failure;
    throw error;
  }
}
