// For the suites that call server actions and route handlers directly: the caller and the database are
// swapped for chosen ones. Used from vi.mock factories, e.g.
//   vi.mock('@/lib/auth/session', () => import('@/lib/testing/caller-mocks').then((m) => m.sessionMock));
import type { Actor } from '@/lib/auth/actor';
import { forbidden, signedOut } from '@/lib/result';

export const callerState = { actor: null as Actor | null, db: null as unknown };

export const sessionMock = {
  getActor: async () => callerState.actor,
  getCitizenOrFailure: async () => (callerState.actor?.kind === 'citizen' ? callerState.actor : callerState.actor ? forbidden('请先登录 / Please sign in') : signedOut()),
  getStaffOrFailure: async (roles: readonly string[]) =>
    callerState.actor?.kind === 'staff' && roles.includes(callerState.actor.role) ? callerState.actor : forbidden(),
  isFailure: (value: unknown) => typeof value === 'object' && value !== null && 'status' in value,
  getActorForTwoFactorEnrolment: async () => (callerState.actor?.kind === 'staff' ? callerState.actor : null),
};

export const dbClientMock = { getDb: async () => callerState.db };
