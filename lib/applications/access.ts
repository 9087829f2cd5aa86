import { and, eq, inArray, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/connect';
import { applications } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';

/**
 * The rows an actor may see, as a WHERE clause: a citizen their own, a clerk their districts',
 * a supervisor the whole bureau. Everything else is "not found", never "forbidden", so that
 * probing does not reveal which cases exist.
 */
export function applicationScope(actor: Actor): SQL {
  if (actor.kind === 'citizen') return citizenApplicationScope(actor.accountId);
  if (actor.role === 'supervisor') return sql`true`;
  if (actor.role === 'clerk' && actor.districtCodes.length > 0) return inArray(applications.districtCode, actor.districtCodes);
  return sql`false`;
}

/** A citizen's part of applicationScope, also for prepared queries (db/prepared.ts) that take the account as a placeholder. */
export function citizenApplicationScope(accountId: string | Placeholder): SQL {
  return eq(applications.citizenAccountId, accountId);
}

export async function findApplicationForActor(db: Executor, actor: Actor, applicationId: string) {
  if (!isUuid(applicationId)) return undefined;
  const [row] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.id, applicationId), applicationScope(actor)));
  return row;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
