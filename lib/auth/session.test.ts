import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor, SessionIdentity } from './actor';

// getActor is memoised per server render with React's cache(). Server actions and route handlers run
// outside a render: there it must resolve the caller afresh on every call, so one request's caller can
// never be handed to the next.
const state = vi.hoisted(() => ({ identity: null as SessionIdentity | null, loads: 0, reads: 0 }));
// The browser's cookie: a token for state.identity as next-auth encrypts it at sign-in; decrypting it is the real code.
vi.mock('./session-cookie', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./session-cookie')>()),
  readSessionToken: async () => {
    state.reads += 1;
    return state.identity ? (await import('@/lib/testing/caller-mocks')).sessionTokenFor(state.identity) : undefined;
  },
}));
vi.mock('@/db/client', () => ({ getDb: async () => ({}) }));
vi.mock('./actor', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./actor')>()),
  loadActor: async (_db: unknown, identity: SessionIdentity): Promise<Actor> => {
    state.loads += 1;
    return identity.kind === 'citizen'
      ? { kind: 'citizen', role: 'citizen', accountId: identity.accountId, residentId: 'r', name: 'n', assuranceLevel: 1, sessionId: identity.sessionId, eid: null }
      : { kind: 'staff', role: 'clerk', staffId: identity.staffId, staffNumber: '1', displayName: 'd', office: 'o', districtCodes: [], sessionId: identity.sessionId };
  },
}));

const { getActor, getCitizenOrFailure } = await import('./session');
const [A1, S1, A2, S2] = Array.from({ length: 4 }, () => crypto.randomUUID()) as [string, string, string, string];

describe('getActor outside a render (server actions, route handlers)', () => {
  beforeEach(() => {
    state.loads = 0;
  });

  it('resolves each call from its own session: a caller is never reused for the next request', async () => {
    state.identity = { kind: 'citizen', accountId: A1, sessionId: S1 };
    expect(await getActor()).toMatchObject({ accountId: A1 });
    state.identity = { kind: 'citizen', accountId: A2, sessionId: S2 };
    expect(await getActor()).toMatchObject({ accountId: A2 });
    state.identity = null;
    expect(await getActor()).toBeNull();
    expect(await getCitizenOrFailure()).toMatchObject({ status: 'forbidden' });
    expect(state.loads).toBe(2);
    expect(state.reads).toBe(4);
  });
});
