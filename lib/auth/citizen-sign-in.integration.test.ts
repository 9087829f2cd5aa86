import { and, count, desc, eq, ne, notInArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { DEMO_CITIZENS, demoCitizenIdentities } from '@/db/registry-generator';
import { auditEvents, citizenAccounts, outboxMessages, residents, signInChallenges, type Resident } from '@/db/schema';
import { computeCheckDigit, makeIdNumber, parseIdNumber } from '@/lib/identity/id-number';
import { smsPayloadSchema } from '@/lib/notifications/outbox';
import { readableText } from '@/lib/i18n/problem';
import { maskPhone } from '@/lib/privacy/mask';
import { piiIndex, withResidentIndexes } from '@/lib/privacy/pii-columns';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { CODE_TTL_MS, MAX_CODE_ATTEMPTS, MAX_CODES_PER_WINDOW, REGISTRY_MISMATCH, requestSignInCode, verifySignInCode } from './citizen-sign-in';

const SECRET = 'test-secret-for-one-time-codes';
// A fixed clock: the rate-limit window and code expiry are computed from it, never from the wall clock.
const T0 = new Date('2026-11-20T03:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe.each(TEST_TARGETS)('citizen sign-in on $kind', (target) => {
  let connection: Connection;
  const [li, wang] = demoCitizenIdentities();
  // Each test takes its own residents, so the per-resident rate limit of one test never touches another.
  let spareResidents: Resident[] = [];
  const takeResident = () => {
    const resident = spareResidents.shift();
    if (!resident) throw new Error('ran out of seeded residents');
    return resident;
  };

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    spareResidents = await connection.db
      .select()
      .from(residents)
      .where(and(eq(residents.status, 'active'), notInArray(residents.phoneIndex, DEMO_CITIZENS.map((c) => piiIndex('phone', c.phone)))))
      // Ordered by the clear ID number (the stored one is ciphertext) so every run picks the same residents.
      .then((rows) => rows.sort((a, b) => a.idNumber.localeCompare(b.idNumber)));
  });
  afterAll(async () => connection?.close());

  async function countRows() {
    const { db } = connection;
    const [challenges] = await db.select({ n: count() }).from(signInChallenges);
    const [audits] = await db.select({ n: count() }).from(auditEvents);
    const [outbox] = await db.select({ n: count() }).from(outboxMessages);
    return { challenges: challenges!.n, audits: audits!.n, outbox: outbox!.n };
  }

  async function latestSmsTo(phone: string) {
    const rows = await connection.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'sms')).orderBy(desc(outboxMessages.id));
    const row = rows.find((r) => smsPayloadSchema.parse(r.payload).to === phone);
    if (!row) throw new Error(`no SMS queued for ${phone}`);
    return { row, payload: smsPayloadSchema.parse(row.payload) };
  }

  async function requestCode(resident: Pick<Resident, 'name' | 'idNumber' | 'phone'>, now: Date) {
    const result = await requestSignInCode(connection.db, { name: resident.name, idNumber: resident.idNumber, phone: resident.phone }, SECRET, now);
    if (result.status !== 'ok') throw new Error(`code request failed: ${JSON.stringify(result)}`);
    const { payload } = await latestSmsTo(resident.phone);
    return { challengeId: result.data.challengeId, code: payload.code!, maskedPhone: result.data.maskedPhone };
  }

  async function readChallenge(challengeId: string) {
    const [row] = await connection.db.select().from(signInChallenges).where(eq(signInChallenges.id, challengeId));
    return row!;
  }

  function wrongCodeFor(code: string, offset = 1) {
    return String((Number(code) + offset) % 1_000_000).padStart(6, '0');
  }

  const malformed = [
    { label: 'a bad check digit', idNumber: () => li!.idNumber.slice(0, 17) + (li!.idNumber.endsWith('0') ? '1' : '0') },
    { label: 'the date 1999-02-30', idNumber: () => `42010619990230123${computeCheckDigit('42010619990230123')}` },
    { label: 'an unknown area code', idNumber: () => makeIdNumber('999999', '1990-01-01', 123) },
    { label: '17 characters', idNumber: () => li!.idNumber.slice(0, 17) },
    { label: 'letters', idNumber: () => '4201061990AB01123X' },
  ];

  it.each(malformed)('refuses an ID number with $label in fieldErrors.idNumber and writes nothing', async ({ idNumber }) => {
    const before = await countRows();
    const raw = idNumber();
    const parsed = parseIdNumber(raw);
    expect(parsed.ok).toBe(false);
    const result = await requestSignInCode(connection.db, { name: li!.name, idNumber: raw, phone: li!.phone }, SECRET, T0);
    expect(result.status).toBe('invalid');
    if (result.status !== 'invalid' || parsed.ok) return;
    expect(result.fieldErrors?.idNumber).toEqual([parsed.message]);
    expect(result.message).not.toBe(REGISTRY_MISMATCH);
    // Nothing was looked up, so nothing was recorded: no challenge, no audit entry, no SMS.
    expect(await countRows()).toEqual(before);
  });

  it('reports a malformed ID number together with the other fields’ problems', async () => {
    const before = await countRows();
    const result = await requestSignInCode(connection.db, { name: li!.name, idNumber: `${li!.idNumber.slice(0, 17)}${li!.idNumber.endsWith('0') ? '1' : '0'}`, phone: '1380' }, SECRET, T0);
    expect(result).toMatchObject({ status: 'invalid', fieldErrors: { idNumber: [expect.any(String)], phone: [expect.any(String)] } });
    const idProblem = result.status === 'invalid' ? result.fieldErrors?.idNumber?.[0] ?? '' : '';
    expect(readableText(idProblem, 'zh-CN')).toMatch(/校验位/);
    expect(readableText(idProblem, 'en')).toMatch(/check digit/);
    expect(await countRows()).toEqual(before);
  });

  it('gives the generic registry message, not the ID-number one, for a well-formed number nobody holds', async () => {
    const before = await countRows();
    const unknown = makeIdNumber('420106', '1980-05-05', 777);
    const [holder] = await connection.db.select().from(residents).where(eq(residents.idNumberIndex, piiIndex('id_number', unknown)));
    expect(holder).toBeUndefined();
    const result = await requestSignInCode(connection.db, { name: li!.name, idNumber: unknown, phone: li!.phone }, SECRET, T0);
    expect(result).toEqual({ status: 'invalid', message: REGISTRY_MISMATCH, fieldErrors: undefined });
    expect(await countRows()).toEqual(before);
  });

  it.each([
    { field: 'name', change: { name: '李名' } },
    { field: 'phone', change: { phone: '13800009999' } },
    { field: 'ID number', change: { idNumber: wang!.idNumber } },
  ])('gives the same registry message when only the $field does not match', async ({ change }) => {
    const before = await countRows();
    const result = await requestSignInCode(connection.db, { name: li!.name, idNumber: li!.idNumber, phone: li!.phone, ...change }, SECRET, T0);
    // Same status, same message, no field singled out: a guesser cannot tell which one was wrong.
    expect(result).toEqual({ status: 'invalid', message: REGISTRY_MISMATCH, fieldErrors: undefined });
    expect(await countRows()).toEqual(before);
  });

  it.each(['deceased', 'cancelled'] as const)('refuses a %s registry record with the registry message', async (status) => {
    const resident = takeResident();
    await connection.db.update(residents).set({ status }).where(eq(residents.id, resident.id));
    const before = await countRows();
    const result = await requestSignInCode(connection.db, { name: resident.name, idNumber: resident.idNumber, phone: resident.phone }, SECRET, T0);
    expect(result).toEqual({ status: 'invalid', message: REGISTRY_MISMATCH, fieldErrors: undefined });
    expect(await countRows()).toEqual(before);
  });

  it('refuses a code whose resident was marked deceased after the code was sent', async () => {
    const resident = takeResident();
    const { challengeId, code } = await requestCode(resident, T0);
    await connection.db.update(residents).set({ status: 'deceased' }).where(eq(residents.id, resident.id));
    expect((await verifySignInCode(connection.db, { challengeId, code }, SECRET, at(1))).status).toBe('invalid');
    expect(await connection.db.select().from(citizenAccounts).where(eq(citizenAccounts.residentId, resident.id))).toHaveLength(0);
  });

  it('creates a challenge and queues an SMS with a 6-digit code to the registered phone, returning it masked', async () => {
    const { db } = connection;
    const result = await requestSignInCode(db, { name: li!.name, idNumber: li!.idNumber, phone: li!.phone }, SECRET, T0);
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.data.maskedPhone).toBe('138****0001');
    expect(result.data.maskedPhone).toBe(maskPhone(li!.phone));
    expect(result.data.expiresAt).toEqual(new Date(T0.getTime() + CODE_TTL_MS));

    const challenge = await readChallenge(result.data.challengeId);
    const [resident] = await db.select().from(residents).where(eq(residents.phoneIndex, piiIndex('phone', li!.phone)));
    expect(challenge).toMatchObject({ residentId: resident!.id, failedAttempts: 0, consumedAt: null });

    const { row, payload } = await latestSmsTo(li!.phone);
    expect(row.status).toBe('pending');
    expect(payload.code).toMatch(/^\d{6}$/);
    expect(payload.text).toContain(payload.code);
    // The code is stored only as a keyed hash, never in the clear.
    expect(challenge.codeHash).not.toContain(payload.code);
    const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'citizen.sign_in_code_requested'), eq(auditEvents.subjectId, resident!.id)));
    expect(audits).toHaveLength(1);
  });

  it('creates the citizen account on the first sign-in, reuses it on the second, and consumes each code once', async () => {
    const { db } = connection;
    const resident = takeResident();
    expect(await db.select().from(citizenAccounts).where(eq(citizenAccounts.residentId, resident.id))).toHaveLength(0);

    const first = await requestCode(resident, T0);
    const signedIn = await verifySignInCode(db, { challengeId: first.challengeId, code: first.code }, SECRET, at(1));
    expect(signedIn).toMatchObject({ status: 'ok', data: { residentId: resident.id, name: resident.name } });
    if (signedIn.status !== 'ok') return;
    expect((await readChallenge(first.challengeId)).consumedAt).toEqual(at(1));

    // The same code again: refused, and nothing more is recorded as a sign-in.
    expect((await verifySignInCode(db, { challengeId: first.challengeId, code: first.code }, SECRET, at(2))).status).toBe('invalid');

    const second = await requestCode(resident, at(3));
    const again = await verifySignInCode(db, { challengeId: second.challengeId, code: second.code }, SECRET, at(4));
    expect(again).toMatchObject({ status: 'ok', data: { accountId: signedIn.data.accountId } });

    const accounts = await db.select().from(citizenAccounts).where(eq(citizenAccounts.residentId, resident.id));
    expect(accounts).toHaveLength(1);
    expect(accounts[0]!.lastSignInAt).toEqual(at(4));
    const signIns = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'citizen.signed_in'), eq(auditEvents.subjectId, signedIn.data.accountId)));
    expect(signIns).toHaveLength(2);
    expect(signIns.every((a) => a.actorType === 'citizen' && a.actorId === signedIn.data.accountId)).toBe(true);
  });

  it('lets only one of two simultaneous verifications with the same code through', async () => {
    const resident = takeResident();
    const { challengeId, code } = await requestCode(resident, T0);
    const results = await Promise.all([
      verifySignInCode(connection.db, { challengeId, code }, SECRET, at(1)),
      verifySignInCode(connection.db, { challengeId, code }, SECRET, at(1)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['invalid', 'ok']);
  });

  it('counts wrong codes and refuses even the right code after five of them', async () => {
    const { db } = connection;
    const resident = takeResident();
    const { challengeId, code } = await requestCode(resident, T0);

    const firstWrong = await verifySignInCode(db, { challengeId, code: wrongCodeFor(code) }, SECRET, at(1));
    expect(firstWrong.status).toBe('invalid');
    expect((await readChallenge(challengeId)).failedAttempts).toBe(1);
    const failures = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'citizen.sign_in_failed'), eq(auditEvents.subjectId, resident.id)));
    expect(failures).toHaveLength(1);

    for (let i = 2; i <= MAX_CODE_ATTEMPTS; i += 1) {
      expect((await verifySignInCode(db, { challengeId, code: wrongCodeFor(code, i) }, SECRET, at(1))).status).toBe('invalid');
    }
    expect((await readChallenge(challengeId)).failedAttempts).toBe(MAX_CODE_ATTEMPTS);

    expect((await verifySignInCode(db, { challengeId, code }, SECRET, at(2))).status).toBe('invalid');
    const challenge = await readChallenge(challengeId);
    expect(challenge.consumedAt).toBeNull();
    expect(await db.select().from(citizenAccounts).where(eq(citizenAccounts.residentId, resident.id))).toHaveLength(0);
  });

  it('refuses the right code once it has expired, and accepts it just before', async () => {
    const { db } = connection;
    const resident = takeResident();
    const { challengeId, code } = await requestCode(resident, T0);
    const expired = await verifySignInCode(db, { challengeId, code }, SECRET, new Date(T0.getTime() + CODE_TTL_MS + 1000));
    expect(expired.status).toBe('invalid');
    expect((await readChallenge(challengeId)).consumedAt).toBeNull();
    // Same challenge and code, still inside the validity window: accepted, so the refusal above was the clock.
    const inTime = await verifySignInCode(db, { challengeId, code }, SECRET, new Date(T0.getTime() + CODE_TTL_MS - 1000));
    expect(inTime.status).toBe('ok');
  });

  it('refuses a code checked with a different secret and an unknown challenge', async () => {
    const resident = takeResident();
    const { challengeId, code } = await requestCode(resident, T0);
    expect((await verifySignInCode(connection.db, { challengeId, code }, 'another-secret-entirely', at(1))).status).toBe('invalid');
    expect((await verifySignInCode(connection.db, { challengeId: crypto.randomUUID(), code }, SECRET, at(1))).status).toBe('invalid');
    expect((await verifySignInCode(connection.db, { challengeId, code: '12345' }, SECRET, at(1))).status).toBe('invalid');
  });

  it('refuses a sixth code request within 15 minutes with a clear message, and allows one once the window has passed', async () => {
    const resident = takeResident();
    for (let i = 0; i < MAX_CODES_PER_WINDOW; i += 1) await requestCode(resident, at(i));
    const before = await countRows();
    const refused = await requestSignInCode(connection.db, { name: resident.name, idNumber: resident.idNumber, phone: resident.phone }, SECRET, at(MAX_CODES_PER_WINDOW));
    expect(refused.status).toBe('invalid');
    if (refused.status === 'invalid') expect(`${readableText(refused.message, 'zh-CN')} / ${readableText(refused.message, 'en')}`).toMatch(/15 分钟.*15 minutes/);
    expect(await countRows()).toEqual(before);
    // 16 minutes after the first request, only four are still inside the window.
    const later = await requestSignInCode(connection.db, { name: resident.name, idNumber: resident.idNumber, phone: resident.phone }, SECRET, at(16));
    expect(later.status).toBe('ok');
  });

  it('does not send more than five codes when many requests arrive at once', async () => {
    const resident = takeResident();
    const input = { name: resident.name, idNumber: resident.idNumber, phone: resident.phone };
    const results = await Promise.all(Array.from({ length: 10 }, () => requestSignInCode(connection.db, input, SECRET, T0)));
    expect(results.filter((r) => r.status === 'ok')).toHaveLength(MAX_CODES_PER_WINDOW);
    const [challenges] = await connection.db.select({ n: count() }).from(signInChallenges).where(eq(signInChallenges.residentId, resident.id));
    expect(challenges!.n).toBe(MAX_CODES_PER_WINDOW);
  });

  it('accepts an ID number ending in a lower-case x', async () => {
    const { db } = connection;
    // Walk the sequences until the check digit comes out as X (about one in eleven do).
    const sequence = Array.from({ length: 1000 }, (_, i) => i).find((s) => makeIdNumber('420106', '1992-07-19', s).endsWith('X'));
    const idNumber = makeIdNumber('420106', '1992-07-19', sequence!);
    const [household] = await db.select({ id: residents.householdId, address: residents.address }).from(residents).where(ne(residents.phoneIndex, piiIndex('phone', li!.phone))).limit(1);
    const [resident] = await db
      .insert(residents)
      .values(withResidentIndexes({
        idNumber,
        name: '周晓',
        sex: sequence! % 2 === 1 ? ('male' as const) : ('female' as const),
        birthDate: '1992-07-19',
        phone: '13900007777',
        address: household!.address,
        districtCode: '420106',
        householdId: household!.id,
      }))
      .returning();

    const result = await requestSignInCode(db, { name: '周晓', idNumber: idNumber.toLowerCase(), phone: '13900007777' }, SECRET, T0);
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect((await readChallenge(result.data.challengeId)).residentId).toBe(resident!.id);
  });
});
