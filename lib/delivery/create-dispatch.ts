import type { Transaction } from '@/db/connect';
import { dispatchEvents, mailDispatches, type Application, type DispatchMethod } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import { counterAddressFor } from './pickup-office';
import { DISPATCH_START_STATUS } from './state-machine';

/** The delivery the citizen chose on the application (form data from before the choice existed: mail). */
export function deliveryMethodOf(application: Pick<Application, 'formData'>): DispatchMethod {
  return (application.formData as { deliveryMethod?: string } | null)?.deliveryMethod === 'counter' ? 'counter' : 'mail';
}

/**
 * A new dispatch of a certificate with its first timeline entry and audit: a parcel queued for
 * printing, or (counter pickup) a certificate waiting at the counter of the case's district office.
 */
export async function createDispatch(
  tx: Transaction,
  input: {
    certificateId: string;
    // districtCode: where a counter-pickup certificate waits (the case's district office).
    application: Pick<Application, 'id' | 'deliveryAddress' | 'contactPhone'> & { districtCode?: string };
    recipientName: string;
    now: Date;
    actorId: string | null;
    actorType: 'staff' | 'system';
    method?: DispatchMethod;
    previousDispatchId?: string;
    note?: string;
  },
): Promise<{ id: string; method: DispatchMethod }> {
  const method = input.method ?? 'mail';
  const status = DISPATCH_START_STATUS[method];
  if (method === 'counter' && !input.application.districtCode) throw new Error('a counter dispatch needs the case district');
  const [dispatch] = await tx
    .insert(mailDispatches)
    .values({
      certificateId: input.certificateId,
      applicationId: input.application.id,
      recipientName: input.recipientName,
      address: method === 'counter' ? counterAddressFor(input.application.districtCode!) : input.application.deliveryAddress,
      phone: input.application.contactPhone,
      method,
      status,
      previousDispatchId: input.previousDispatchId ?? null,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning({ id: mailDispatches.id });
  if (!dispatch) throw new Error('dispatch insert returned nothing');
  await tx.insert(dispatchEvents).values({ dispatchId: dispatch.id, fromStatus: null, toStatus: status, actorId: input.actorId, note: input.note ?? null, createdAt: input.now });
  await writeAudit(tx, {
    action: 'dispatch.created',
    actorType: input.actorType,
    actorId: input.actorId,
    subjectType: 'dispatch',
    subjectId: dispatch.id,
    details: { certificateId: input.certificateId, method, status, previousDispatchId: input.previousDispatchId },
  });
  return { id: dispatch.id, method };
}
