// Server actions called directly (no page in between), with the real session layer: a staff session
// that has passed only the password is refused by every action but enrolment's, and an admin who has
// passed the second factor resets another person's two-factor sign-in.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/connect';
import type { SessionIdentity } from '@/lib/auth/actor';
import { staffTotp, staffUsers } from '@/db/schema';
import { DEMO_TOTP_SECRET, seedDemoData } from '@/db/seed';
import { totpCodeAt } from '@/lib/auth/totp';
import { signInStaffBothSteps } from '@/lib/testing/staff-sign-in';
import { openCleanDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';

const state = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET = 'test-only-auth-secret-for-totp-0123456789';
  process.env.STAFF_TOTP_KEYS_FILE = '.data/no-such-totp-keys-for-tests.json';
  return { db: null as unknown, identity: null as SessionIdentity | null };
});

// The browser's cookie: a token for state.identity, encrypted as next-auth does at sign-in.
vi.mock('@/lib/auth/session-cookie', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/session-cookie')>()),
  readSessionToken: async () => (state.identity ? (await import('@/lib/testing/caller-mocks')).sessionTokenFor(state.identity) : undefined),
}));
vi.mock('@/db/client', () => ({ getDb: async () => state.db, getReadDb: async () => state.db }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { resetTwoFactorAction } = await import('./actions');
const { regenerateRecoveryCodesAction, startEnrolmentAction } = await import('../two-factor/actions');
const { retryMessageAction } = await import('../outbox/actions');
const exportRoute = await import('../../../api/deliveries/export/route');

const AUTH_SECRET = process.env.NEXTAUTH_SECRET!;
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};

describe.each(TEST_TARGETS)('staff actions and the second factor on $kind', (target) => {
  let connection: Connection;
  let clerkId: string;
  beforeAll(async () => {
    connection = await openCleanDatabase(target);
    state.db = connection.db;
    await seedDemoData(connection.db, { residents: 60, publicBaseUrl: TEST_BASE_URL, now: new Date('2026-11-20T01:00:00Z'), terminalKeySecret: AUTH_SECRET });
    clerkId = (await connection.db.select().from(staffUsers).where(eq(staffUsers.username, 'clerk06')))[0]!.id;
  });
  afterAll(async () => connection?.close());

  async function sessionOf(username: string, code?: string) {
    const result = await signInStaffBothSteps(connection.db, { username, code }, new Date(), { sealing: AUTH_SECRET, requirement: 'all' });
    if (result.status !== 'ok') throw new Error(`sign-in failed for ${username}: ${result.message}`);
    return { identity: { kind: 'staff' as const, staffId: result.data.staffId, sessionId: result.data.sessionId }, secondFactor: result.data.secondFactor };
  }

  it('refuses a half-signed-in admin (password only, not enrolled) on every action but enrolment', async () => {
    const [admin] = await connection.db.select().from(staffUsers).where(eq(staffUsers.username, 'admin'));
    await connection.db
      .insert(staffUsers)
      .values({ username: 'admin2', displayName: '新任管理员', staffNumber: '042003', role: 'admin', office: admin!.office, passwordHash: admin!.passwordHash });
    const half = await sessionOf('admin2');
    expect(half.secondFactor).toBe('pending');
    state.identity = half.identity;

    expect(await resetTwoFactorAction(null, form({ staffId: clerkId }))).toMatchObject({ status: 'forbidden' });
    expect(await regenerateRecoveryCodesAction(null, form({ code: '123456' }))).toMatchObject({ status: 'forbidden' });
    expect(await retryMessageAction(null, form({ messageId: '1' }))).toMatchObject({ status: 'forbidden' });
    // Route handlers too: the delivery export answers as to a signed-out caller.
    expect((await exportRoute.GET(new Request('http://portal.test/api/deliveries/export'))).status).toBe(401);
    // Nothing changed: the clerk is still enrolled.
    expect(await connection.db.select().from(staffTotp).where(eq(staffTotp.staffUserId, clerkId))).toHaveLength(1);
    // Enrolling is what that session is for.
    expect(await startEnrolmentAction()).toMatchObject({ status: 'ok', data: { secret: expect.any(String), qrSvgDataUrl: expect.stringMatching(/^data:image\/svg\+xml;base64,/) } });
  });

  it('lets an admin who passed the second factor reset the clerk; a clerk may not', async () => {
    state.identity = (await sessionOf('clerk07', totpCodeAt(DEMO_TOTP_SECRET, new Date()))).identity;
    expect(await resetTwoFactorAction(null, form({ staffId: clerkId }))).toMatchObject({ status: 'forbidden' });

    state.identity = (await sessionOf('admin', totpCodeAt(DEMO_TOTP_SECRET, new Date()))).identity;
    expect(await resetTwoFactorAction(null, form({ staffId: clerkId }))).toMatchObject({ status: 'ok' });
    expect(await connection.db.select().from(staffTotp).where(eq(staffTotp.staffUserId, clerkId))).toHaveLength(0);
  });
});
