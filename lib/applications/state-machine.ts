// The life of an application, written down once. The server enforces it (transitionApplication in
// lib/applications/transition-application.ts and the operations it dispatches to) and the UI reads it
// to decide which buttons to show.
import type { ApplicationStatus, StaffRole } from '@/db/schema';

export type ActorRole = 'citizen' | StaffRole;

export type TransitionName =
  | 'submit'
  | 'claim'
  | 'assign'
  | 'release'
  | 'request_more_material'
  | 'resubmit'
  | 'approve'
  | 'countersign'
  | 'return_for_review'
  | 'reject'
  | 'withdraw';

/**
 * What a transition does to the claim (who holds the case):
 * `take` the actor holds it, `give` the chosen clerk holds it, `release` nobody holds it,
 * `renew` the holder keeps it with a fresh expiry, `keep` unchanged.
 */
export type ClaimEffect = 'take' | 'give' | 'release' | 'renew' | 'keep';
/**
 * What a transition does to the statutory deadline: `pause` stores the working days left while the
 * citizen owes material, `resume` sets a new deadline from them, `none` leaves it alone.
 */
export type DeadlineEffect = 'pause' | 'resume' | 'none';

type TransitionRule = {
  from: readonly ApplicationStatus[];
  /** Where it goes; `approve` depends on the service's approval chain. */
  to: ApplicationStatus | ((ctx: { needsCountersign: boolean }) => ApplicationStatus);
  roles: readonly ActorRole[];
  /** Staff transitions other than claim require the actor to hold the claim. */
  requiresClaim: boolean;
  requiresReason: boolean;
  claim: ClaimEffect;
  deadline: DeadlineEffect;
};

export const TRANSITIONS: Record<TransitionName, TransitionRule> = {
  submit: { from: ['draft'], to: 'submitted', roles: ['citizen'], requiresClaim: false, requiresReason: false, claim: 'release', deadline: 'none' },
  // From in_review only to take over a claim whose lock has expired (or to renew one's own):
  // transitionApplication checks the expiry, transitionsForCase shows the button accordingly.
  claim: { from: ['submitted', 'in_review'], to: 'in_review', roles: ['clerk', 'supervisor'], requiresClaim: false, requiresReason: false, claim: 'take', deadline: 'none' },
  // A supervisor hands a case to a clerk of its district (or takes it back from one).
  assign: { from: ['submitted', 'in_review'], to: 'in_review', roles: ['supervisor'], requiresClaim: false, requiresReason: false, claim: 'give', deadline: 'none' },
  release: { from: ['in_review'], to: 'submitted', roles: ['clerk', 'supervisor'], requiresClaim: true, requiresReason: false, claim: 'release', deadline: 'none' },
  request_more_material: {
    from: ['in_review'],
    to: 'needs_more_material',
    roles: ['clerk', 'supervisor'],
    requiresClaim: true,
    requiresReason: true,
    claim: 'release',
    deadline: 'pause',
  },
  resubmit: { from: ['needs_more_material'], to: 'submitted', roles: ['citizen'], requiresClaim: false, requiresReason: false, claim: 'release', deadline: 'resume' },
  approve: {
    from: ['in_review'],
    to: ({ needsCountersign }) => (needsCountersign ? 'awaiting_countersign' : 'approved'),
    roles: ['clerk', 'supervisor'],
    requiresClaim: true,
    requiresReason: false,
    claim: 'keep',
    deadline: 'none',
  },
  countersign: { from: ['awaiting_countersign'], to: 'approved', roles: ['supervisor'], requiresClaim: false, requiresReason: false, claim: 'keep', deadline: 'none' },
  // The supervisor declines to countersign: the case goes back to the clerk who holds it, with the reason.
  return_for_review: {
    from: ['awaiting_countersign'],
    to: 'in_review',
    roles: ['supervisor'],
    requiresClaim: false,
    requiresReason: true,
    claim: 'renew',
    deadline: 'none',
  },
  reject: {
    from: ['in_review'],
    to: 'rejected',
    roles: ['clerk', 'supervisor'],
    requiresClaim: true,
    requiresReason: true,
    claim: 'keep',
    deadline: 'none',
  },
  withdraw: {
    from: ['draft', 'submitted', 'in_review', 'needs_more_material', 'awaiting_countersign'],
    to: 'withdrawn',
    roles: ['citizen'],
    requiresClaim: false,
    requiresReason: false,
    claim: 'release',
    deadline: 'none',
  },
};

export const FINAL_STATUSES: readonly ApplicationStatus[] = ['approved', 'rejected', 'withdrawn'];
/** Cases waiting on the bureau (not on the citizen, not decided): the queue's "open" and the deadline clock. */
export const OPEN_STATUSES: readonly ApplicationStatus[] = ['submitted', 'in_review', 'awaiting_countersign'];

/**
 * Statuses in which nobody holds the case: entering each of them clears the claim (submit, release,
 * resubmit, request more material, withdraw). In every other status the claim names who holds or decided it.
 */
export const UNHELD_STATUSES: readonly ApplicationStatus[] = ['draft', 'submitted', 'needs_more_material', 'withdrawn'];

export function isOpenStatus(status: ApplicationStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function needsReason(name: TransitionName): boolean {
  return TRANSITIONS[name].requiresReason;
}

export function canTransition(name: TransitionName, from: ApplicationStatus, role: ActorRole): boolean {
  const rule = TRANSITIONS[name];
  return rule.from.includes(from) && rule.roles.includes(role);
}

export function targetStatus(name: TransitionName, ctx: { needsCountersign: boolean }): ApplicationStatus {
  const to = TRANSITIONS[name].to;
  return typeof to === 'function' ? to(ctx) : to;
}

/** The transitions a role could make from a status: the UI shows these as buttons. */
export function availableTransitions(from: ApplicationStatus, role: ActorRole): TransitionName[] {
  return (Object.keys(TRANSITIONS) as TransitionName[]).filter((name) => canTransition(name, from, role));
}

// The words for statuses and steps are in the dictionary (lib/i18n/messages/problems/applications.ts):
// t(`problems.applications.status.${status}`), t(`problems.applications.transition.${name}`).

/** How long a claim holds: past this, another clerk may take the case over. */
export const CLAIM_TTL_MS = 8 * 60 * 60 * 1000;

export function isClaimLive(application: { claimedByStaffId: string | null; claimExpiresAt?: Date | null }, now: Date): boolean {
  if (!application.claimedByStaffId) return false;
  // Claims made before claims expired (no expiry recorded) hold until released.
  return !application.claimExpiresAt || application.claimExpiresAt.getTime() > now.getTime();
}

/**
 * What this person may do with this case now: the state machine plus the claim rule, exactly as
 * transitionApplication enforces them. The case page shows these as buttons.
 */
export function transitionsForCase(
  application: { status: ApplicationStatus; claimedByStaffId: string | null; claimExpiresAt?: Date | null; approvedByStaffId?: string | null },
  actor: { role: ActorRole; staffId?: string },
  now: Date = new Date(),
): TransitionName[] {
  const holdsClaim = actor.staffId !== undefined && application.claimedByStaffId === actor.staffId;
  return availableTransitions(application.status, actor.role).filter((name) => {
    if (TRANSITIONS[name].requiresClaim) return holdsClaim;
    if (name === 'countersign') return mayCountersign(application.approvedByStaffId, actor);
    // In review, "claim" means taking over an expired claim of someone else.
    if (name === 'claim' && application.status === 'in_review') return !holdsClaim && !isClaimLive(application, now);
    // Assigning is done from the queue, with a clerk chosen there.
    if (name === 'assign') return false;
    return true;
  });
}

/** Who approved the case last (the approval a countersign would confirm), from its timeline. */
export function approverOf(events: readonly { transition: string | null; actorType?: string | null; actorId: string | null }[]): string | null {
  for (let i = events.length - 1; i >= 0; i -= 1) if (events[i]!.transition === 'approve') return events[i]!.actorId;
  return null;
}

/** Four eyes: whoever approved a case may not also countersign it (the role is checked by the state machine). */
export function mayCountersign(approvedByStaffId: string | null | undefined, actor: { staffId?: string }): boolean {
  return actor.staffId !== undefined && approvedByStaffId !== actor.staffId;
}

export type EscalationRefusal = 'not_holder' | 'not_in_review' | 'already_escalated';

/**
 * Why this person may not escalate this case now, or null when they may: only the clerk holding a case
 * in review, once. The case page shows the button exactly when this is null; escalateCase refuses otherwise.
 */
export function escalationRefusal(
  application: { status: ApplicationStatus; claimedByStaffId: string | null; escalatedAt: Date | null },
  actor: { staffId?: string },
): EscalationRefusal | null {
  if (actor.staffId === undefined || application.claimedByStaffId !== actor.staffId) return 'not_holder';
  if (application.status !== 'in_review') return 'not_in_review';
  if (application.escalatedAt) return 'already_escalated';
  return null;
}

export const canEscalateCase = (...args: Parameters<typeof escalationRefusal>) => escalationRefusal(...args) === null;

/**
 * Which queue rows may be ticked for a bulk claim or assign: a new case anyone of the queue may claim,
 * or a case a supervisor may hand to a clerk. The queue's checkboxes read this; bulkTransition then
 * checks each case again through transitionApplication.
 */
export function isBulkSelectable(row: { status: ApplicationStatus }, actor: { role: ActorRole }): boolean {
  return (row.status === 'submitted' && canTransition('claim', row.status, actor.role)) || canTransition('assign', row.status, actor.role);
}
