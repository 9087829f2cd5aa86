import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { auditEvents, citizenSessions, eids, identityUses } from '@/db/schema';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { msg } from '@/lib/i18n/problem';
import { citizenByPhone } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { answerQrSignIn, completeQrSignIn, createQrSignInRequest, openQrSignIn, readQrSignInStatus } from './qr-sign-in';

const T0 = new Date('2026-11-20T02:00:00Z');
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const CHROME_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

describe.each(TEST_TARGETS)('sign-in by wallet QR on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  async function walletHolder(index = 0) {
    const citizen = await citizenByPhone(connection.db, DEMO_CITIZENS[index]!.phone);
    await connection.db.insert(eids).values({ citizenAccountId: citizen.accountId, assuranceLevel: 2, issuedAt: T0 }).onConflictDoNothing();
    return { ...citizen, eid: { status: 'active' as const, assuranceLevel: 2 } };
  }
  const wrongOf = (choices: number[], right: number) => choices.find((c) => c !== right)!;

  it('signs in the waiting browser once, after the wallet scanned it and the person picked the number on the screen; the session is L1 and says it came from the wallet', async () => {
    const { db } = connection;
    const request = await createQrSignInRequest(db, { userAgent: CHROME_ON_WINDOWS, address: '203.0.113.5' }, T0);
    expect(request.qrPayload).toMatch(/^EID-SIGN-IN:[0-9a-f-]{36}\.[A-Za-z0-9_-]+$/);
    expect(request.qrPayload).not.toMatch(/https?:/);
    expect(await readQrSignInStatus(db, request.requestId, request.pollSecret, later(1))).toBe('pending');
    expect(await readQrSignInStatus(db, request.requestId, 'not-the-secret', later(1))).toBe('unknown');
    expect((await completeQrSignIn(db, request.requestId, request.pollSecret, later(2))).status).toBe('invalid');

    const noEid = await citizenByPhone(db, DEMO_CITIZENS[1]!.phone);
    expect((await openQrSignIn(db, { ...noEid, eid: null }, request.qrPayload, '198.51.100.9', later(3))).status).toBe('forbidden');

    const holder = await walletHolder();
    const opened = await openQrSignIn(db, holder, request.qrPayload, '198.51.100.9', later(4));
    if (opened.status !== 'ok') throw new Error(JSON.stringify(opened));
    // The phone sees what asked: the browser, roughly where (no GeoIP: "an internet address"), and when.
    expect(opened.data).toMatchObject({ requestId: request.requestId, browser: 'Chrome on Windows', place: 'internet', requestedAt: T0 });
    expect(opened.data.choices).toHaveLength(3);
    expect(new Set(opened.data.choices).size).toBe(3);
    expect(opened.data.choices).toContain(request.matchNumber);

    expect((await answerQrSignIn(db, holder, { requestId: request.requestId, choice: String(request.matchNumber) }, later(5))).status).toBe('ok');
    expect((await answerQrSignIn(db, holder, { requestId: request.requestId, choice: String(request.matchNumber) }, later(5))).status).toBe('conflict');
    expect(await readQrSignInStatus(db, request.requestId, request.pollSecret, later(6))).toBe('approved');

    expect((await completeQrSignIn(db, request.requestId, 'guess', later(7))).status).toBe('invalid');
    const done = await completeQrSignIn(db, request.requestId, request.pollSecret, later(8));
    expect(done).toMatchObject({ status: 'ok', data: { accountId: holder.accountId } });
    expect((await completeQrSignIn(db, request.requestId, request.pollSecret, later(9))).status).toBe('invalid');
    if (done.status !== 'ok') return;
    const [session] = await db.select().from(citizenSessions).where(eq(citizenSessions.id, done.data.sessionId));
    expect(session).toMatchObject({ citizenAccountId: holder.accountId, assuranceLevel: 1, signInMethod: 'wallet_qr' });
    const signedIn = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'citizen.signed_in'), eq(auditEvents.actorId, holder.accountId)));
    expect(signedIn.some((e) => (e.details as Record<string, unknown>)?.method === 'wallet_qr')).toBe(true);
    const uses = await db.select().from(identityUses).where(eq(identityUses.citizenAccountId, holder.accountId));
    expect(uses.some((u) => u.kind === 'qr_sign_in')).toBe(true);
  });

  it('QRLjacking: a wrong number cancels the request for good, and the attacker’s browser gets nothing', async () => {
    const { db } = connection;
    const victim = await walletHolder();
    // The attacker's browser makes the request and sends the victim its code; the victim cannot see the attacker's screen.
    const attacker = await createQrSignInRequest(db, { userAgent: CHROME_ON_WINDOWS, address: '203.0.113.66' }, T0);
    const opened = await openQrSignIn(db, victim, attacker.qrPayload, '198.51.100.9', later(1));
    if (opened.status !== 'ok') throw new Error(JSON.stringify(opened));
    const refused = await answerQrSignIn(db, victim, { requestId: attacker.requestId, choice: String(wrongOf(opened.data.choices, attacker.matchNumber)) }, later(2));
    expect(refused).toMatchObject({ status: 'invalid', message: msg('problems.auth.qr.numberMismatch') });
    // Cancelled: the right number no longer helps, and the computer is told.
    expect((await answerQrSignIn(db, victim, { requestId: attacker.requestId, choice: String(attacker.matchNumber) }, later(3))).status).toBe('conflict');
    expect(await readQrSignInStatus(db, attacker.requestId, attacker.pollSecret, later(4))).toBe('cancelled');
    expect((await completeQrSignIn(db, attacker.requestId, attacker.pollSecret, later(5))).status).toBe('invalid');
    const cancelled = await db.select().from(auditEvents).where(eq(auditEvents.action, 'citizen.qr_sign_in_cancelled'));
    expect(cancelled.some((e) => (e.details as Record<string, unknown>)?.requestId === attacker.requestId)).toBe(true);

    // "Not me" cancels too.
    const another = await createQrSignInRequest(db, {}, T0);
    await openQrSignIn(db, victim, another.qrPayload, undefined, later(1));
    expect((await answerQrSignIn(db, victim, { requestId: another.requestId, choice: 'decline' }, later(2))).status).toBe('invalid');
    expect(await readQrSignInStatus(db, another.requestId, another.pollSecret, later(3))).toBe('cancelled');
  });

  it('confirms nothing without the scanned code: a request id alone, a forged token, or another phone after the first scan', async () => {
    const { db } = connection;
    const holder = await walletHolder();
    const request = await createQrSignInRequest(db, {}, T0);
    // What the old confirm link carried (the request id) opens nothing, and nothing can be answered unopened.
    expect((await openQrSignIn(db, holder, request.requestId, undefined, later(1))).status).toBe('invalid');
    expect((await openQrSignIn(db, holder, `EID-SIGN-IN:${request.requestId}.${'A'.repeat(32)}`, undefined, later(1))).status).toBe('not_found');
    expect((await answerQrSignIn(db, holder, { requestId: request.requestId, choice: String(request.matchNumber) }, later(2))).status).toBe('conflict');
    // The first phone to scan holds the request: a second wallet cannot open or answer it.
    expect((await openQrSignIn(db, holder, request.qrPayload, undefined, later(3))).status).toBe('ok');
    const other = await walletHolder(1);
    expect((await openQrSignIn(db, other, request.qrPayload, undefined, later(4))).status).toBe('conflict');
    expect((await answerQrSignIn(db, other, { requestId: request.requestId, choice: String(request.matchNumber) }, later(5))).status).toBe('conflict');
    expect(await readQrSignInStatus(db, request.requestId, request.pollSecret, later(6))).toBe('pending');
  });

  it('expires after two minutes, approved or not', async () => {
    const { db } = connection;
    const holder = await walletHolder();
    const stale = await createQrSignInRequest(db, {}, T0);
    expect((await openQrSignIn(db, holder, stale.qrPayload, undefined, later(121))).status).toBe('conflict');
    expect(await readQrSignInStatus(db, stale.requestId, stale.pollSecret, later(121))).toBe('expired');
    const approvedLate = await createQrSignInRequest(db, {}, T0);
    await openQrSignIn(db, holder, approvedLate.qrPayload, undefined, later(30));
    expect((await answerQrSignIn(db, holder, { requestId: approvedLate.requestId, choice: String(approvedLate.matchNumber) }, later(60))).status).toBe('ok');
    expect((await completeQrSignIn(db, approvedLate.requestId, approvedLate.pollSecret, later(121))).status).toBe('invalid');
  });
});
