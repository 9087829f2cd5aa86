import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { msg } from '@/lib/i18n/problem';
import { forbidden, signedOut, type Failure } from '@/lib/result';
import { safeLocalPath } from '@/lib/safe-redirect';
import { signInAgainPath } from './signed-out';
import { loadActor, type Actor, type CitizenActor, type StaffActor } from './actor';
import { getAuthSecret } from './secret';
import { decodeSessionIdentity, readSessionToken } from './session-cookie';
import type { StaffRole } from '@/db/schema';

/**
 * The session's actor, second-factor-pending staff sessions included, resolved ONCE per request: React's
 * cache() memoises it for one server render (header, layout and page share it), so the cookie is
 * decrypted (lib/auth/session-cookie.ts, with a key derived once) and the one SQL statement (session +
 * account + e-ID, lib/auth/actor.ts) runs once a page.
 * Outside a render — server actions, route handlers — React keeps no request cache and cache() calls
 * straight through, so every action and route handler resolves its own caller: nothing is shared
 * between requests (lib/auth/session.test.ts).
 */
const resolveSessionActor = cache(async (): Promise<Actor | null> => {
  const identity = await decodeSessionIdentity(await readSessionToken(), getAuthSecret());
  if (!identity) return null;
  return loadActor(await getDb(), identity, new Date(), { allowSecondFactorPending: true });
});

/**
 * The caller, re-read from the database; null when signed out, the account is no longer active, or a
 * staff session has not passed the second factor (every page, action and route handler goes through here).
 */
export async function getActor(): Promise<Actor | null> {
  const actor = await resolveSessionActor();
  if (!actor || (actor.kind === 'staff' && actor.isSecondFactorPending)) return null;
  return actor;
}

/** Also a staff session that has only passed the password: for the two-factor enrolment page and its actions alone. */
export async function getActorForTwoFactorEnrolment(): Promise<StaffActor | null> {
  const actor = await resolveSessionActor();
  return actor?.kind === 'staff' ? actor : null;
}

// For server actions and route handlers: a discriminated failure instead of a redirect. No session at
// all is `signedOut()`, which the page turns into "sign in and come back here" rather than a form error.
export async function getCitizenOrFailure(): Promise<CitizenActor | Failure> {
  const actor = await getActor();
  if (!actor) return signedOut();
  if (actor.kind !== 'citizen') return forbidden(msg('problems.common.signIn'));
  return actor;
}

export async function getStaffOrFailure(roles: readonly StaffRole[]): Promise<StaffActor | Failure> {
  const actor = await getActor();
  if (!actor || actor.kind !== 'staff' || !roles.includes(actor.role)) return forbidden();
  return actor;
}

export function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && 'status' in value;
}

// For pages: send the signed-out to sign in (and back to `returnTo` afterwards); hide pages from the wrong role.
export async function requireCitizenPage(returnTo?: string): Promise<CitizenActor> {
  const actor = await getActor();
  if (!actor) redirect(returnTo ? signInAgainPath(safeLocalPath(returnTo, '/me')) : '/sign-in');
  if (actor.kind !== 'citizen') notFound();
  return actor;
}

export async function requireStaffPage(roles: readonly StaffRole[]): Promise<StaffActor> {
  const actor = await getActor();
  if (!actor) {
    // Signed in with the password only: enrolling in two-factor sign-in is all there is to do.
    if (await getActorForTwoFactorEnrolment()) redirect('/staff/two-factor');
    redirect('/staff/sign-in');
  }
  if (actor.kind !== 'staff' || !roles.includes(actor.role)) notFound();
  return actor;
}
