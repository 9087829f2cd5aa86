import 'server-only';
import { getServerSession } from 'next-auth';
import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { forbidden, type Failure } from '@/lib/result';
import { loadActor, type Actor, type CitizenActor, type StaffActor } from './actor';
import { authOptions } from './options';
import type { StaffRole } from '@/db/schema';

/** The caller, re-read from the database; null when signed out or the account is no longer active. */
export async function getActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions);
  if (!session?.identity) return null;
  return loadActor(await getDb(), session.identity);
}

// For server actions and route handlers: a discriminated failure instead of a redirect.
export async function getCitizenOrFailure(): Promise<CitizenActor | Failure> {
  const actor = await getActor();
  if (!actor || actor.kind !== 'citizen') return forbidden('请先登录 / Please sign in');
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

// For pages: send the signed-out to sign in; hide pages from the wrong role.
export async function requireCitizenPage(): Promise<CitizenActor> {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  if (actor.kind !== 'citizen') notFound();
  return actor;
}

export async function requireStaffPage(roles: readonly StaffRole[]): Promise<StaffActor> {
  const actor = await getActor();
  if (!actor) redirect('/staff/sign-in');
  if (actor.kind !== 'staff' || !roles.includes(actor.role)) notFound();
  return actor;
}
