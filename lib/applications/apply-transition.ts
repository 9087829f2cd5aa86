import { and, eq } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/connect';
import { applicationEvents, applications, type ApplicationStatus } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import { actorRef, type Actor } from '@/lib/auth/actor';
import { addWorkingDays, toBeijingDate, workingDaysBetween } from '@/lib/calendar/working-days';
import { deliveryMethodOf } from '@/lib/delivery/create-dispatch';
import { pickupOfficeFor } from '@/lib/delivery/pickup-office';
import { conflict, forbidden, invalid, notFound, ok, OperationFailure, type Failure, type Result } from '@/lib/result';
import { findApplicationForActor } from './access';
import { queueCitizenNotice, type CitizenNotice } from './citizen-notices';
import { CLAIM_TTL_MS, TRANSITIONS, type ClaimEffect, type DeadlineEffect, type TransitionName } from './state-machine';
import type { TransitionInput, TransitionOutcome } from './transition-input';
import { msg } from '@/lib/i18n/problem';

export type ApplicationRow = typeof applications.$inferSelect;

export const STALE = msg('problems.applications.stale');

/**
 * The checks every transition shares: the case within the caller's scope, the role and the state the
 * state machine allows, the version the caller saw, the claim when the transition needs it, the reason
 * when it needs one. Returns the case as loaded, or why not.
 */
export async function loadForTransition(db: Database, actor: Actor, input: TransitionInput): Promise<{ application: ApplicationRow } | Failure> {
  const rule = TRANSITIONS[input.transition];
  const application = await findApplicationForActor(db, actor, input.applicationId);
  if (!application) return notFound(msg('problems.applications.notFound'));
  if (!rule.roles.includes(actor.role)) return forbidden();
  if (!rule.from.includes(application.status)) {
    return conflict(msg('problems.applications.wrongStatus', { status: msg(`problems.applications.status.${application.status}`) }));
  }
  if (application.version !== input.expectedVersion) return conflict(STALE);
  if (rule.requiresClaim && (actor.kind !== 'staff' || application.claimedByStaffId !== actor.staffId)) {
    return forbidden(msg('problems.applications.claimBeforeDeciding'));
  }
  if (rule.requiresReason && input.reason.length < 2) {
    return invalid(msg('problems.common.giveReason'), { reason: [msg('problems.common.giveReason')] });
  }
  return { application };
}

/** The claim columns a transition's claim effect sets (the state machine's `claim` column). */
export function claimChange(effect: ClaimEffect, holderStaffId: string | undefined, now: Date): Partial<ApplicationRow> {
  const until = new Date(now.getTime() + CLAIM_TTL_MS);
  switch (effect) {
    case 'take':
    case 'give':
      if (!holderStaffId) throw new Error(`claim effect "${effect}" needs the staff member who will hold the case`);
      return { claimedByStaffId: holderStaffId, claimedAt: now, claimExpiresAt: until };
    case 'release':
      return { claimedByStaffId: null, claimedAt: null, claimExpiresAt: null };
    case 'renew':
      return { claimExpiresAt: until }; // back with the clerk who approved: their hold starts again
    case 'keep':
      return {};
  }
}

/** The deadline columns a transition's deadline effect sets (the state machine's `deadline` column). */
export function deadlineChange(effect: DeadlineEffect, application: Pick<ApplicationRow, 'deadlineDate' | 'deadlinePausedDaysLeft'>, now: Date): Partial<ApplicationRow> {
  const today = toBeijingDate(now);
  if (effect === 'pause' && application.deadlineDate) {
    return { deadlinePausedDaysLeft: Math.max(0, workingDaysBetween(today, application.deadlineDate)) };
  }
  if (effect === 'resume' && application.deadlinePausedDaysLeft !== null) {
    return { deadlineDate: addWorkingDays(today, Math.max(1, application.deadlinePausedDaysLeft)), deadlinePausedDaysLeft: null };
  }
  return {};
}

export type TransitionChange = {
  transition: TransitionName;
  to: ApplicationStatus;
  reason: string;
  now: Date;
  /** Who holds the case after a `take` or `give`. */
  holderStaffId?: string;
  /** Columns the operation changes besides status, version, claim and deadline. */
  set?: Partial<ApplicationRow>;
  /** Added to the audit entry's details. */
  auditDetails?: Record<string, unknown>;
  /** More writes in the same transaction, after the row, its timeline entry and its audit entry. */
  within?: (tx: Transaction, updated: ApplicationRow) => Promise<Partial<TransitionOutcome> | void>;
};

/**
 * The one place a case's row changes status: a version-guarded UPDATE (exactly one of two racing
 * callers wins), the timeline entry, the audit entry, the operation's own writes and the citizen's
 * notice in the outbox, all in one transaction.
 */
export async function applyTransition(db: Database, actor: Actor, application: ApplicationRow, change: TransitionChange): Promise<Result<TransitionOutcome>> {
  const rule = TRANSITIONS[change.transition];
  try {
    const outcome = await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(applications)
        .set({
          status: change.to,
          version: application.version + 1,
          updatedAt: change.now,
          ...claimChange(rule.claim, change.holderStaffId, change.now),
          ...deadlineChange(rule.deadline, application, change.now),
          ...change.set,
        })
        .where(and(eq(applications.id, application.id), eq(applications.version, application.version), eq(applications.status, application.status)))
        .returning();
      // Someone else changed the row between our read and this write: exactly one of them wins.
      if (!updated) throw new OperationFailure(conflict(STALE));

      await tx.insert(applicationEvents).values({
        applicationId: application.id,
        fromStatus: application.status,
        toStatus: change.to,
        transition: change.transition,
        ...actorRef(actor),
        // A reference (older rows keep their bilingual label): the pages translate it before the timeline shows it.
        actorLabel: actor.kind === 'staff' ? msg('problems.applications.staffActor', { office: actor.office, staffNumber: actor.staffNumber }) : null,
        reason: change.reason || null,
        createdAt: change.now,
      });
      await writeAudit(tx, {
        action: 'application.transitioned',
        ...actorRef(actor),
        subjectType: 'application',
        subjectId: application.id,
        details: {
          transition: change.transition,
          from: application.status,
          to: change.to,
          version: updated.version,
          reason: change.reason || undefined,
          ...change.auditDetails,
        },
      });
      const extra = (await change.within?.(tx, updated)) ?? {};
      await notifyCitizen(tx, updated, change.to, change.reason);
      return { status: change.to, version: updated.version, ...extra };
    });
    return ok(outcome);
  } catch (error) {
    if (error instanceof OperationFailure) return error.failure;
    throw error;
  }
}

async function notifyCitizen(tx: Transaction, application: ApplicationRow, to: ApplicationStatus, reason: string) {
  // In the citizen's own language (lib/applications/citizen-notices.ts).
  const notice: CitizenNotice | undefined =
    to === 'needs_more_material'
      ? { kind: 'needs_more_material', reason }
      : to === 'approved'
        ? deliveryMethodOf(application) === 'counter'
          ? { kind: 'approved', isCounterPickup: true, pickup: pickupOfficeFor(application.districtCode) }
          : { kind: 'approved', isCounterPickup: false }
        : to === 'rejected'
          ? { kind: 'rejected', reason }
          : undefined;
  if (notice) await queueCitizenNotice(tx, application.citizenAccountId, application.referenceNumber, notice);
}
