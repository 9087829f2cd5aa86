import { eq } from 'drizzle-orm';
import type { Database } from '@/db/connect';
import { staffUsers } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { conflict, invalid, type Result } from '@/lib/result';
import { applyTransition, type ApplicationRow } from './apply-transition';
import { isClaimLive } from './state-machine';
import type { TransitionContext, TransitionInput, TransitionOutcome } from './transition-input';
import { msg } from '@/lib/i18n/problem';

/**
 * A clerk or supervisor takes a case (`claim`: a new case, or one whose holder's claim has lapsed),
 * or a supervisor hands it to a clerk of its district (`assign`). The shared checks have passed.
 */
export async function claimApplication(
  db: Database,
  actor: Actor,
  application: ApplicationRow,
  input: TransitionInput & { transition: 'claim' | 'assign' },
  ctx: TransitionContext,
): Promise<Result<TransitionOutcome>> {
  const now = ctx.now ?? new Date();
  if (actor.kind !== 'staff') throw new Error('the state machine lets only staff claim or assign');
  if (input.transition === 'claim') {
    if (application.status === 'in_review' && application.claimedByStaffId !== actor.staffId && isClaimLive(application, now)) {
      const [holder] = await db.select({ staffNumber: staffUsers.staffNumber }).from(staffUsers).where(eq(staffUsers.id, application.claimedByStaffId!));
      const until = application.claimExpiresAt ? msg('problems.applications.claimedUntil', { time: application.claimExpiresAt.toISOString().slice(0, 16).replace('T', ' ') }) : '';
      return conflict(msg('problems.applications.heldByAnother', { staffNumber: holder?.staffNumber ?? '—', until }));
    }
    return applyTransition(db, actor, application, { transition: 'claim', to: 'in_review', reason: input.reason, now, holderStaffId: actor.staffId });
  }

  if (!input.assigneeStaffId) return invalid(msg('problems.applications.chooseClerk'), { assigneeStaffId: [msg('problems.applications.chooseClerk')] });
  const [target] = await db.select().from(staffUsers).where(eq(staffUsers.id, input.assigneeStaffId));
  // The clerk must be active and work in the case's district: a case never leaves its jurisdiction.
  if (!target || !target.isActive || target.role !== 'clerk' || !target.districtCodes.includes(application.districtCode)) {
    return invalid(msg('problems.applications.clerkOutsideDistrict'), { assigneeStaffId: [msg('problems.applications.notClerkOfDistrict')] });
  }
  return applyTransition(db, actor, application, {
    transition: 'assign',
    to: 'in_review',
    reason: input.reason,
    now,
    holderStaffId: target.id,
    auditDetails: { assigneeStaffId: target.id },
  });
}
