// Issue 15 item 6: /api/auth/session answered with the account and session ids of a session that had
// been ended (signed out everywhere, revoked). The answer comes from authOptions.callbacks.session.
import type { Session } from 'next-auth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/connect';
import { demoCitizenIdentities } from '@/db/registry-generator';
import { callerState, sessionTokenFor } from '@/lib/testing/caller-mocks';
import { citizenSessions } from '@/db/schema';
import { citizenByPhone } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { endCitizenSession } from './citizen-session';

vi.mock('@/db/client', () => import('@/lib/testing/caller-mocks').then((m) => m.dbClientMock));
// The browser's cookie, as next-auth encrypts it at sign-in (the server decrypts it itself: lib/auth/session-cookie.ts).
const browser = vi.hoisted(() => ({ token: undefined as string | undefined }));
vi.mock('./session-cookie', async (importOriginal) => ({ ...(await importOriginal<typeof import('./session-cookie')>()), readSessionToken: async () => browser.token }));
vi.stubEnv('NEXTAUTH_SECRET', 'session-endpoint-secret-0123456789');
const { authOptions } = await import('./options');
const { getActor } = await import('./session');

describe.each(TEST_TARGETS)('/api/auth/session on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    callerState.db = connection.db;
  });
  afterAll(async () => connection?.close());

  /** 李静 signed in with a live session of an hour: her name and the token's identity. */
  async function signedInCitizen() {
    const [li] = demoCitizenIdentities();
    const citizen = await citizenByPhone(connection.db, li!.phone);
    const now = new Date();
    const [session] = await connection.db
      .insert(citizenSessions)
      .values({ citizenAccountId: citizen.accountId, assuranceLevel: 1, gatesPassed: ['registry_phone'], createdAt: now, expiresAt: new Date(now.getTime() + 3600_000) })
      .returning({ id: citizenSessions.id });
    return { name: li!.name, identity: { kind: 'citizen' as const, accountId: citizen.accountId, sessionId: session!.id } };
  }

  it('names the session while it lives, and answers nothing once it has ended', async () => {
    const { name, identity } = await signedInCitizen();
    const asked = () =>
      authOptions.callbacks!.session!({ session: { expires: new Date(Date.now() + 3600_000).toISOString(), user: { name } } as Session, token: { identity }, user: undefined as never, newSession: undefined, trigger: 'update' } as never) as Promise<Session>;

    expect(await asked()).toMatchObject({ identity });
    await endCitizenSession(connection.db, identity.sessionId);
    const after = await asked();
    expect(after).toEqual({});
    expect(JSON.stringify(after)).not.toContain(identity.accountId);
  });

  it('on the server reads the session from the cookie and loads the actor once, and refuses it once ended', async () => {
    const { identity } = await signedInCitizen();
    browser.token = await sessionTokenFor(identity);
    try {
      expect(await getActor()).toMatchObject({ kind: 'citizen', accountId: identity.accountId, sessionId: identity.sessionId });
      await endCitizenSession(connection.db, identity.sessionId);
      expect(await getActor()).toBeNull();
    } finally {
      browser.token = undefined;
    }
  });
});
