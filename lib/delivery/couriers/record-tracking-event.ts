import { and, desc, eq } from 'drizzle-orm';
import type { Transaction } from '@/db/connect';
import { mailDispatches, trackingEvents } from '@/db/schema';
import { COURIER_EVENT_TRANSITIONS, DISPATCH_TRANSITIONS } from '../state-machine';
import { applyDispatchTransition } from '../transition-dispatch';
import type { TrackingEvent } from './courier-adapter';

/**
 * What a tracking event did. Couriers redeliver and reorder events, so only `applied` moves a parcel:
 * a repeated event id is a `duplicate`; an event older than the last one applied is `stale` (kept,
 * never moves the parcel back); one the parcel's status does not allow is `not_applicable`.
 */
export type TrackingOutcome = 'applied' | 'duplicate' | 'stale' | 'not_applicable' | 'unknown_tracking' | 'future';

/**
 * How far ahead of our clock a courier's event time may be (their clocks drift a little). An event
 * dated later is refused and nothing is written: kept, a 2099 event would make every real event
 * "stale" and freeze the parcel.
 */
export const COURIER_CLOCK_SKEW_MS = 5 * 60 * 1000;

export function isDatedInTheFuture(occurredAt: Date, now: Date): boolean {
  return occurredAt.getTime() > now.getTime() + COURIER_CLOCK_SKEW_MS;
}

/** Records one courier event and applies it if it moves the parcel forward, in the caller's transaction. */
export async function recordTrackingEvent(
  tx: Transaction,
  event: TrackingEvent,
  source: 'webhook' | 'manifest',
  now: Date,
): Promise<{ outcome: TrackingOutcome; dispatchId: string | null }> {
  if (isDatedInTheFuture(event.occurredAt, now)) {
    console.warn(`[courier] ${event.courier} event ${event.eventId} dated ${event.occurredAt.toISOString()}, beyond now + ${COURIER_CLOCK_SKEW_MS / 60_000} min: refused`);
    return { outcome: 'future', dispatchId: null };
  }
  // The parcel's row lock orders concurrent events for it; the newest dispatch owns a reused waybill.
  const [dispatch] = await tx
    .select()
    .from(mailDispatches)
    .where(and(eq(mailDispatches.courier, event.courier), eq(mailDispatches.trackingNumber, event.trackingNumber)))
    .orderBy(desc(mailDispatches.createdAt))
    .limit(1)
    .for('update');
  const transition = COURIER_EVENT_TRANSITIONS[event.kind];
  const outcome: TrackingOutcome = !dispatch
    ? 'unknown_tracking'
    : dispatch.lastTrackingAt && event.occurredAt.getTime() <= dispatch.lastTrackingAt.getTime()
      ? 'stale'
      : DISPATCH_TRANSITIONS[transition].from.includes(dispatch.status)
        ? 'applied'
        : 'not_applicable';
  const [inserted] = await tx
    .insert(trackingEvents)
    .values({
      courier: event.courier,
      eventId: event.eventId,
      trackingNumber: event.trackingNumber,
      dispatchId: dispatch?.id ?? null,
      kind: event.kind,
      occurredAt: event.occurredAt,
      source,
      outcome,
      details: { signedBy: event.signedBy, reason: event.reason },
      receivedAt: now,
    })
    .onConflictDoNothing({ target: [trackingEvents.courier, trackingEvents.eventId] })
    .returning({ id: trackingEvents.id });
  if (!inserted) return { outcome: 'duplicate', dispatchId: dispatch?.id ?? null };
  if (outcome === 'applied' && dispatch) {
    await applyDispatchTransition(
      tx,
      dispatch,
      { transition, reason: event.reason, signedBy: event.signedBy, occurredAt: event.occurredAt },
      { kind: 'courier', courier: event.courier, source },
      now,
    );
  }
  return { outcome, dispatchId: dispatch?.id ?? null };
}
