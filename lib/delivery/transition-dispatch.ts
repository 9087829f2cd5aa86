import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Transaction } from '@/db/connect';
import { applications, dispatchEvents, mailDispatches, type MailDispatch } from '@/db/schema';
import { queueCitizenNotice, type CitizenNotice } from '@/lib/applications/citizen-notices';
import { writeAudit } from '@/lib/audit/actions';
import type { StaffActor } from '@/lib/auth/actor';
import { msg } from '@/lib/i18n/problem';
import { conflict, forbidden, invalid, notFound, ok, OperationFailure, type Result } from '@/lib/result';
import { createDispatch } from './create-dispatch';
import { pickupOfficeFor } from './pickup-office';
import { DISPATCH_TRANSITIONS, type DispatchTransitionName } from './state-machine';
import { canManageDeliveries } from '@/lib/auth/permissions';

const TRACKING_NUMBER = /^[A-Z0-9]{8,20}$/i;
const TRACKING_MESSAGE = msg('problems.delivery.trackingNumber');
const REASON_MESSAGE = msg('problems.delivery.giveReturnReason');

export const dispatchTransitionSchema = z.object({
  dispatchId: z.uuid(),
  transition: z.enum(Object.keys(DISPATCH_TRANSITIONS) as [DispatchTransitionName, ...DispatchTransitionName[]]),
  expectedVersion: z.coerce.number().int().min(1),
  courier: z.string().trim().max(40).optional().default(''),
  trackingNumber: z.string().trim().max(40).optional().default(''),
  reason: z.string().trim().max(500).optional().default(''),
  signedBy: z.string().trim().max(60).optional().default(''),
});

export type DispatchMoveActor = { kind: 'staff'; staffId: string } | { kind: 'courier'; courier: string; source: 'webhook' | 'manifest' };

export type DispatchMove = {
  transition: DispatchTransitionName;
  courier?: string;
  trackingNumber?: string;
  reason?: string;
  signedBy?: string;
  /** When it happened (a courier event's time); defaults to now. */
  occurredAt?: Date;
  note?: string;
};

/** Checks the details a move needs; null when it may go ahead. */
export function checkMoveDetails(move: DispatchMove) {
  const rule = DISPATCH_TRANSITIONS[move.transition];
  if (rule.needs === 'tracking' && !TRACKING_NUMBER.test(move.trackingNumber ?? '')) return invalid(TRACKING_MESSAGE, { trackingNumber: [TRACKING_MESSAGE] });
  if (rule.needs === 'reason' && (move.reason ?? '').trim().length < 2) return invalid(REASON_MESSAGE, { reason: [REASON_MESSAGE] });
  return null;
}

/**
 * The one place a dispatch changes status, inside the caller's transaction: guarded by status and
 * version, with its timeline entry, its audit entry and the citizen's notification in the outbox.
 * A resend also queues the new dispatch. Throws OperationFailure(conflict) if the row moved meanwhile.
 */
export async function applyDispatchTransition(tx: Transaction, dispatch: MailDispatch, move: DispatchMove, actor: DispatchMoveActor, now: Date) {
  const rule = DISPATCH_TRANSITIONS[move.transition];
  if (!rule.from.includes(dispatch.status)) {
    throw new OperationFailure(conflict(msg('problems.delivery.statusNow', { status: msg(`problems.delivery.status.${dispatch.status}`) })));
  }
  const at = move.occurredAt ?? now;
  const [updated] = await tx
    .update(mailDispatches)
    .set({
      status: rule.to,
      version: dispatch.version + 1,
      updatedAt: now,
      ...(rule.needs === 'tracking' ? { courier: move.courier || 'EMS', trackingNumber: (move.trackingNumber ?? '').toUpperCase(), handedAt: at } : {}),
      ...(rule.needs === 'reason' ? { returnReason: move.reason } : {}),
      ...(move.transition === 'deliver' ? { deliveredAt: at, signedBy: move.signedBy || null } : {}),
      ...(actor.kind === 'courier' ? { lastTrackingAt: at } : {}),
    })
    .where(and(eq(mailDispatches.id, dispatch.id), eq(mailDispatches.version, dispatch.version), eq(mailDispatches.status, dispatch.status)))
    .returning();
  if (!updated) throw new OperationFailure(conflict(msg('problems.delivery.updatedElsewhere')));
  const note =
    move.note ??
    (rule.needs === 'tracking'
      ? `${updated.courier} ${updated.trackingNumber}`
      : move.transition === 'deliver' && move.signedBy
        ? msg('problems.delivery.signedBy', { name: move.signedBy }) // a reference: read in one language, as pick() shows it
        : move.reason || null);
  const actorId = actor.kind === 'staff' ? actor.staffId : `courier:${actor.courier}`;
  await tx.insert(dispatchEvents).values({ dispatchId: dispatch.id, fromStatus: dispatch.status, toStatus: rule.to, actorId, note, createdAt: at });
  await writeAudit(tx, {
    action: 'dispatch.transitioned',
    actorType: actor.kind === 'staff' ? 'staff' : 'system',
    actorId,
    subjectType: 'dispatch',
    subjectId: dispatch.id,
    details: { transition: move.transition, from: dispatch.status, to: rule.to, note, ...(actor.kind === 'courier' ? { source: actor.source, occurredAt: at.toISOString() } : {}) },
  });
  let newDispatchId: string | undefined;
  if (move.transition === 'resend') {
    // A re-sent parcel is a new dispatch with a new waybill; the returned one keeps its history.
    const created = await createDispatch(tx, {
      certificateId: dispatch.certificateId,
      application: { id: dispatch.applicationId, deliveryAddress: dispatch.address, contactPhone: dispatch.phone },
      recipientName: dispatch.recipientName,
      now,
      actorId,
      actorType: 'staff',
      previousDispatchId: dispatch.id,
      note: msg('problems.delivery.sentAgain', { tracking: dispatch.trackingNumber ?? '—' }),
    });
    newDispatchId = created.id;
  }
  await notifyCitizenOfDispatch(tx, updated, move, at);
  return { dispatch: updated, newDispatchId };
}

/** Supervisors move mailed certificates along their delivery life; every step is audited and told to the citizen. */
export async function transitionDispatch(
  db: Database,
  actor: StaffActor,
  rawInput: unknown,
  now = new Date(),
): Promise<Result<{ status: string; version: number; newDispatchId?: string }>> {
  if (!canManageDeliveries(actor)) return forbidden();
  const parsed = dispatchTransitionSchema.safeParse(rawInput);
  if (!parsed.success) return invalid(msg('problems.common.invalidRequest'), z.flattenError(parsed.error).fieldErrors);
  const input = parsed.data;
  const rule = DISPATCH_TRANSITIONS[input.transition];
  // Collecting at the counter needs the identity check of recordCounterPickup; cancelling follows a revocation.
  if (rule.needs === 'identity_check') return forbidden(msg('problems.delivery.useCounterCheck'));
  if (!rule.by.includes('staff')) return forbidden(msg('problems.delivery.cancelledByCertificate'));
  const failed = checkMoveDetails(input);
  if (failed) return failed;
  const [dispatch] = await db.select().from(mailDispatches).where(eq(mailDispatches.id, input.dispatchId));
  if (!dispatch) return notFound(msg('problems.delivery.dispatchNotFound'));
  if (!rule.from.includes(dispatch.status)) {
    return conflict(msg('problems.delivery.statusNow', { status: msg(`problems.delivery.status.${dispatch.status}`) }));
  }
  if (dispatch.version !== input.expectedVersion) return conflict(msg('problems.delivery.updatedElsewhere'));
  try {
    const result = await db.transaction(async (tx) => {
      const moved = await applyDispatchTransition(tx, dispatch, input, { kind: 'staff', staffId: actor.staffId }, now);
      return { status: moved.dispatch.status, version: moved.dispatch.version, newDispatchId: moved.newDispatchId };
    });
    return ok(result);
  } catch (error) {
    if (error instanceof OperationFailure) return error.failure;
    throw error;
  }
}

/** What the citizen is told about a dispatch move, in their own language (lib/applications/citizen-notices.ts). */
function dispatchNoticeFor(dispatch: MailDispatch, move: DispatchMove, districtCode: string, at: Date): CitizenNotice | null {
  switch (move.transition) {
    case 'hand_to_courier':
      return { kind: 'mailed', courier: dispatch.courier ?? '', trackingNumber: dispatch.trackingNumber ?? '' };
    case 'deliver':
      return { kind: 'delivered', signedBy: dispatch.signedBy };
    case 'return':
      return { kind: 'returned', reason: dispatch.returnReason ?? '' };
    case 'hold_for_pickup':
      return { kind: 'held_for_pickup', pickup: pickupOfficeFor(districtCode) };
    case 'collect':
      return { kind: 'collected', at };
    case 'cancel':
      return { kind: 'delivery_cancelled', reason: move.reason ?? '', wasCounter: dispatch.method === 'counter' };
    default:
      return null;
  }
}

async function notifyCitizenOfDispatch(tx: Transaction, dispatch: MailDispatch, move: DispatchMove, at: Date) {
  const [row] = await tx
    .select({ citizenAccountId: applications.citizenAccountId, reference: applications.referenceNumber, districtCode: applications.districtCode })
    .from(applications)
    .where(eq(applications.id, dispatch.applicationId));
  if (!row) return;
  const notice = dispatchNoticeFor(dispatch, move, row.districtCode, at);
  if (notice) await queueCitizenNotice(tx, row.citizenAccountId, row.reference, notice);
}
