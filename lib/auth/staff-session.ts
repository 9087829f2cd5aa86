import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '@/db/connect';
import { staffSessions } from '@/db/schema';
import { SESSION_POLICY } from './session-policy';

/**
 * A new server-side session. 'passed': the second factor was checked (or is not required of this
 * person); 'pending': the password only, good for enrolling in two-factor sign-in and nothing else.
 */
export async function startStaffSession(db: Executor, staffUserId: string, now: Date, secondFactor: 'passed' | 'pending'): Promise<string> {
  const [session] = await db
    .insert(staffSessions)
    .values({
      staffUserId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_POLICY.staff.absoluteMs),
      secondFactorAt: secondFactor === 'passed' ? now : null,
    })
    .returning({ id: staffSessions.id });
  return session!.id;
}

export async function endStaffSession(db: Executor, sessionId: string, now = new Date()): Promise<void> {
  await db.update(staffSessions).set({ endedAt: now }).where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.endedAt)));
}

/** "Sign out everywhere" for a staff member; also what a role or password change does (by trigger). */
export async function endAllStaffSessions(db: Executor, staffUserId: string, now = new Date()): Promise<number> {
  const ended = await db
    .update(staffSessions)
    .set({ endedAt: now })
    .where(and(eq(staffSessions.staffUserId, staffUserId), isNull(staffSessions.endedAt)))
    .returning({ id: staffSessions.id });
  return ended.length;
}
