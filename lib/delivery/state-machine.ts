import type { DispatchMethod, DispatchStatus } from '@/db/schema';
import type { ProblemKey } from '@/lib/i18n/problem';

// The life of a certificate on its way to the holder, written down once (server-enforced, read by the UI).
// A mailed certificate starts `queued`; one the citizen chose to collect at the counter starts
// `held_for_pickup` (no parcel is printed or posted) and leaves only by `collect` (identity-checked) or `cancel`.
// `by` says who may make a move: staff at the office, or the courier (webhook, manifest import).
// Staff may also record what the courier reported when the courier's own feed is down.
export type DispatchTransitionName =
  | 'print'
  | 'hand_to_courier'
  | 'mark_in_transit'
  | 'deliver'
  | 'return'
  | 'resend'
  | 'hold_for_pickup'
  | 'collect'
  | 'cancel';
// `system`: a consequence of another operation (revoking or reissuing the certificate), never a button.
export type DispatchMover = 'staff' | 'courier' | 'system';
type DispatchRule = {
  from: readonly DispatchStatus[];
  to: DispatchStatus;
  needs: 'tracking' | 'reason' | 'identity_check' | null;
  by: readonly DispatchMover[];
};

export const DISPATCH_TRANSITIONS: Record<DispatchTransitionName, DispatchRule> = {
  print: { from: ['queued'], to: 'printed', needs: null, by: ['staff'] },
  hand_to_courier: { from: ['printed'], to: 'handed_to_courier', needs: 'tracking', by: ['staff'] },
  mark_in_transit: { from: ['handed_to_courier'], to: 'in_transit', needs: null, by: ['staff', 'courier'] },
  deliver: { from: ['handed_to_courier', 'in_transit'], to: 'delivered', needs: null, by: ['staff', 'courier'] },
  return: { from: ['handed_to_courier', 'in_transit'], to: 'returned', needs: 'reason', by: ['staff', 'courier'] },
  // The returned parcel is closed and a new dispatch (new waybill) queued for printing.
  resend: { from: ['returned'], to: 'resent', needs: null, by: ['staff'] },
  hold_for_pickup: { from: ['returned'], to: 'held_for_pickup', needs: null, by: ['staff'] },
  // Only through recordCounterPickup, after the collector's identity is checked.
  collect: { from: ['held_for_pickup'], to: 'collected', needs: 'identity_check', by: ['staff'] },
  // A revoked or superseded certificate must not go out: the parcel is stopped while it is still in the office.
  // A certificate waiting at the counter is withdrawn from the counter the same way.
  cancel: { from: ['queued', 'printed', 'held_for_pickup'], to: 'cancelled', needs: 'reason', by: ['system'] },
};

/** Where a new dispatch starts: a parcel queued for printing, or a certificate waiting at the counter. */
export const DISPATCH_START_STATUS: Record<DispatchMethod, DispatchStatus> = { mail: 'queued', counter: 'held_for_pickup' };

/** Every status a dispatch can reach from where it starts, in the order they are first reached. */
export function statusesReachableFrom(start: DispatchStatus): DispatchStatus[] {
  const seen: DispatchStatus[] = [start];
  for (let i = 0; i < seen.length; i += 1) {
    for (const rule of Object.values(DISPATCH_TRANSITIONS)) if (rule.from.includes(seen[i]!) && !seen.includes(rule.to)) seen.push(rule.to);
  }
  return seen;
}

/** The states a certificate for counter pickup can be in (it is never printed or posted): the dashboard's counter row. */
export const COUNTER_DISPATCH_STATUSES: readonly DispatchStatus[] = statusesReachableFrom(DISPATCH_START_STATUS.counter);

/** Uncollected this many working days after it was ready, the holder gets one reminder. */
export const PICKUP_REMINDER_WORKING_DAYS = 30;

/** Still the office's responsibility: not delivered, collected or replaced by a new dispatch. */
export const OPEN_DISPATCH_STATUSES: readonly DispatchStatus[] = ['queued', 'printed', 'handed_to_courier', 'in_transit', 'returned', 'held_for_pickup'];

/** Moves a staff member can make from a status with the generic form (collect has its own). */
export function availableDispatchTransitions(from: DispatchStatus): DispatchTransitionName[] {
  return (Object.keys(DISPATCH_TRANSITIONS) as DispatchTransitionName[]).filter(
    (n) => DISPATCH_TRANSITIONS[n].from.includes(from) && DISPATCH_TRANSITIONS[n].by.includes('staff') && DISPATCH_TRANSITIONS[n].needs !== 'identity_check',
  );
}

/** What a courier's tracking event asks for, as a transition of the one state machine. */
export const COURIER_EVENT_TRANSITIONS = { in_transit: 'mark_in_transit', delivered: 'deliver', returned: 'return' } as const satisfies Record<string, DispatchTransitionName>;
export type CourierEventKind = keyof typeof COURIER_EVENT_TRANSITIONS;

// A move's button text is staff.deliveries.transition.* in the dictionary; a status's word problems.delivery.status.*.

/**
 * Returned-mail reasons couriers report (free text is accepted too), as message references: a stored
 * reason is read with pick()/readableText, which also read free text and older bilingual rows. Written
 * out rather than made by msg(): client components import this file, and msg() would bring the whole
 * dictionary with it; `satisfies` still checks the keys.
 */
export const RETURN_REASONS = [
  'problems.delivery.returnReason.wrongAddress',
  'problems.delivery.returnReason.nobodyHome',
  'problems.delivery.returnReason.refused',
  'problems.delivery.returnReason.movedAway',
] as const satisfies readonly ProblemKey[];

export const COURIERS = { EMS: 'EMS 中国邮政', SF: '顺丰 SF Express' } as const;
export type CourierCode = keyof typeof COURIERS;
