import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '@/db/connect';
import { applicationEvents, services } from '@/db/schema';
import { actorRef, type Actor } from '@/lib/auth/actor';
import { issueCertificate } from '@/lib/certificates/issue-certificate';
import { forbidden, notFound, type Result } from '@/lib/result';
import { applyTransition, type ApplicationRow } from './apply-transition';
import { mayCountersign, targetStatus } from './state-machine';
import type { TransitionContext, TransitionInput, TransitionOutcome } from './transition-input';
import { msg } from '@/lib/i18n/problem';

export type DecisionName = 'approve' | 'reject' | 'countersign' | 'return_for_review';

/**
 * A decision on a case: approve (straight to approved, or to a supervisor's countersign when the
 * service's approval chain needs one), reject, countersign (never by the approver: four eyes) or
 * return for review. An approval issues the certificate in the same transaction. The shared checks have passed.
 */
export async function decideApplication(
  db: Database,
  actor: Actor,
  application: ApplicationRow,
  input: TransitionInput & { transition: DecisionName },
  ctx: TransitionContext,
): Promise<Result<TransitionOutcome>> {
  const now = ctx.now ?? new Date();
  const [service] = await db.select({ approvalChain: services.approvalChain }).from(services).where(eq(services.id, application.serviceId));
  if (!service) return notFound();

  if (input.transition === 'countersign') {
    const [approval] = await db
      .select({ actorId: applicationEvents.actorId })
      .from(applicationEvents)
      .where(and(eq(applicationEvents.applicationId, application.id), eq(applicationEvents.transition, 'approve')))
      .orderBy(desc(applicationEvents.id))
      .limit(1);
    if (actor.kind !== 'staff' || !mayCountersign(approval?.actorId, actor)) return forbidden(msg('problems.applications.ownCountersign'));
  }

  const to = targetStatus(input.transition, { needsCountersign: service.approvalChain === 'clerk_and_supervisor' });
  const isDecided = to === 'approved' || to === 'rejected';
  return applyTransition(db, actor, application, {
    transition: input.transition,
    to,
    reason: input.reason,
    now,
    set: isDecided ? { decidedAt: now, decisionReason: input.reason || null } : {},
    within:
      to === 'approved'
        ? async (tx, updated) => {
            const issued = await issueCertificate(tx, updated, { now, publicBaseUrl: ctx.publicBaseUrl, actorId: actorRef(actor).actorId });
            return { certificateId: issued.certificateId };
          }
        : undefined,
  });
}
