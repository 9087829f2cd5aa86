import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor, SessionIdentity } from './actor';

// getActor is memoised per server render with React's cache(). Server actions and route handlers run
// outside a render: there it must resolve the caller afresh on every call, so one request's caller can
// never be handed to the next.
const state = vi.hoisted(() => ({ session: null as { identity: SessionIdentity } | null, loads: 0, options: [] as unknown[] }));
vi.mock('next-auth', () => ({
  getServerSession: async (options: unknown) => {
    state.options.push(options);
    return state.session;
  },
}));
vi.mock('./options', () => ({ authOptions: { for: 'the /api/auth routes' }, serverSessionOptions: { for: 'the server' } }));
vi.mock('@/db/client', () => ({ getDb: async () => ({}) }));
vi.mock('./actor', () => ({
  loadActor: async (_db: unknown, identity: SessionIdentity): Promise<Actor> => {
    state.loads += 1;
    return identity.kind === 'citizen'
      ? { kind: 'citizen', role: 'citizen', accountId: identity.accountId, residentId: 'r', name: 'n', assuranceLevel: 1, sessionId: identity.sessionId, eid: null }
      : { kind: 'staff', role: 'clerk', staffId: identity.staffId, staffNumber: '1', displayName: 'd', office: 'o', districtCodes: [], sessionId: identity.sessionId };
  },
}));

const { getActor, getCitizenOrFailure } = await import('./session');

describe('getActor outside a render (server actions, route handlers)', () => {
  beforeEach(() => {
    state.loads = 0;
  });

  it('resolves each call from its own session: a caller is never reused for the next request', async () => {
    state.session = { identity: { kind: 'citizen', accountId: 'a1', sessionId: 's1' } };
    expect(await getActor()).toMatchObject({ accountId: 'a1' });
    state.session = { identity: { kind: 'citizen', accountId: 'a2', sessionId: 's2' } };
    expect(await getActor()).toMatchObject({ accountId: 'a2' });
    state.session = null;
    expect(await getActor()).toBeNull();
    expect(await getCitizenOrFailure()).toMatchObject({ status: 'forbidden' });
    expect(state.loads).toBe(2);
    // The server reads the session with its own options, whose callback does not load the actor again.
    expect(state.options).toEqual(Array(4).fill({ for: 'the server' }));
  });
});
