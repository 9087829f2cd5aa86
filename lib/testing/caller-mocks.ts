// For the suites that call server actions and route handlers directly. Only the edge is swapped: the
// cookie the browser sends (readSessionToken) is a session token for the chosen actor — encrypted by
// next-auth's own `encode`, backed by a REAL session row in the test database — and getDb returns that
// database. Everything between — decrypting the token, the session layer (lib/auth/session.ts),
// loadActor, the permission table and each operation's own checks — is the code that ships, so breaking
// a role check there fails these suites. Used from vi.mock factories:
//   vi.mock('@/lib/auth/session-cookie', (importOriginal) => import('@/lib/testing/caller-mocks').then((m) => m.sessionCookieMock(importOriginal)));
//   vi.mock('@/db/client', () => import('@/lib/testing/caller-mocks').then((m) => m.dbClientMock));
import { encode } from 'next-auth/jwt';
import { getAuthSecret } from '@/lib/auth/secret';
import { SESSION_POLICY } from '@/lib/auth/session-policy';
import { startStaffSession } from '@/lib/auth/staff-session';
import type { Actor, SessionIdentity } from '@/lib/auth/actor';
import type { Database } from '@/db/connect';
import { citizenSessions } from '@/db/schema';

export const callerState = { actor: null as Actor | null, db: null as unknown };

// One real session per database, actor and level, made the first time that actor calls.
const sessionsByDb = new WeakMap<object, Map<string, SessionIdentity>>();

const GATES_FOR_LEVEL: Record<number, string[]> = {
  1: ['registry_phone'],
  2: ['registry_phone', 'real_person_deferred', 'questionnaire'],
  3: ['registry_phone', 'real_person', 'questionnaire'],
};

async function sessionIdentityOf(actor: Actor, db: Database): Promise<SessionIdentity> {
  let sessions = sessionsByDb.get(db);
  if (!sessions) sessionsByDb.set(db, (sessions = new Map()));
  const key = actor.kind === 'citizen' ? `citizen:${actor.accountId}:${actor.assuranceLevel}` : `staff:${actor.staffId}`;
  const known = sessions.get(key);
  if (known) return known;
  const now = new Date();
  let identity: SessionIdentity;
  if (actor.kind === 'citizen') {
    const [row] = await db
      .insert(citizenSessions)
      .values({
        citizenAccountId: actor.accountId,
        assuranceLevel: actor.assuranceLevel,
        gatesPassed: GATES_FOR_LEVEL[actor.assuranceLevel] ?? ['registry_phone'],
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + SESSION_POLICY.citizen.absoluteMs),
      })
      .returning({ id: citizenSessions.id });
    identity = { kind: 'citizen', accountId: actor.accountId, sessionId: row!.id };
  } else {
    identity = { kind: 'staff', staffId: actor.staffId, sessionId: await startStaffSession(db, actor.staffId, now, 'passed') };
  }
  sessions.set(key, identity);
  return identity;
}

/** The session cookie module with only the cookie read replaced: it returns the token a signed-in browser would carry. */
export async function sessionCookieMock(importOriginal: () => Promise<unknown>) {
  const original = (await importOriginal()) as Record<string, unknown>;
  return {
    ...original,
    readSessionToken: async () => {
      const actor = callerState.actor;
      if (!actor) return undefined;
      return sessionTokenFor(await sessionIdentityOf(actor, callerState.db as Database));
    },
  };
}

/** A session token as next-auth writes it at sign-in (the test run's NEXTAUTH_SECRET). */
export async function sessionTokenFor(identity: SessionIdentity, maxAgeSeconds = 3600): Promise<string> {
  return encode({ token: { identity, sub: identity.kind === 'citizen' ? identity.accountId : identity.staffId }, secret: getAuthSecret(), maxAge: maxAgeSeconds });
}

export const dbClientMock = { getDb: async () => callerState.db, getReadDb: async () => callerState.db };

/** Signs these actors in ahead of time, for a suite that counts rows around a call (a session is not business data). */
export async function signInAhead(actors: readonly (Actor | null)[]): Promise<void> {
  for (const actor of actors) if (actor) await sessionIdentityOf(actor, callerState.db as Database);
}
