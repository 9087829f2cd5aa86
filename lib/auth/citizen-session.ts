import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '@/db/connect';
import { citizenSessions } from '@/db/schema';

export async function endCitizenSession(db: Executor, sessionId: string, now = new Date()): Promise<void> {
  await db
    .update(citizenSessions)
    .set({ endedAt: now })
    .where(and(eq(citizenSessions.id, sessionId), isNull(citizenSessions.endedAt)));
}

/** Ends every open session of an account: a suspended or revoked e-ID signs the citizen out everywhere. */
export async function endAllCitizenSessions(db: Executor, citizenAccountId: string, now = new Date()): Promise<number> {
  const ended = await db
    .update(citizenSessions)
    .set({ endedAt: now })
    .where(and(eq(citizenSessions.citizenAccountId, citizenAccountId), isNull(citizenSessions.endedAt)))
    .returning({ id: citizenSessions.id });
  return ended.length;
}
