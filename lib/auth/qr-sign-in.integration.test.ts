import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { citizenSessions, eids, identityUses } from '@/db/schema';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { citizenByPhone, seedForTest } from '@/lib/testing/fixtures';
import { openCleanDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { approveQrSignIn, completeQrSignIn, createQrSignInRequest, readQrSignInStatus } from './qr-sign-in';

const T0 = new Date('2026-11-20T02:00:00Z');
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe.each(TEST_TARGETS)('sign-in by wallet QR on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openCleanDatabase(target);
    await seedForTest(connection.db);
  });
  afterAll(async () => connection?.close());

  async function walletHolder() {
    const citizen = await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone);
    await connection.db.insert(eids).values({ citizenAccountId: citizen.accountId, assuranceLevel: 2, issuedAt: T0 }).onConflictDoNothing();
    return { ...citizen, eid: { status: 'active' as const, assuranceLevel: 2 } };
  }

  it('signs in the waiting browser once, after the wallet confirms, and only with its secret', async () => {
    const { db } = connection;
    const request = await createQrSignInRequest(db, T0);
    expect(await readQrSignInStatus(db, request.requestId, request.pollSecret, later(1))).toBe('pending');
    expect(await readQrSignInStatus(db, request.requestId, 'not-the-secret', later(1))).toBe('unknown');
    expect((await completeQrSignIn(db, request.requestId, request.pollSecret, later(2))).status).toBe('invalid');

    const noEid = await citizenByPhone(db, DEMO_CITIZENS[1]!.phone);
    expect((await approveQrSignIn(db, { ...noEid, eid: null }, request.requestId, later(3))).status).toBe('forbidden');

    const holder = await walletHolder();
    expect((await approveQrSignIn(db, holder, request.requestId, later(4))).status).toBe('ok');
    expect((await approveQrSignIn(db, holder, request.requestId, later(5))).status).toBe('conflict');
    expect(await readQrSignInStatus(db, request.requestId, request.pollSecret, later(6))).toBe('approved');

    expect((await completeQrSignIn(db, request.requestId, 'guess', later(7))).status).toBe('invalid');
    const done = await completeQrSignIn(db, request.requestId, request.pollSecret, later(8));
    expect(done).toMatchObject({ status: 'ok', data: { accountId: holder.accountId } });
    expect((await completeQrSignIn(db, request.requestId, request.pollSecret, later(9))).status).toBe('invalid');
    if (done.status === 'ok') {
      const [session] = await db.select().from(citizenSessions).where(eq(citizenSessions.id, done.data.sessionId));
      expect(session).toMatchObject({ citizenAccountId: holder.accountId, assuranceLevel: 1 });
    }
    const uses = await db.select().from(identityUses).where(eq(identityUses.citizenAccountId, holder.accountId));
    expect(uses.some((u) => u.kind === 'qr_sign_in')).toBe(true);
  });

  it('expires after two minutes, approved or not', async () => {
    const { db } = connection;
    const holder = await walletHolder();
    const stale = await createQrSignInRequest(db, T0);
    expect((await approveQrSignIn(db, holder, stale.requestId, later(121))).status).toBe('conflict');
    expect(await readQrSignInStatus(db, stale.requestId, stale.pollSecret, later(121))).toBe('expired');
    const approvedLate = await createQrSignInRequest(db, T0);
    await approveQrSignIn(db, holder, approvedLate.requestId, later(60));
    expect((await completeQrSignIn(db, approvedLate.requestId, approvedLate.pollSecret, later(121))).status).toBe('invalid');
  });
});
