import { z } from 'zod';
import type { Database } from '@/db/connect';
import type { Actor } from '@/lib/auth/actor';
import { invalid, type Result } from '@/lib/result';
import { applyTransition, loadForTransition } from './apply-transition';
import { claimApplication } from './claim-application';
import { decideApplication } from './decide-application';
import type { UploadedFile } from './documents';
import { resubmitApplication } from './resubmit-application';
import { targetStatus } from './state-machine';
import { transitionInputSchema, type TransitionContext, type TransitionOutcome } from './transition-input';
import { msg } from '@/lib/i18n/problem';

export { transitionInputSchema, type TransitionContext, type TransitionOutcome } from './transition-input';

/**
 * The one way an application changes status. Parses the request, runs the checks every transition
 * shares (scope, role, state, version, claim, reason: lib/applications/apply-transition.ts), then hands
 * over to the operation: claim/assign, a decision, a resubmit, or a plain move (release, request more
 * material, withdraw). Each ends in applyTransition: one transaction with its timeline, audit and outbox.
 */
export async function transitionApplication(
  db: Database,
  actor: Actor,
  rawInput: unknown,
  ctx: TransitionContext,
  /** Documents added with a resubmit (the material the clerk asked for); stored in the same transaction. */
  attachments: UploadedFile[] = [],
  /** Fields corrected with a resubmit: only those the clerk's request names, checked with the service's own schema. */
  corrections: Record<string, string> = {},
): Promise<Result<TransitionOutcome>> {
  const parsed = transitionInputSchema.safeParse(rawInput);
  if (!parsed.success) return invalid(msg('problems.common.invalidRequest'), z.flattenError(parsed.error).fieldErrors);
  const input = parsed.data;
  const loaded = await loadForTransition(db, actor, input);
  if ('status' in loaded) return loaded;
  const { application } = loaded;

  const { transition } = input;
  if (transition === 'resubmit') return resubmitApplication(db, actor, application, { ...input, transition }, ctx, attachments, corrections);
  if (attachments.length > 0) return invalid(msg('problems.applications.documentsOnlyOnResubmit'));
  if (Object.keys(corrections).length > 0) return invalid(msg('problems.applications.fieldsOnlyOnResubmit'));
  switch (transition) {
    case 'claim':
    case 'assign':
      return claimApplication(db, actor, application, { ...input, transition }, ctx);
    case 'approve':
    case 'reject':
    case 'countersign':
    case 'return_for_review':
      return decideApplication(db, actor, application, { ...input, transition }, ctx);
    case 'submit':
    case 'release':
    case 'request_more_material':
    case 'withdraw':
      return applyTransition(db, actor, application, { transition, to: targetStatus(transition, { needsCountersign: false }), reason: input.reason, now: ctx.now ?? new Date() });
  }
}
