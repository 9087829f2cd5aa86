import { eq } from 'drizzle-orm';
import type { Transaction } from '@/db/connect';
import { mailDispatches } from '@/db/schema';
import { applyDispatchTransition } from './transition-dispatch';
import { DISPATCH_TRANSITIONS } from './state-machine';

/**
 * Inside the revoking (or superseding) transaction: stops every parcel of the certificate that has
 * not left the office, each with its timeline entry, audit entry and a word to the citizen. Parcels
 * already with the courier are returned as `stillWithCourier` for the caller to record.
 */
export async function cancelUnsentDispatches(tx: Transaction, certificateId: string, staffId: string, reason: string, now: Date) {
  const dispatches = await tx.select().from(mailDispatches).where(eq(mailDispatches.certificateId, certificateId)).for('update');
  const cancellable = DISPATCH_TRANSITIONS.cancel.from;
  const cancelled: string[] = [];
  for (const dispatch of dispatches.filter((d) => cancellable.includes(d.status))) {
    await applyDispatchTransition(tx, dispatch, { transition: 'cancel', reason }, { kind: 'staff', staffId }, now);
    cancelled.push(dispatch.id);
  }
  const stillWithCourier = dispatches.filter((d) => d.status === 'handed_to_courier' || d.status === 'in_transit').map((d) => d.id);
  return { cancelled, stillWithCourier };
}

