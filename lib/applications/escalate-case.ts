import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/connect';
import { applications, staffUsers } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { StaffActor } from '@/lib/auth/actor';
import { enqueueEmail } from '@/lib/notifications/outbox';
import { conflict, forbidden, invalid, notFound, ok, OperationFailure, type Result } from '@/lib/result';
import { findApplicationForActor } from './access';
import { escalationRefusal } from './state-machine';

export const escalateCaseSchema = z.object({
  applicationId: z.uuid(),
  expectedVersion: z.coerce.number().int().min(1),
  reason: z.string().trim().min(2, '请说明升级原因 / Say why you escalate').max(1000),
});

/**
 * The clerk holding a case asks the supervisor to look at it. Not a change of status (the case stays
 * where it is, with its holder): the case is marked, audited and the supervisors are told, in one transaction.
 */
export async function escalateCase(db: Database, actor: StaffActor, rawInput: unknown, now = new Date()): Promise<Result<{ escalatedAt: Date }>> {
  const parsed = escalateCaseSchema.safeParse(rawInput);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message ?? '请求无效 / Invalid request', z.flattenError(parsed.error).fieldErrors);
  const input = parsed.data;
  const application = await findApplicationForActor(db, actor, input.applicationId);
  if (!application) return notFound('未找到该申请 / Application not found');
  const refusal = escalationRefusal(application, actor);
  if (refusal === 'not_holder') return forbidden('请先受理（认领）此案件 / Claim this case before escalating it');
  if (refusal === 'not_in_review') return conflict('只有审核中的案件可以升级 / Only a case in review can be escalated');
  if (refusal === 'already_escalated') return conflict('该案件已升级，负责人会处理 / This case has already been escalated');
  if (application.version !== input.expectedVersion) return conflict('该申请已被他人处理或已更新，请刷新后查看最新状态 / This case was changed by someone else; reload to see its current state');
  try {
    await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(applications)
        .set({ escalatedAt: now })
        .where(and(eq(applications.id, application.id), eq(applications.version, application.version)))
        .returning({ id: applications.id });
      if (!updated) throw new OperationFailure(conflict('该申请已被他人处理或已更新，请刷新后查看最新状态 / This case was changed by someone else; reload to see its current state'));
      await writeAudit(tx, {
        action: 'application.escalated',
        actorType: 'staff',
        actorId: actor.staffId,
        subjectType: 'application',
        subjectId: application.id,
        details: { reason: 'clerk_request', note: input.reason },
      });
      const supervisors = await tx
        .select({ email: staffUsers.email })
        .from(staffUsers)
        .where(and(inArray(staffUsers.role, ['supervisor']), eq(staffUsers.isActive, true), isNotNull(staffUsers.email)));
      for (const { email } of supervisors) {
        await enqueueEmail(tx, {
          to: email!,
          subject: `【案件升级】${application.referenceNumber} 请负责人处理 / Case escalated`,
          text: `警号 ${actor.staffNumber} 将案件 ${application.referenceNumber} 升级至负责人：${input.reason}\nClerk ${actor.staffNumber} escalated case ${application.referenceNumber}: ${input.reason}`,
        });
      }
    });
  } catch (error) {
    if (error instanceof OperationFailure) return error.failure;
    throw error;
  }
  return ok({ escalatedAt: now });
}
