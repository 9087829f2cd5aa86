// How long a server-side session lives. Enforced where the actor is loaded (lib/auth/actor.ts), so a
// token that outlives its session is refused on the next request whatever its own expiry says.
export const SESSION_POLICY = {
  staff: { idleMs: 15 * 60_000, absoluteMs: 12 * 60 * 60_000 },
  citizen: { idleMs: 30 * 60_000, absoluteMs: 12 * 60 * 60_000 },
} as const;

/** last_seen_at is written at most this often, so a busy page does not write on every request. */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

export type SessionTimes = { createdAt: Date; expiresAt: Date; lastSeenAt: Date | null; endedAt: Date | null };

export type SessionState = 'active' | 'ended' | 'expired' | 'idle';

export function sessionStateAt(session: SessionTimes, kind: keyof typeof SESSION_POLICY, now: Date): SessionState {
  if (session.endedAt) return 'ended';
  const absoluteEnd = Math.min(session.expiresAt.getTime(), session.createdAt.getTime() + SESSION_POLICY[kind].absoluteMs);
  if (now.getTime() >= absoluteEnd) return 'expired';
  const lastSeen = session.lastSeenAt ?? session.createdAt;
  if (now.getTime() - lastSeen.getTime() >= SESSION_POLICY[kind].idleMs) return 'idle';
  return 'active';
}

export function isTouchDue(session: Pick<SessionTimes, 'createdAt' | 'lastSeenAt'>, now: Date): boolean {
  return now.getTime() - (session.lastSeenAt ?? session.createdAt).getTime() >= SESSION_TOUCH_INTERVAL_MS;
}
