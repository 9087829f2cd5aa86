import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/connect';
import { citizenSessions } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import { getEnv } from '@/lib/env';
import { levelFromGates } from '@/lib/identity/enrolment';

// The L3 window (docs/architecture.md › The e-ID): a passed real-person check keeps the
// session at L3 until the session ends or the citizen has been inactive for the window
// (REAL_PERSON_WINDOW_MINUTES, default 30). Then the check is struck from the session — once, in the
// database, so coming back does not bring L3 back — and an L3 service asks for a fresh check. The
// e-ID itself keeps its level (its proofing); only this session's proof has lapsed.

export const REAL_PERSON_GATE = 'real_person';

type WindowedSession = { gatesPassed: string[]; assuranceLevel: number; createdAt: Date; lastSeenAt: Date | null };

export function realPersonWindowMs(): number {
  return getEnv().REAL_PERSON_WINDOW_MINUTES * 60_000;
}

/** True when the session's real-person check has lapsed: passed, but no request for the whole window. */
export function hasRealPersonWindowLapsed(session: WindowedSession, now: Date, windowMs: number): boolean {
  if (!session.gatesPassed.includes(REAL_PERSON_GATE)) return false;
  const lastActivity = session.lastSeenAt ?? session.createdAt;
  return now.getTime() - lastActivity.getTime() >= windowMs;
}

/** The session without its lapsed check: the gate struck, the level what the remaining gates prove. */
export function withoutRealPersonCheck<T extends WindowedSession>(session: T): T {
  const gatesPassed = session.gatesPassed.filter((g) => g !== REAL_PERSON_GATE);
  return { ...session, gatesPassed, assuranceLevel: levelFromGates(gatesPassed) };
}

/**
 * Called where the actor is loaded (lib/auth/actor.ts), before the activity touch: strikes a lapsed
 * check from the session (with its audit entry) and returns the session as it now stands.
 */
export async function lapseRealPersonCheckIfDue<T extends WindowedSession & { id: string; citizenAccountId: string }>(
  db: Executor,
  session: T,
  now: Date,
  windowMs: number = realPersonWindowMs(),
): Promise<T> {
  if (!hasRealPersonWindowLapsed(session, now, windowMs)) return session;
  const lapsed = withoutRealPersonCheck(session);
  await db.transaction(async (tx) => {
    await tx.update(citizenSessions).set({ gatesPassed: lapsed.gatesPassed, assuranceLevel: lapsed.assuranceLevel }).where(eq(citizenSessions.id, session.id));
    await writeAudit(tx, {
      action: 'eid.real_person_lapsed',
      actorType: 'citizen',
      actorId: session.citizenAccountId,
      subjectType: 'citizen',
      subjectId: session.citizenAccountId,
      details: { from: session.assuranceLevel, to: lapsed.assuranceLevel, windowMinutes: Math.round(windowMs / 60_000) },
    });
  });
  return lapsed;
}
