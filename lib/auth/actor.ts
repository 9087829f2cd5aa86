import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '@/db/connect';
import { citizenAccounts, citizenSessions, eids, residents, staffUsers, type StaffRole } from '@/db/schema';

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
};

export type Actor = CitizenActor | StaffActor;

/** The identity a session token carries; the actor is re-read from the database on every request. */
export type SessionIdentity = { kind: 'citizen'; accountId: string; sessionId: string } | { kind: 'staff'; staffId: string };

export async function loadActor(db: Executor, identity: SessionIdentity, now = new Date()): Promise<Actor | null> {
  if (identity.kind === 'citizen') {
    const [row] = await db
      .select({ account: citizenAccounts, name: residents.name, residentStatus: residents.status, session: citizenSessions, eid: eids })
      .from(citizenSessions)
      .innerJoin(citizenAccounts, eq(citizenAccounts.id, citizenSessions.citizenAccountId))
      .innerJoin(residents, eq(residents.id, citizenAccounts.residentId))
      .leftJoin(eids, eq(eids.citizenAccountId, citizenAccounts.id))
      .where(
        and(
          eq(citizenSessions.id, identity.sessionId),
          eq(citizenSessions.citizenAccountId, identity.accountId),
          isNull(citizenSessions.endedAt),
          gt(citizenSessions.expiresAt, now),
        ),
      );
    // An ended or expired session, or a registry record no longer active, signs the citizen out.
    if (!row || row.residentStatus !== 'active') return null;
    return {
      kind: 'citizen',
      role: 'citizen',
      accountId: row.account.id,
      residentId: row.account.residentId,
      name: row.name,
      assuranceLevel: row.session.assuranceLevel,
      sessionId: row.session.id,
      eid: row.eid ? { status: row.eid.status, assuranceLevel: row.eid.assuranceLevel } : null,
    };
  }
  const [staff] = await db
    .select()
    .from(staffUsers)
    .where(and(eq(staffUsers.id, identity.staffId), eq(staffUsers.isActive, true)));
  if (!staff) return null;
  return staffActorFrom(staff);
}

export function staffActorFrom(staff: typeof staffUsers.$inferSelect): StaffActor {
  return {
    kind: 'staff',
    role: staff.role,
    staffId: staff.id,
    staffNumber: staff.staffNumber,
    displayName: staff.displayName,
    office: staff.office,
    districtCodes: staff.districtCodes,
  };
}

export function isBureauWide(actor: StaffActor): boolean {
  return actor.role === 'supervisor' || actor.role === 'admin';
}

/** Staff who can see a case in this district. */
export function canStaffSeeDistrict(actor: StaffActor, districtCode: string): boolean {
  return isBureauWide(actor) || actor.districtCodes.includes(districtCode);
}

/** How an actor is recorded in timelines and the audit trail. */
export function actorRef(actor: Actor): { actorType: 'citizen' | 'staff'; actorId: string } {
  return actor.kind === 'staff' ? { actorType: 'staff', actorId: actor.staffId } : { actorType: 'citizen', actorId: actor.accountId };
}
