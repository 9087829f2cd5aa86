import type { Transaction } from '@/db/connect';
import { dispatchEvents, mailDispatches, type Application } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';

/** A new mail dispatch of a certificate, queued for printing, with its first timeline entry and audit. */
export async function createDispatch(
  tx: Transaction,
  input: {
    certificateId: string;
    application: Pick<Application, 'id' | 'deliveryAddress' | 'contactPhone'>;
    recipientName: string;
    now: Date;
    actorId: string | null;
    actorType: 'staff' | 'system';
    previousDispatchId?: string;
    note?: string;
  },
): Promise<{ id: string }> {
  const [dispatch] = await tx
    .insert(mailDispatches)
    .values({
      certificateId: input.certificateId,
      applicationId: input.application.id,
      recipientName: input.recipientName,
      address: input.application.deliveryAddress,
      phone: input.application.contactPhone,
      previousDispatchId: input.previousDispatchId ?? null,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning({ id: mailDispatches.id });
  if (!dispatch) throw new Error('dispatch insert returned nothing');
  await tx.insert(dispatchEvents).values({ dispatchId: dispatch.id, fromStatus: null, toStatus: 'queued', actorId: input.actorId, note: input.note ?? null, createdAt: input.now });
  await writeAudit(tx, {
    action: 'dispatch.created',
    actorType: input.actorType,
    actorId: input.actorId,
    subjectType: 'dispatch',
    subjectId: dispatch.id,
    details: { certificateId: input.certificateId, previousDispatchId: input.previousDispatchId },
  });
  return dispatch;
}
