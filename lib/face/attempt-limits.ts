// Limits of the real-person check (issue: 5 consecutive failures → a 30-second wait that doubles
// each time; 10 → the gate locks for 24 hours). Computed from the stored decisions, so every app
// instance sees the same state and nothing lives in one process's memory.

export const FAILURES_BEFORE_BACKOFF = 5;
export const FAILURES_BEFORE_LOCK = 10;
export const FIRST_BACKOFF_MS = 30_000;
export const LOCK_MS = 24 * 60 * 60 * 1000;

export type FaceCheckDecision = { decidedAt: Date; passed: boolean };

export type FaceCheckAllowance =
  | { allowed: true; consecutiveFailures: number }
  | { allowed: false; consecutiveFailures: number; retryAt: Date; locked: boolean };

/**
 * Whether a new challenge may be issued now. Failures count since the last pass; a lock that has
 * run out starts the count afresh. After the 5th failure the wait is 30 s, after the 6th 60 s,
 * then 120 s, 240 s, 480 s; the 10th locks the gate for 24 hours.
 */
export function faceCheckAllowance(decisions: readonly FaceCheckDecision[], now: Date): FaceCheckAllowance {
  const ordered = [...decisions].sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime());
  let failures = 0;
  let lastFailureAt: Date | undefined;
  for (const decision of ordered) {
    if (lastFailureAt && failures >= FAILURES_BEFORE_LOCK && decision.decidedAt.getTime() >= lastFailureAt.getTime() + LOCK_MS) {
      failures = 0; // the lock ran out before this decision
    }
    if (decision.passed) {
      failures = 0;
      lastFailureAt = undefined;
    } else {
      failures += 1;
      lastFailureAt = decision.decidedAt;
    }
  }
  if (!lastFailureAt || failures < FAILURES_BEFORE_BACKOFF) return { allowed: true, consecutiveFailures: failures };
  if (failures >= FAILURES_BEFORE_LOCK) {
    const retryAt = new Date(lastFailureAt.getTime() + LOCK_MS);
    return now < retryAt ? { allowed: false, consecutiveFailures: failures, retryAt, locked: true } : { allowed: true, consecutiveFailures: 0 };
  }
  const retryAt = new Date(lastFailureAt.getTime() + FIRST_BACKOFF_MS * 2 ** (failures - FAILURES_BEFORE_BACKOFF));
  return now < retryAt ? { allowed: false, consecutiveFailures: failures, retryAt, locked: false } : { allowed: true, consecutiveFailures: failures };
}
