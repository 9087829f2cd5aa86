// The internet café register (issue 18 item 1) on both databases: the terminal's seat QR, the wallet's
// confirmation (signature, expiry, single use, level), the café's own register and check-out by its
// key, and the police search (audited). The clock is injected: nothing here sleeps.
import { and, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { auditEvents, cafeCheckIns, citizenAccounts, identityUses, residents, throttleBuckets } from '@/db/schema';
import { THROTTLE_RULES } from '@/lib/security/throttle-rules';
import type { CitizenActor, StaffActor } from '@/lib/auth/actor';
import { maskIdNumber } from '@/lib/privacy/mask';
import { registerTerminal } from '@/lib/terminals/register-terminal';
import { citizenByPhone, staffByUsername } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { CHECK_IN_REFUSALS, confirmCafeCheckIn, openCafeCheckIn } from './check-in';
import { CHECK_IN_TOKEN_TTL_S, issueCheckInToken, readCheckInToken } from './check-in-token';
import { searchCafeRegister } from './search-register';
import { handleCheckInStatus, handleCheckOut, handleIssueCheckInCode, handleTerminalRegister } from './terminal-requests';

const T0 = new Date('2026-11-20T02:00:00Z');
const seconds = (n: number) => new Date(T0.getTime() + n * 1000);
const SECRET = 'cafe-check-in-test-secret-7e21';
const LI_PHONE = '13800000001';
const BASE_URL = 'http://portal.test';

describe.each(TEST_TARGETS)('internet café register on $kind', (target) => {
  let connection: Connection;
  let police: StaffActor;
  let clerk: StaffActor;
  let supervisor: StaffActor;
  let li: CitizenActor;
  let liIdNumber: string;
  const cafes = {} as Record<'a' | 'b' | 'gate', { id: string; apiKey: string; name: string }>;

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    const { db } = connection;
    const admin = await staffByUsername(db, 'admin');
    [police, clerk, supervisor] = await Promise.all([staffByUsername(db, 'police'), staffByUsername(db, 'clerk02'), staffByUsername(db, 'supervisor')]);
    for (const [slot, name, kind] of [
      ['a', '星海网咖', 'internet_cafe'],
      ['b', '江城电竞馆', 'internet_cafe'],
      ['gate', '测试检录口', 'event_gate'],
    ] as const) {
      const registered = await registerTerminal(db, admin, { name, kind, districtCode: '420111' }, T0);
      if (registered.status !== 'ok') throw new Error(JSON.stringify(registered));
      cafes[slot] = { id: registered.data.terminalId, apiKey: registered.data.apiKey, name };
    }
    // What the session layer gives a citizen signed in at L2 with an active e-ID.
    li = { ...(await citizenByPhone(db, LI_PHONE)), assuranceLevel: 2, eid: { status: 'active', assuranceLevel: 2 } };
    liIdNumber = (await db.select({ idNumber: residents.idNumber }).from(residents).where(eq(residents.id, li.residentId)))[0]!.idNumber;
  });
  afterAll(async () => connection?.close());

  const ctxAt = (n: number) => ({ secret: SECRET, now: seconds(n) });
  const bearer = (key: string, init: RequestInit = {}) => ({ ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } });

  async function issueAtTerminal(slot: 'a' | 'b', seat: string, at = 0): Promise<{ token: string; nonce: string; path: string }> {
    const response = await handleIssueCheckInCode(connection.db, new Request(`${BASE_URL}/api/terminal/cafe/codes`, bearer(cafes[slot].apiKey, { method: 'POST', body: JSON.stringify({ seat }) })), {
      secret: SECRET,
      baseUrl: BASE_URL,
      now: seconds(at),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { nonce: string; path: string; url: string; svg: string };
    expect(body.url).toBe(`${BASE_URL}${body.path}`);
    expect(body.svg).toContain('<svg');
    const token = new URL(body.url).searchParams.get('c')!;
    return { token, nonce: body.nonce, path: body.path };
  }

  const statusAt = async (slot: 'a' | 'b', nonce: string) => (await handleCheckInStatus(connection.db, new Request(`${BASE_URL}/x`, bearer(cafes[slot].apiKey)), nonce)).json();
  const registerOf = async (slot: 'a' | 'b') => ((await (await handleTerminalRegister(connection.db, new Request(`${BASE_URL}/x`, bearer(cafes[slot].apiKey)))).json()) as { rows: { id: string; seat: string; name: string; idNumberMasked: string }[] }).rows;

  it('issues a seat QR, the L2 citizen confirms it: one register row, the identity-use entry and the audit entry; the terminal sees the check-in', async () => {
    const { db } = connection;
    const { token, nonce } = await issueAtTerminal('a', 'A12');
    expect(await statusAt('a', nonce)).toEqual({ status: 'waiting' });

    const preview = await openCafeCheckIn(db, li, token, ctxAt(5));
    expect(preview).toMatchObject({ status: 'ok', data: { cafeName: '星海网咖', seat: 'A12', canConfirm: true, refusal: null } });

    const confirmed = await confirmCafeCheckIn(db, li, { token }, ctxAt(10));
    expect(confirmed).toMatchObject({ status: 'ok', data: { cafeName: '星海网咖', seat: 'A12' } });
    if (confirmed.status !== 'ok') return;
    const [row] = await db.select().from(cafeCheckIns).where(eq(cafeCheckIns.id, confirmed.data.checkInId));
    expect(row).toMatchObject({ terminalId: cafes.a.id, seat: 'A12', citizenAccountId: li.accountId, residentId: li.residentId, tokenNonce: nonce, checkedInAt: seconds(10), checkedOutAt: null });
    const uses = await db.select().from(identityUses).where(and(eq(identityUses.citizenAccountId, li.accountId), eq(identityUses.kind, 'cafe_check_in')));
    expect(uses).toEqual([expect.objectContaining({ terminalId: cafes.a.id, result: 'accepted', detail: 'A12' })]);
    const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'cafe.checked_in'), eq(auditEvents.subjectId, confirmed.data.checkInId)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorType: 'citizen', actorId: li.accountId });

    expect(await statusAt('a', nonce)).toMatchObject({ status: 'checked_in', checkIn: { id: confirmed.data.checkInId, seat: 'A12', name: '李静', isAdult: true } });
    // Another café cannot learn about it from the nonce.
    expect(await statusAt('b', nonce)).toEqual({ status: 'waiting' });
  });

  it('refuses a replayed token, also two confirmations at once: exactly one row', async () => {
    const { db } = connection;
    const { token, nonce } = await issueAtTerminal('a', 'A13');
    const [first, second] = await Promise.all([confirmCafeCheckIn(db, li, { token }, ctxAt(3)), confirmCafeCheckIn(db, li, { token }, ctxAt(3))]);
    expect([first.status, second.status].sort()).toEqual(['conflict', 'ok']);
    const replay = await confirmCafeCheckIn(db, li, { token }, ctxAt(4));
    expect(replay).toEqual({ status: 'conflict', message: CHECK_IN_REFUSALS.replayed });
    expect(await openCafeCheckIn(db, li, token, ctxAt(4))).toEqual({ status: 'conflict', message: CHECK_IN_REFUSALS.replayed });
    expect(await db.select().from(cafeCheckIns).where(eq(cafeCheckIns.tokenNonce, nonce))).toHaveLength(1);
  });

  it('refuses an expired token (clock injected) and writes nothing', async () => {
    const { db } = connection;
    const { token, nonce } = await issueAtTerminal('a', 'B01');
    expect(await confirmCafeCheckIn(db, li, { token }, ctxAt(CHECK_IN_TOKEN_TTL_S))).toEqual({ status: 'conflict', message: CHECK_IN_REFUSALS.expired });
    expect(await openCafeCheckIn(db, li, token, ctxAt(CHECK_IN_TOKEN_TTL_S + 30))).toEqual({ status: 'conflict', message: CHECK_IN_REFUSALS.expired });
    expect(await db.select().from(cafeCheckIns).where(eq(cafeCheckIns.tokenNonce, nonce))).toHaveLength(0);
    // One second earlier it would have been good.
    expect(readCheckInToken(SECRET, token, seconds(CHECK_IN_TOKEN_TTL_S - 1)).status).toBe('ok');
  });

  it('refuses a tampered signature, a changed seat or terminal, another secret and junk as not valid', async () => {
    const { db } = connection;
    const { token } = await issueAtTerminal('a', 'C07');
    const last = token.at(-1)!;
    const tampered = [
      token.slice(0, -1) + (last === 'A' ? 'B' : 'A'),
      token.replace('.C07.', '.C08.'),
      token.replace(cafes.a.id, cafes.b.id),
      issueCheckInToken('another-secret-entirely-0000', { terminalId: cafes.a.id, seat: 'C07' }, T0).token,
      'C1.not-a-token',
      '',
    ];
    for (const bad of tampered) {
      expect(await confirmCafeCheckIn(db, li, { token: bad }, ctxAt(1)), bad).toMatchObject({ status: 'invalid' });
    }
    // A correctly signed token for a terminal that is not a café is not a check-in either.
    const gateToken = issueCheckInToken(SECRET, { terminalId: cafes.gate.id, seat: 'C07' }, T0).token;
    expect(await confirmCafeCheckIn(db, li, { token: gateToken }, ctxAt(1))).toEqual({ status: 'invalid', message: CHECK_IN_REFUSALS.invalid });
    expect(await db.select().from(cafeCheckIns).where(eq(cafeCheckIns.seat, 'C07'))).toHaveLength(0);
  });

  it('refuses a citizen below L2, without an active e-ID, or under 18', async () => {
    const { db } = connection;
    const { token, nonce } = await issueAtTerminal('a', 'D01');
    const atL1: CitizenActor = { ...li, assuranceLevel: 1 };
    expect(await confirmCafeCheckIn(db, atL1, { token }, ctxAt(1))).toEqual({ status: 'forbidden', message: CHECK_IN_REFUSALS.level });
    expect(await openCafeCheckIn(db, atL1, token, ctxAt(1))).toMatchObject({ status: 'ok', data: { canConfirm: false, refusal: CHECK_IN_REFUSALS.level } });
    expect(await confirmCafeCheckIn(db, { ...li, eid: { status: 'suspended', assuranceLevel: 2 } }, { token }, ctxAt(1))).toEqual({ status: 'forbidden', message: CHECK_IN_REFUSALS.eid });
    // Under 18 on T0 (20 Nov 2026) in Beijing.
    const [minor] = await db.select().from(residents).where(and(eq(residents.status, 'active'), gt(residents.birthDate, '2008-11-20'))).limit(1);
    const [account] = await db.insert(citizenAccounts).values({ residentId: minor!.id }).onConflictDoNothing().returning();
    const minorActor: CitizenActor = { kind: 'citizen', role: 'citizen', accountId: account!.id, residentId: minor!.id, name: minor!.name, assuranceLevel: 2, sessionId: null, eid: { status: 'active', assuranceLevel: 2 } };
    expect(await confirmCafeCheckIn(db, minorActor, { token }, ctxAt(1))).toEqual({ status: 'forbidden', message: CHECK_IN_REFUSALS.minor });
    expect(await db.select().from(cafeCheckIns).where(eq(cafeCheckIns.tokenNonce, nonce))).toHaveLength(0);
  });

  it('the café (owner) reads only its own terminal’s register, ID numbers masked, and ends only its own sessions', async () => {
    const { db } = connection;
    const { token } = await issueAtTerminal('b', 'E01');
    const confirmed = await confirmCafeCheckIn(db, li, { token }, ctxAt(2));
    if (confirmed.status !== 'ok') throw new Error(JSON.stringify(confirmed));
    const ownRows = await registerOf('b');
    expect(ownRows.map((r) => r.id)).toEqual([confirmed.data.checkInId]);
    expect(ownRows[0]).toMatchObject({ seat: 'E01', name: '李静', idNumberMasked: maskIdNumber(liIdNumber) });
    expect(JSON.stringify(ownRows)).not.toContain(liIdNumber);
    const otherRows = await registerOf('a');
    expect(otherRows.length).toBeGreaterThan(0);
    expect(otherRows.map((r) => r.id)).not.toContain(confirmed.data.checkInId);

    const checkOut = (slot: 'a' | 'b', checkInId: string, at: number) =>
      handleCheckOut(connection.db, new Request(`${BASE_URL}/x`, bearer(cafes[slot].apiKey, { method: 'POST', body: JSON.stringify({ checkInId }) })), { now: seconds(at) });
    expect((await checkOut('a', confirmed.data.checkInId, 60)).status).toBe(404);
    expect((await checkOut('b', confirmed.data.checkInId, 3600)).status).toBe(200);
    expect((await checkOut('b', confirmed.data.checkInId, 3601)).status).toBe(409);
    const [row] = await db.select().from(cafeCheckIns).where(eq(cafeCheckIns.id, confirmed.data.checkInId));
    expect(row!.checkedOutAt).toEqual(seconds(3600));
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'cafe.checked_out'), eq(auditEvents.subjectId, confirmed.data.checkInId)))).toHaveLength(1);

    // No key, a wrong key, or a terminal of another kind: no register.
    const anyRegister = (authorization?: string) => handleTerminalRegister(db, new Request(`${BASE_URL}/x`, { headers: authorization ? { authorization } : {} }));
    expect((await anyRegister()).status).toBe(401);
    expect((await anyRegister('Bearer eidt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(401);
    expect((await anyRegister(`Bearer ${cafes.gate.apiKey}`)).status).toBe(403);
  });

  it('the police search by ID number, by name and by café, ID numbers masked, and every search is audited', async () => {
    const { db } = connection;
    const auditsBefore = (await db.select().from(auditEvents).where(eq(auditEvents.action, 'cafe.register_searched'))).length;
    const byId = await searchCafeRegister(db, police, { by: 'person', query: liIdNumber });
    if (byId.status !== 'ok') throw new Error(JSON.stringify(byId));
    expect(byId.data.rows.length).toBeGreaterThanOrEqual(3);
    expect(new Set(byId.data.rows.map((r) => r.cafeName))).toEqual(new Set(['星海网咖', '江城电竞馆']));
    expect(byId.data.rows.every((r) => r.idNumberMasked === maskIdNumber(liIdNumber) && r.name === '李静')).toBe(true);
    expect(JSON.stringify(byId)).not.toContain(liIdNumber);

    const byName = await searchCafeRegister(db, police, { by: 'person', query: '李静' });
    expect(byName.status === 'ok' && byName.data.rows.length).toBe(byId.data.rows.length);
    const byCafe = await searchCafeRegister(db, police, { by: 'cafe', query: '电竞' });
    expect(byCafe.status === 'ok' && byCafe.data.rows.map((r) => r.cafeName)).toEqual(['江城电竞馆']);
    const nobody = await searchCafeRegister(db, police, { by: 'cafe', query: '%' });
    expect(nobody).toMatchObject({ status: 'ok', data: { rows: [] } });

    const audits = await db.select().from(auditEvents).where(eq(auditEvents.action, 'cafe.register_searched')).orderBy(auditEvents.id);
    expect(audits.length - auditsBefore).toBe(4);
    expect(audits.at(-4)).toMatchObject({ actorType: 'staff', actorId: police.staffId, details: { by: 'person', personKind: 'id_number', query: maskIdNumber(liIdNumber), rows: byId.data.rows.length } });
    expect(JSON.stringify(audits)).not.toContain(liIdNumber);
  });

  it('refuses the search to a clerk, a supervisor and an admin (no capability), writing no audit entry', async () => {
    const { db } = connection;
    const before = (await db.select().from(auditEvents).where(eq(auditEvents.action, 'cafe.register_searched'))).length;
    for (const staff of [clerk, supervisor, await staffByUsername(db, 'admin')]) {
      expect(await searchCafeRegister(db, staff, { by: 'person', query: liIdNumber })).toMatchObject({ status: 'forbidden' });
    }
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, 'cafe.register_searched'))).toHaveLength(before);
    expect(await searchCafeRegister(db, police, { by: 'nobody', query: '' })).toMatchObject({ status: 'invalid' });
  });

  it('throttles one café terminal beyond its limit a minute with 429 and Retry-After, leaving its verify scans and other terminals alone', async () => {
    const { db } = connection;
    // A window of its own, far from the other tests' clock: the 2099-01-01 00:00 minute, 20 s in.
    const at = new Date(Date.UTC(2099, 0, 1, 0, 0, 20));
    const status = (slot: 'a' | 'b') => handleCheckInStatus(db, new Request(`${BASE_URL}/x`, bearer(cafes[slot].apiKey)), 'AAAAAAAAAAAAAAAAAAAAAA', { now: at });
    const { limit } = THROTTLE_RULES.cafeTerminalPerTerminal;
    for (let i = 0; i < limit; i += 1) expect((await status('a')).status).toBe(200);
    const refused = await status('a');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('40');
    expect(await refused.json()).toMatchObject({ result: 'throttled' });
    // The other café's terminal, and this terminal's verify counter, are untouched.
    expect((await status('b')).status).toBe(200);
    const buckets = await db.select().from(throttleBuckets).where(eq(throttleBuckets.windowStart, new Date(Date.UTC(2099, 0, 1, 0, 0, 0))));
    expect(buckets.map((b) => [b.key.split(':')[0], b.hits]).sort()).toEqual([
      ['cafe-terminal', 1],
      ['cafe-terminal', limit + 1],
    ]);
    // The next minute, it is served again.
    expect((await handleCheckInStatus(db, new Request(`${BASE_URL}/x`, bearer(cafes.a.apiKey)), 'AAAAAAAAAAAAAAAAAAAAAA', { now: new Date(at.getTime() + 60_000) })).status).toBe(200);
  });
});
