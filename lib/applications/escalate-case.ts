import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/connect';
import { applications, staffUsers } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { StaffActor } from '@/lib/auth/actor';
import { msg, readableText } from '@/lib/i18n/problem';
import { enqueueEmail } from '@/lib/notifications/outbox';
import { conflict, forbidden, invalid, notFound, ok, OperationFailure, type Result } from '@/lib/result';
import { findApplicationForActor } from './access';
import { escalationRefusal } from './state-machine';

// Staff accounts have no language of their own: a mail to staff carries both languages, as before.
const bothLanguages = (reference: string): string => `${readableText(reference, 'zh-CN')} / ${readableText(reference, 'en')}`;

export const escalateCaseSchema = z.object({
  applicationId: z.uuid(),
  expectedVersion: z.coerce.number().int().min(1),
  reason: z.string().trim().min(2, msg('problems.applications.sayWhyEscalate')).max(1000),
});

/**
 * The clerk holding a case asks the supervisor to look at it. Not a change of status (the case stays
 * where it is, with its holder): the case is marked, audited and the supervisors are told, in one transaction.
 */
export async function escalateCase(db: Database, actor: StaffActor, rawInput: unknown, now = new Date()): Promise<Result<{ escalatedAt: Date }>> {
  const parsed = escalateCaseSchema.safeParse(rawInput);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message ?? msg('problems.common.invalidRequest'), z.flattenError(parsed.error).fieldErrors);
  const input = parsed.data;
  const application = await findApplicationForActor(db, actor, input.applicationId);
  if (!application) return notFound(msg('problems.applications.notFound'));
  const refusal = escalationRefusal(application, actor);
  if (refusal === 'not_holder') return forbidden(msg('problems.applications.claimBeforeEscalating'));
  if (refusal === 'not_in_review') return conflict(msg('problems.applications.escalateOnlyInReview'));
  if (refusal === 'already_escalated') return conflict(msg('problems.applications.alreadyEscalated'));
  if (application.version !== input.expectedVersion) return conflict(msg('problems.applications.stale'));
  try {
    await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(applications)
        .set({ escalatedAt: now })
        .where(and(eq(applications.id, application.id), eq(applications.version, application.version)))
        .returning({ id: applications.id });
      if (!updated) throw new OperationFailure(conflict(msg('problems.applications.stale')));
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
          subject: bothLanguages(msg('problems.applications.mail.caseEscalated', { reference: application.referenceNumber })),
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
