import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/connect';
import { definePrepared } from '@/db/prepared';
import { citizenAccounts, citizenSessions, eids, residents, staffSessions, staffUsers, type StaffRole } from '@/db/schema';
import { lapseRealPersonCheckIfDue } from './real-person-window';
import { isTouchDue, sessionStateAt } from './session-policy';

// Who is acting. Every domain operation takes one and checks it where the data is read or changed.
export type CitizenActor = {
  kind: 'citizen';
  role: 'citizen';
  accountId: string;
  residentId: string;
  name: string;
  /** What this session proved (L1 phone code, L2 + questionnaire, L3 + real-person check). */
  assuranceLevel: number;
  /** The server-side session; null only for actors made outside a request (seed, tests). */
  sessionId: string | null;
  eid: { status: 'active' | 'suspended' | 'revoked'; assuranceLevel: number } | null;
};

export type StaffActor = {
  kind: 'staff';
  role: StaffRole;
  staffId: string;
  staffNumber: string;
  displayName: string;
  office: string;
  /** Districts this person may act in; a supervisor or admin sees the whole bureau. */
  districtCodes: string[];
  /** The server-side session; null only for actors made outside a request (seed, tests). */
  sessionId: string | null;
  /** Signed in with the password only, to enrol in two-factor sign-in: set only when the caller asked
   *  for such sessions (loadActor's allowSecondFactorPending), which only the enrolment page does. */
  isSecondFactorPending?: true;
};

export type Actor = CitizenActor | StaffActor;

/**
 * What a session token names (lib/auth/session-cookie.ts checks a token's payload against it); the actor
 * behind it is re-read from the database on every request.
 */
export const sessionIdentitySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('citizen'), accountId: z.guid(), sessionId: z.guid() }),
  z.object({ kind: z.literal('staff'), staffId: z.guid(), sessionId: z.guid() }),
]);
export type SessionIdentity = z.infer<typeof sessionIdentitySchema>;

// The one statement a request's actor costs, built once (db/prepared.ts): every page and action runs it.
// Only the columns the actor and the session checks need (no encrypted PII is read or decrypted here).
const citizenActorRow = definePrepared((db) =>
  db
    .select({
      accountId: citizenAccounts.id,
      residentId: citizenAccounts.residentId,
      name: residents.name,
      residentStatus: residents.status,
      session: {
        id: citizenSessions.id,
        citizenAccountId: citizenSessions.citizenAccountId,
        assuranceLevel: citizenSessions.assuranceLevel,
        gatesPassed: citizenSessions.gatesPassed,
        createdAt: citizenSessions.createdAt,
        expiresAt: citizenSessions.expiresAt,
        lastSeenAt: citizenSessions.lastSeenAt,
        endedAt: citizenSessions.endedAt,
      },
      eidStatus: eids.status,
      eidAssuranceLevel: eids.assuranceLevel,
    })
    .from(citizenSessions)
    .innerJoin(citizenAccounts, eq(citizenAccounts.id, citizenSessions.citizenAccountId))
    .innerJoin(residents, eq(residents.id, citizenAccounts.residentId))
    .leftJoin(eids, eq(eids.citizenAccountId, citizenAccounts.id))
    .where(and(eq(citizenSessions.id, sql.placeholder('sessionId')), eq(citizenSessions.citizenAccountId, sql.placeholder('accountId')), isNull(citizenSessions.endedAt)))
    .prepare('citizen_actor'),
);

const staffActorRow = definePrepared((db) =>
  db
    .select({
      staff: {
        id: staffUsers.id,
        role: staffUsers.role,
        staffNumber: staffUsers.staffNumber,
        displayName: staffUsers.displayName,
        office: staffUsers.office,
        districtCodes: staffUsers.districtCodes,
      },
      session: {
        id: staffSessions.id,
        createdAt: staffSessions.createdAt,
        expiresAt: staffSessions.expiresAt,
        lastSeenAt: staffSessions.lastSeenAt,
        endedAt: staffSessions.endedAt,
        secondFactorAt: staffSessions.secondFactorAt,
      },
    })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.staffUserId))
    .where(and(eq(staffSessions.id, sql.placeholder('sessionId')), eq(staffSessions.staffUserId, sql.placeholder('staffId')), isNull(staffSessions.endedAt), eq(staffUsers.isActive, true)))
    .prepare('staff_actor'),
);

/**
 * The actor behind a session token, or null when the session is ended, idle past its limit, past
 * its absolute lifetime, or its account is no longer active — or, for staff, when the session has not
 * passed the second factor (unless allowSecondFactorPending: the enrolment page and its actions only).
 * Touches last_seen_at at most once a minute.
 */
export async function loadActor(
  db: Executor,
  identity: SessionIdentity,
  now = new Date(),
  options: { allowSecondFactorPending?: boolean; realPersonWindowMs?: number } = {},
): Promise<Actor | null> {
  if (identity.kind === 'citizen') {
    const [row] = await citizenActorRow(db).execute({ sessionId: identity.sessionId, accountId: identity.accountId });
    // An ended, idle or expired session, or a registry record no longer active, signs the citizen out.
    if (!row || row.residentStatus !== 'active' || sessionStateAt(row.session, 'citizen', now) !== 'active') return null;
    // L3 holds for a bounded window of activity (before this request's touch counts as activity).
    const session = await lapseRealPersonCheckIfDue(db, row.session, now, options.realPersonWindowMs);
    if (isTouchDue(row.session, now)) {
      // The only second statement, at most once a minute per session.
      await db.update(citizenSessions).set({ lastSeenAt: now }).where(eq(citizenSessions.id, row.session.id));
    }
    return {
      kind: 'citizen',
      role: 'citizen',
      accountId: row.accountId,
      residentId: row.residentId,
      name: row.name,
      assuranceLevel: session.assuranceLevel,
      sessionId: row.session.id,
      eid: row.eidStatus !== null && row.eidAssuranceLevel !== null ? { status: row.eidStatus, assuranceLevel: row.eidAssuranceLevel } : null,
    };
  }
  // A token from before staff sessions existed names none: it is refused (sign in again).
  if (typeof identity.sessionId !== 'string') return null;
  const [row] = await staffActorRow(db).execute({ sessionId: identity.sessionId, staffId: identity.staffId });
  if (!row || sessionStateAt(row.session, 'staff', now) !== 'active') return null;
  const isSecondFactorPending = row.session.secondFactorAt === null;
  if (isSecondFactorPending && !options.allowSecondFactorPending) return null;
  if (isTouchDue(row.session, now)) {
    await db.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.id, row.session.id));
  }
  const actor = staffActorFrom(row.staff, row.session.id);
  return isSecondFactorPending ? { ...actor, isSecondFactorPending: true } : actor;
}

export function staffActorFrom(
  staff: Pick<typeof staffUsers.$inferSelect, 'id' | 'role' | 'staffNumber' | 'displayName' | 'office' | 'districtCodes'>,
  sessionId: string | null = null): StaffActor {
  return {
    kind: 'staff',
    role: staff.role,
    staffId: staff.id,
    staffNumber: staff.staffNumber,
    displayName: staff.displayName,
    office: staff.office,
    districtCodes: staff.districtCodes,
    sessionId,
  };
}

/** How an actor is recorded in timelines and the audit trail. */
export function actorRef(actor: Actor): { actorType: 'citizen' | 'staff'; actorId: string } {
  return actor.kind === 'staff' ? { actorType: 'staff', actorId: actor.staffId } : { actorType: 'citizen', actorId: actor.accountId };
}
