import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Transaction } from '@/db/connect';
import { applications, citizenAccounts, dispatchEvents, mailDispatches, residents } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { StaffActor } from '@/lib/auth/actor';
import { enqueueEmail, enqueueSms } from '@/lib/notifications/outbox';
import { conflict, forbidden, invalid, notFound, ok, OperationFailure, type Result } from '@/lib/result';
import { DISPATCH_STATUS_LABELS, DISPATCH_TRANSITIONS, type DispatchTransitionName } from './state-machine';

export const dispatchTransitionSchema = z.object({
  dispatchId: z.uuid(),
  transition: z.enum(Object.keys(DISPATCH_TRANSITIONS) as [DispatchTransitionName, ...DispatchTransitionName[]]),
  expectedVersion: z.coerce.number().int().min(1),
  courier: z.string().trim().max(40).optional().default(''),
  trackingNumber: z.string().trim().max(40).optional().default(''),
  reason: z.string().trim().max(500).optional().default(''),
});

/** Supervisors move mailed certificates along their delivery life; every step is audited and told to the citizen. */
export async function transitionDispatch(db: Database, actor: StaffActor, rawInput: unknown, now = new Date()): Promise<Result<{ status: string; version: number }>> {
  if (actor.role !== 'supervisor') return forbidden();
  const parsed = dispatchTransitionSchema.safeParse(rawInput);
  if (!parsed.success) return invalid('请求无效 / Invalid request', z.flattenError(parsed.error).fieldErrors);
  const input = parsed.data;
  const rule = DISPATCH_TRANSITIONS[input.transition];
  if (rule.needs === 'tracking' && !/^[A-Z0-9]{8,20}$/i.test(input.trackingNumber)) {
    return invalid('请填写运单号（8–20 位字母或数字）/ Enter the tracking number (8–20 letters or digits)', {
      trackingNumber: ['请填写运单号（8–20 位字母或数字）/ Enter the tracking number (8–20 letters or digits)'],
    });
  }
  if (rule.needs === 'reason' && input.reason.length < 2) {
    return invalid('请填写退件原因 / Give the reason the mail came back', { reason: ['请填写退件原因 / Give the reason the mail came back'] });
  }

  const [dispatch] = await db.select().from(mailDispatches).where(eq(mailDispatches.id, input.dispatchId));
  if (!dispatch) return notFound('未找到该邮件 / Dispatch not found');
  if (!rule.from.includes(dispatch.status)) {
    return conflict(`该邮件当前状态为“${DISPATCH_STATUS_LABELS[dispatch.status].zh}” / The dispatch is now “${DISPATCH_STATUS_LABELS[dispatch.status].en}”`);
  }
  if (dispatch.version !== input.expectedVersion) return conflict('该邮件已被他人更新，请刷新 / Someone else updated this dispatch; reload');

  try {
    const result = await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(mailDispatches)
        .set({
          status: rule.to,
          version: dispatch.version + 1,
          updatedAt: now,
          ...(rule.needs === 'tracking' ? { courier: input.courier || 'EMS', trackingNumber: input.trackingNumber.toUpperCase() } : {}),
          ...(rule.needs === 'reason' ? { returnReason: input.reason } : {}),
          // A re-sent parcel gets a new waybill; the old one stays in the dispatch events.
          ...(input.transition === 'resend' ? { courier: null, trackingNumber: null } : {}),
        })
        .where(and(eq(mailDispatches.id, dispatch.id), eq(mailDispatches.version, dispatch.version)))
        .returning();
      if (!updated) throw new OperationFailure(conflict('该邮件已被他人更新，请刷新 / Someone else updated this dispatch; reload'));
      const note = rule.needs === 'tracking' ? `${updated.courier} ${updated.trackingNumber}` : input.reason || null;
      await tx.insert(dispatchEvents).values({ dispatchId: dispatch.id, fromStatus: dispatch.status, toStatus: rule.to, actorId: actor.staffId, note, createdAt: now });
      await writeAudit(tx, {
        action: 'dispatch.transitioned',
        actorType: 'staff',
        actorId: actor.staffId,
        subjectType: 'dispatch',
        subjectId: dispatch.id,
        details: { transition: input.transition, from: dispatch.status, to: rule.to, note },
      });
      if (input.transition === 'hand_to_courier' || input.transition === 'deliver' || input.transition === 'return') {
        await notifyCitizenOfDispatch(tx, updated);
      }
      return { status: rule.to, version: updated.version };
    });
    return ok(result);
  } catch (error) {
    if (error instanceof OperationFailure) return error.failure;
    throw error;
  }
}

async function notifyCitizenOfDispatch(tx: Transaction, dispatch: typeof mailDispatches.$inferSelect) {
  const [row] = await tx
    .select({ email: citizenAccounts.email, phone: residents.phone, reference: applications.referenceNumber })
    .from(applications)
    .innerJoin(citizenAccounts, eq(citizenAccounts.id, applications.citizenAccountId))
    .innerJoin(residents, eq(residents.id, applications.residentId))
    .where(eq(applications.id, dispatch.applicationId));
  if (!row) return;
  const label = DISPATCH_STATUS_LABELS[dispatch.status];
  const tracking = dispatch.trackingNumber ? `（${dispatch.courier} 运单号 ${dispatch.trackingNumber}）` : '';
  const zh = `您的申请 ${row.reference} 的证件${label.zh}${tracking}。`;
  if (row.email) {
    await enqueueEmail(tx, {
      to: row.email,
      subject: `【武汉公安】证件邮寄：${label.zh} / Your certificate: ${label.en}`,
      text: `${zh}\n\nYour certificate for application ${row.reference}: ${label.en}${dispatch.trackingNumber ? ` (${dispatch.courier} ${dispatch.trackingNumber})` : ''}.`,
    });
  }
  await enqueueSms(tx, { to: row.phone, text: `【武汉公安】${zh}` });
}
