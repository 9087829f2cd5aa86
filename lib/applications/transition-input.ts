import { z } from 'zod';
import { TRANSITIONS, type TransitionName } from './state-machine';

/** What a caller posts to move a case: which case, which transition, the version it saw. */
export const transitionInputSchema = z.object({
  applicationId: z.uuid(),
  transition: z.enum(Object.keys(TRANSITIONS) as [TransitionName, ...TransitionName[]]),
  expectedVersion: z.coerce.number().int().min(1),
  reason: z.string().trim().max(1000).optional().default(''),
  /** Only for `assign`: the clerk who gets the case. */
  assigneeStaffId: z.uuid().optional(),
});

export type TransitionInput = z.infer<typeof transitionInputSchema>;

export type TransitionContext = { now?: Date; publicBaseUrl: string };

export type TransitionOutcome = { status: string; version: number; certificateId?: string };
