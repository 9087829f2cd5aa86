import { z } from 'zod';
import type { Database } from '@/db/connect';
import type { StaffActor } from '@/lib/auth/actor';
import { forbidden, invalid, ok, type Result } from '@/lib/result';
import { transitionApplication, type TransitionContext } from './transition-application';
import { canAssignCases } from '@/lib/auth/permissions';
import { msg } from '@/lib/i18n/problem';

export const bulkTransitionSchema = z.object({
  transition: z.enum(['claim', 'assign']),
  items: z
    .array(z.object({ applicationId: z.uuid(), expectedVersion: z.coerce.number().int().min(1) }))
    .min(1, msg('problems.applications.selectCase'))
    .max(100),
  assigneeStaffId: z.uuid().optional(),
});

export type BulkItemOutcome = { applicationId: string; status: 'ok' | 'invalid' | 'forbidden' | 'conflict' | 'not_found'; message?: string };

/**
 * Claim or assign several cases from the queue. Each case is its own transition (one transaction
 * with its audit entry, its own version check), so one case taken meanwhile does not undo the rest:
 * the caller gets the outcome of each.
 */
export async function bulkTransition(db: Database, actor: StaffActor, rawInput: unknown, ctx: TransitionContext): Promise<Result<{ outcomes: BulkItemOutcome[]; succeeded: number }>> {
  const parsed = bulkTransitionSchema.safeParse(rawInput);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message ?? msg('problems.common.invalidRequest'), z.flattenError(parsed.error).fieldErrors);
  const input = parsed.data;
  if (input.transition === 'assign' && !canAssignCases(actor)) return forbidden(msg('problems.applications.onlySupervisorAssigns'));
  const outcomes: BulkItemOutcome[] = [];
  for (const item of input.items) {
    const result = await transitionApplication(db, actor, { ...item, transition: input.transition, assigneeStaffId: input.assigneeStaffId }, ctx);
    outcomes.push(result.status === 'ok' ? { applicationId: item.applicationId, status: 'ok' } : { applicationId: item.applicationId, status: result.status, message: result.message });
  }
  return ok({ outcomes, succeeded: outcomes.filter((o) => o.status === 'ok').length });
}
