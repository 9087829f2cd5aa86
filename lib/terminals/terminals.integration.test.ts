import { and, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, Database } from '@/db/connect';
import * as schema from '@/db/schema';
import { auditEvents, citizenAccounts, eids, identityUses, residentPhotos, residents, throttleBuckets, usedQrNonces, verifierTerminals, type TerminalKind } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import type { CitizenActor, StaffActor } from '@/lib/auth/actor';
import { createKeyRing } from '@/lib/crypto/authority-keys';
import { DEFAULT_LOCALE } from '@/lib/i18n/config';
import { msg, readableText } from '@/lib/i18n/problem';
import { createIdentityQrCodec, IDENTITY_QR_PREFIX } from '@/lib/identity/identity-qr';
import { maskIdNumber } from '@/lib/privacy/mask';
import { THROTTLE_RULES } from '@/lib/security/throttle-rules';
import { citizenByPhone, staffByUsername } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import { demoTerminalKeys, hashTerminalApiKey } from './api-keys';
import { DEMO_TERMINALS, seedDemoTerminals } from './demo-terminals';
import { TERMINAL_ATTRIBUTE_KEYS } from './kinds';
import { deactivateTerminal, listTerminals, registerTerminal } from './register-terminal';
import { authenticateTerminal, purgeExpiredNonces, verifyIdentityCode, type AuthenticatedTerminal } from './verify-identity-code';
import { handleTerminalPhotoRequest, handleTerminalVerifyRequest } from './verify-request';
import { PHOTO_LINK_TTL_S } from './photo-token';

const T0 = new Date('2026-11-20T02:00:00Z');
const seconds = (n: number) => new Date(T0.getTime() + n * 1000);
const LI_PHONE = '13800000001';
const PHOTO_SECRET = 'terminal-photo-test-secret-5c1d';
// A 1×1 PNG: what a registry photo looks like to the terminal.
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** One character of the code replaced (in the signed body, so the base32 stays canonical). */
function changeOneCharacter(code: string): string {
  const at = IDENTITY_QR_PREFIX.length + 60;
  const replacement = code[at] === 'A' ? 'B' : 'A';
  return code.slice(0, at) + replacement + code.slice(at + 1);
}

describe.each(TEST_TARGETS)('verifier terminals on $kind', (target) => {
  let connection: Connection;
  let admin: StaffActor;
  let supervisor: StaffActor;
  let clerk: StaffActor;
  const codec = createIdentityQrCodec(createKeyRing());
  const terminals = {} as Record<TerminalKind, AuthenticatedTerminal & { apiKey: string }>;
  let li: CitizenActor;
  let liSubjectRef: string;

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    const { db } = connection;
    [admin, supervisor, clerk] = await Promise.all([staffByUsername(db, 'admin'), staffByUsername(db, 'supervisor'), staffByUsername(db, 'clerk02')]);
    for (const [kind, name, districtCode] of [
      ['internet_cafe', '测试网吧', '420111'],
      ['event_gate', '测试检录口', '420106'],
      ['service_counter', '测试窗口', '420102'],
    ] as const) {
      const registered = await registerTerminal(db, admin, { name, kind, districtCode }, T0);
      if (registered.status !== 'ok') throw new Error(JSON.stringify(registered));
      terminals[kind] = { id: registered.data.terminalId, name, kind, apiKey: registered.data.apiKey };
    }
    li = await citizenByPhone(db, LI_PHONE);
    liSubjectRef = await giveEid(li.accountId);
    // Whatever photo the seed gave (fixtures present or not), this test knows exactly which one is on record.
    await db.insert(residentPhotos).values({ residentId: li.residentId, mimeType: 'image/png', content: PNG_1X1 }).onConflictDoUpdate({ target: residentPhotos.residentId, set: { mimeType: 'image/png', content: PNG_1X1 } });
  });
  afterAll(async () => connection?.close());

  async function giveEid(accountId: string): Promise<string> {
    const [eid] = await connection.db.insert(eids).values({ citizenAccountId: accountId, assuranceLevel: 2, issuedAt: T0 }).returning();
    return eid!.subjectRef;
  }

  const usesOf = (accountId: string) => connection.db.select().from(identityUses).where(eq(identityUses.citizenAccountId, accountId)).orderBy(identityUses.id);
  const verify = (kind: TerminalKind, code: string, now: Date) => verifyIdentityCode(connection.db, terminals[kind], code, { codec, photoTokenSecret: PHOTO_SECRET, now, purgeChance: 0 });

  describe('registering', () => {
    it('lets an admin register a terminal and shows the key once: only its hash and prefix are stored, never in the audit', async () => {
      const { db } = connection;
      const result = await registerTerminal(db, admin, { name: '  汉口火车站安检口  ', kind: 'event_gate', districtCode: '420103' }, T0);
      if (result.status !== 'ok') throw new Error(JSON.stringify(result));
      const { terminalId, apiKey, apiKeyPrefix } = result.data;
      expect(apiKey).toMatch(/^eidt_[A-Z2-7]{52}$/);

      const [row] = await db.select().from(verifierTerminals).where(eq(verifierTerminals.id, terminalId));
      expect(row).toMatchObject({ name: '汉口火车站安检口', kind: 'event_gate', districtCode: '420103', isActive: true, apiKeyPrefix });
      expect(row!.apiKeyHash).toBe(hashTerminalApiKey(apiKey));
      expect(row!.apiKeyHash).not.toBe(apiKey);
      expect(apiKey.startsWith(row!.apiKeyPrefix)).toBe(true);
      expect(JSON.stringify(row)).not.toContain(apiKey);

      const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'terminal.registered'), eq(auditEvents.subjectId, terminalId)));
      expect(audit).toMatchObject({ actorType: 'staff', actorId: admin.staffId, subjectType: 'terminal' });
      expect(JSON.stringify(audit)).not.toContain(apiKey);
      expect(JSON.stringify(audit)).not.toContain(row!.apiKeyHash);
    });

    it('refuses clerks and supervisors, and checks the name, kind and district', async () => {
      const { db } = connection;
      const input = { name: '某网吧', kind: 'internet_cafe', districtCode: '420102' };
      expect(await registerTerminal(db, clerk, input)).toMatchObject({ status: 'forbidden' });
      expect(await registerTerminal(db, supervisor, input)).toMatchObject({ status: 'forbidden' });
      const refused = await registerTerminal(db, admin, { name: '网', kind: 'cinema', districtCode: '110101' });
      expect(refused).toMatchObject({ status: 'invalid' });
      expect(refused.status === 'invalid' && Object.keys(refused.fieldErrors ?? {}).sort()).toEqual(['districtCode', 'kind', 'name']);
      expect(await registerTerminal(db, admin, { ...input, name: '网'.repeat(61) })).toMatchObject({ status: 'invalid' });
    });

    it('lists terminals for an admin only, without key hashes', async () => {
      const listed = await listTerminals(connection.db, admin);
      if (listed.status !== 'ok') throw new Error(JSON.stringify(listed));
      expect(listed.data.map((t) => t.name)).toEqual(expect.arrayContaining(['测试网吧', '测试检录口', '测试窗口']));
      for (const t of listed.data) expect(Object.keys(t)).not.toContain('apiKeyHash');
      expect(await listTerminals(connection.db, clerk)).toMatchObject({ status: 'forbidden' });
    });
  });

  describe('authenticating', () => {
    it('knows a terminal by its Bearer key, and nobody by a wrong, malformed or missing one', async () => {
      const { db } = connection;
      const { apiKey, id } = terminals.internet_cafe;
      expect(await authenticateTerminal(db, `Bearer ${apiKey}`)).toEqual({ id, name: '测试网吧', kind: 'internet_cafe' });
      expect(await authenticateTerminal(db, `bearer ${apiKey}`)).toMatchObject({ id });
      const wrong = apiKey.slice(0, -1) + (apiKey.endsWith('A') ? 'B' : 'A');
      expect(await authenticateTerminal(db, `Bearer ${wrong}`)).toBeNull();
      expect(await authenticateTerminal(db, apiKey)).toBeNull();
      expect(await authenticateTerminal(db, `Basic ${apiKey}`)).toBeNull();
      expect(await authenticateTerminal(db, 'Bearer ')).toBeNull();
      expect(await authenticateTerminal(db, null)).toBeNull();
      // The hash itself is not a key.
      expect(await authenticateTerminal(db, `Bearer ${hashTerminalApiKey(apiKey)}`)).toBeNull();
    });

    it('stops a deactivated terminal at once; only an admin deactivates, once, and it is audited', async () => {
      const { db } = connection;
      const registered = await registerTerminal(db, admin, { name: '临时窗口', kind: 'service_counter', districtCode: '420104' });
      if (registered.status !== 'ok') throw new Error(JSON.stringify(registered));
      const { terminalId, apiKey } = registered.data;
      expect(await authenticateTerminal(db, `Bearer ${apiKey}`)).not.toBeNull();

      expect(await deactivateTerminal(db, clerk, terminalId)).toMatchObject({ status: 'forbidden' });
      expect(await deactivateTerminal(db, admin, 'not-a-uuid')).toMatchObject({ status: 'not_found' });
      expect(await deactivateTerminal(db, admin, crypto.randomUUID())).toMatchObject({ status: 'not_found' });
      expect(await deactivateTerminal(db, admin, terminalId)).toEqual({ status: 'ok', data: { terminalId } });
      expect(await authenticateTerminal(db, `Bearer ${apiKey}`)).toBeNull();
      expect(await deactivateTerminal(db, admin, terminalId)).toMatchObject({ status: 'conflict' });
      const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'terminal.deactivated'), eq(auditEvents.subjectId, terminalId)));
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actorId: admin.staffId });
    });
  });

  describe('verifying a scanned code', () => {
    it('gives each kind exactly its own attributes: café name and adulthood, gate name, photo link and ticket, counter name, masked ID number and photo link', async () => {
      const [liResident] = await connection.db.select().from(residents).where(eq(residents.id, li.residentId));
      const photoLink = expect.stringMatching(/^\/api\/terminal\/photo\/\d+\.\d+\.[A-Za-z0-9_-]{43}$/);

      const cafe = await verify('internet_cafe', codec.issue(liSubjectRef, T0).code, seconds(5));
      expect(cafe).toEqual({ result: 'accepted', attributes: { name: '李静', isAdult: true } });

      const gate = await verify('event_gate', codec.issue(liSubjectRef, T0).code, seconds(5));
      // No event is open at this gate: the ticket answer says so (lib/events/event-tickets.integration.test.ts has the rest).
      expect(gate).toEqual({ result: 'accepted', attributes: { name: '李静', photo: photoLink, ticket: { status: 'no_event' } } });

      const counter = await verify('service_counter', codec.issue(liSubjectRef, T0).code, seconds(5));
      expect(counter).toEqual({ result: 'accepted', attributes: { name: '李静', idNumberMasked: maskIdNumber(liResident!.idNumber), photo: photoLink } });
      if (counter.result !== 'accepted' || !('idNumberMasked' in counter.attributes)) throw new Error('no ID number');
      expect(counter.attributes.idNumberMasked).toMatch(/^\d{3}\*{11}\d{3}[\dX]$/);
      expect(counter.attributes.idNumberMasked).not.toBe(liResident!.idNumber);
      // The photo is a link, never the image inside the answer.
      expect(JSON.stringify(counter)).not.toContain(PNG_1X1.toString('base64'));

      for (const [kind, outcome] of [['internet_cafe', cafe], ['event_gate', gate], ['service_counter', counter]] as const) {
        if (outcome.result !== 'accepted') throw new Error(kind);
        expect(Object.keys(outcome.attributes).sort()).toEqual([...TERMINAL_ATTRIBUTE_KEYS[kind]].sort());
      }
    });

    it('serves the linked photo to the terminal it was given to, with its key, within the link lifetime, and to nobody else', async () => {
      const gate = await verify('event_gate', codec.issue(liSubjectRef, T0).code, seconds(5));
      if (gate.result !== 'accepted' || !('photo' in gate.attributes) || !gate.attributes.photo) throw new Error('no photo link');
      const link = gate.attributes.photo;
      const token = link.split('/').pop()!;
      const get = (key: string | null, at: Date, t = token) =>
        handleTerminalPhotoRequest(connection.db, new Request(`${TEST_BASE_URL}${link}`, { headers: key ? { authorization: `Bearer ${key}` } : {} }), t, { photoTokenSecret: PHOTO_SECRET, now: at });

      const served = await get(terminals.event_gate.apiKey, seconds(6));
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/png');
      expect(served.headers.get('cache-control')).toBe('no-store');
      expect(Buffer.from(await served.arrayBuffer()).equals(PNG_1X1)).toBe(true);

      // No key, another terminal's key, after the lifetime, or an altered token: nothing.
      expect((await get(null, seconds(6))).status).toBe(401);
      expect((await get(terminals.service_counter.apiKey, seconds(6))).status).toBe(404);
      expect((await get(terminals.event_gate.apiKey, seconds(5 + PHOTO_LINK_TTL_S))).status).toBe(404);
      const [useId, exp, mac] = token.split('.');
      expect((await get(terminals.event_gate.apiKey, seconds(6), `${Number(useId) - 1}.${exp}.${mac}`)).status).toBe(404);
      expect((await get(terminals.event_gate.apiKey, seconds(6), `${useId}.${Number(exp) + 600}.${mac}`)).status).toBe(404);
      expect((await get(terminals.event_gate.apiKey, seconds(6), `${useId}.${exp}.${mac!.slice(0, -1)}${mac!.endsWith('A') ? 'B' : 'A'}`)).status).toBe(404);
      // A café never sees photos, whatever it sends.
      expect((await get(terminals.internet_cafe.apiKey, seconds(6))).status).toBe(404);
    });

    it('tells a café that a minor is not an adult, and gives null for a missing photo', async () => {
      const { db } = connection;
      // Under 18 on T0 (20 Nov 2026) in Beijing.
      const [minor] = await db.select().from(residents).where(and(eq(residents.status, 'active'), gt(residents.birthDate, '2008-11-20'))).limit(1);
      if (!minor) throw new Error('the test registry has no minor');
      const [account] = await db.insert(citizenAccounts).values({ residentId: minor.id }).onConflictDoNothing().returning();
      const subjectRef = await giveEid(account!.id);
      expect(await verify('internet_cafe', codec.issue(subjectRef, T0).code, seconds(1))).toEqual({ result: 'accepted', attributes: { name: minor.name, isAdult: false } });
      expect(await verify('event_gate', codec.issue(subjectRef, T0).code, seconds(1))).toEqual({ result: 'accepted', attributes: { name: minor.name, photo: null, ticket: { status: 'no_event' } } });
    });

    it('answers expired from 60 s on, invalid for a changed character, and replayed for the same code twice', async () => {
      const before = (await usesOf(li.accountId)).length;
      const { code } = codec.issue(liSubjectRef, T0);
      expect(await verify('internet_cafe', code, seconds(60))).toEqual({ result: 'expired' });
      expect(await verify('internet_cafe', changeOneCharacter(code), seconds(1))).toEqual({ result: 'invalid' });
      expect(await verify('internet_cafe', 'https://example.com/not-a-code', seconds(1))).toEqual({ result: 'invalid' });
      expect(await verify('internet_cafe', code, seconds(59))).toMatchObject({ result: 'accepted' });
      expect(await verify('internet_cafe', code, seconds(59))).toEqual({ result: 'replayed' });
      // Another terminal cannot use it either: a code is good for one scan anywhere.
      expect(await verify('service_counter', code, seconds(59))).toEqual({ result: 'replayed' });

      // Invalid codes name nobody, so only the other four reach the history.
      const uses = (await usesOf(li.accountId)).slice(before);
      expect(uses.map((u) => u.result)).toEqual(['expired', 'accepted', 'replayed', 'replayed']);
      expect(uses.map((u) => u.terminalId)).toEqual([terminals.internet_cafe.id, terminals.internet_cafe.id, terminals.internet_cafe.id, terminals.service_counter.id]);
      for (const use of uses) expect(use).toMatchObject({ kind: 'terminal_scan', citizenAccountId: li.accountId });
      expect(uses[0]!.detail).toBe('测试网吧');
      expect(uses[3]!.detail).toBe('测试窗口');
    });

    it('accepts exactly one of two scans of one code racing each other', async () => {
      const { code } = codec.issue(liSubjectRef, T0);
      const outcomes = await Promise.all([verify('event_gate', code, seconds(2)), verify('service_counter', code, seconds(2))]);
      expect(outcomes.map((o) => o.result).sort()).toEqual(['accepted', 'replayed']);
    });

    it('answers revoked for a suspended or revoked e-ID, and writes that to the history too', async () => {
      const { db } = connection;
      const wang = await citizenByPhone(db, '13800000002');
      const [eid] = await db.select().from(eids).where(eq(eids.citizenAccountId, wang.accountId));
      expect(await verify('internet_cafe', codec.issue(eid!.subjectRef, T0).code, seconds(1))).toMatchObject({ result: 'accepted' });
      await db.update(eids).set({ status: 'suspended' }).where(eq(eids.id, eid!.id));
      expect(await verify('internet_cafe', codec.issue(eid!.subjectRef, T0).code, seconds(1))).toEqual({ result: 'revoked' });
      await db.update(eids).set({ status: 'revoked' }).where(eq(eids.id, eid!.id));
      expect(await verify('service_counter', codec.issue(eid!.subjectRef, T0).code, seconds(1))).toEqual({ result: 'revoked' });
      const uses = await usesOf(wang.accountId);
      expect(uses.map((u) => u.result)).toEqual(['accepted', 'revoked', 'revoked']);
    });

    it('answers invalid, naming nobody, for a genuine code of an e-ID this portal does not hold', async () => {
      expect(await verify('internet_cafe', codec.issue(crypto.randomUUID(), T0).code, seconds(1))).toEqual({ result: 'invalid' });
    });

    it('forgets the nonces of expired codes when purging, and keeps the others', async () => {
      const { db } = connection;
      await db.insert(usedQrNonces).values([
        { nonce: 'purge-old', expiresAt: seconds(-1) },
        { nonce: 'purge-new', expiresAt: seconds(30) },
      ]);
      expect(await purgeExpiredNonces(db, T0)).toBeGreaterThanOrEqual(1);
      const left = (await db.select().from(usedQrNonces)).map((n) => n.nonce);
      expect(left).toContain('purge-new');
      expect(left).not.toContain('purge-old');
    });
  });

  describe('POST /api/terminal/verify', () => {
    const request = (init: { key?: string; body?: string }) =>
      new Request(`${TEST_BASE_URL}/api/terminal/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(init.key ? { authorization: `Bearer ${init.key}` } : {}) },
        body: init.body ?? '',
      });
    const handle = (req: Request, now = seconds(3)) => handleTerminalVerifyRequest(connection.db, req, { loadCodec: async () => codec, photoTokenSecret: PHOTO_SECRET, now, purgeChance: 0 });

    it('answers 401 without a valid key and 400 for a body that is not {"code": string ≤ 512}, never cached', async () => {
      const unauthorized = await handle(request({ body: JSON.stringify({ code: 'x' }) }));
      expect(unauthorized.status).toBe(401);
      // The message goes out translated (localizedJson; outside a request, in the default language).
      expect(await unauthorized.json()).toMatchObject({ result: 'unauthorized', message: readableText(msg('problems.terminals.badKey'), DEFAULT_LOCALE) });
      expect(unauthorized.headers.get('cache-control')).toBe('no-store');
      expect((await handle(request({ key: 'eidt_nope', body: '{}' }))).status).toBe(401);

      const key = terminals.internet_cafe.apiKey;
      for (const body of ['not json', '{}', JSON.stringify({ code: 42 }), JSON.stringify({ code: 'A'.repeat(513) }), JSON.stringify({ code: 'x', pad: 'y'.repeat(5000) })]) {
        const response = await handle(request({ key, body }));
        expect(response.status, body.slice(0, 20)).toBe(400);
        expect(await response.json()).toMatchObject({ result: 'invalid', message: readableText(msg('problems.terminals.verifyBody'), DEFAULT_LOCALE) });
        expect(response.headers.get('cache-control')).toBe('no-store');
      }
    });

    it('answers 200 with the result and the kind’s attributes flat, and never echoes the code', async () => {
      const { code } = codec.issue(liSubjectRef, T0);
      const accepted = await handle(request({ key: terminals.internet_cafe.apiKey, body: JSON.stringify({ code: `${code}\n` }) }));
      expect(accepted.status).toBe(200);
      expect(accepted.headers.get('cache-control')).toBe('no-store');
      const text = await accepted.text();
      expect(JSON.parse(text)).toEqual({ result: 'accepted', name: '李静', isAdult: true });
      expect(text).not.toContain(code.slice(IDENTITY_QR_PREFIX.length, IDENTITY_QR_PREFIX.length + 20));

      const replayed = await handle(request({ key: terminals.internet_cafe.apiKey, body: JSON.stringify({ code }) }));
      expect(await replayed.json()).toEqual({ result: 'replayed' });
      const garbage = await handle(request({ key: terminals.internet_cafe.apiKey, body: JSON.stringify({ code: 'hello' }) }));
      expect(await garbage.json()).toEqual({ result: 'invalid' });
    });

    it('reads and writes the database in two statements per scan: the key with its throttle, then the verification (issue 16)', async () => {
      // The same database client, through a drizzle that logs every statement it sends.
      const statements: string[] = [];
      const logger = { logQuery: (query: string) => void statements.push(query) };
      const client = (connection.db as unknown as { $client: never }).$client;
      const counted = (connection.kind === 'postgresql' ? (await import('drizzle-orm/postgres-js')).drizzle(client, { schema, logger }) : (await import('drizzle-orm/pglite')).drizzle(client, { schema, logger })) as unknown as Database;
      for (const kind of ['internet_cafe', 'service_counter'] as const) {
        statements.length = 0;
        const response = await handleTerminalVerifyRequest(counted, request({ key: terminals[kind].apiKey, body: JSON.stringify({ code: codec.issue(liSubjectRef, T0).code }) }), { loadCodec: async () => codec, photoTokenSecret: PHOTO_SECRET, now: seconds(3), purgeChance: 0 });
        expect(await response.json(), kind).toMatchObject({ result: 'accepted' });
        expect(statements, kind).toHaveLength(2);
      }
    });

    it('counts every scan of a terminal in its throttle bucket, and none for an unknown key', async () => {
      const { db } = connection;
      const rule = THROTTLE_RULES.terminalVerifyPerTerminal;
      const now = seconds(3);
      const windowStart = new Date(Math.floor(now.getTime() / (rule.windowSeconds * 1000)) * rule.windowSeconds * 1000);
      const hitsOf = async (id: string) => (await db.select().from(throttleBuckets).where(and(eq(throttleBuckets.key, `terminal-verify:${id}`), eq(throttleBuckets.windowStart, windowStart))))[0]?.hits ?? 0;
      const before = await hitsOf(terminals.service_counter.id);
      await handle(request({ key: terminals.service_counter.apiKey, body: JSON.stringify({ code: 'x' }) }), now);
      await handle(request({ key: terminals.service_counter.apiKey, body: JSON.stringify({ code: 'y' }) }), now);
      expect(await hitsOf(terminals.service_counter.id)).toBe(before + 2);
      const buckets = (await db.select().from(throttleBuckets)).length;
      await handle(request({ key: 'eidt_' + 'A'.repeat(52), body: JSON.stringify({ code: 'x' }) }), now);
      expect((await db.select().from(throttleBuckets)).length).toBe(buckets);
    });

    it('answers 429 with Retry-After once a terminal passes its limit', async () => {
      const { db } = connection;
      const rule = THROTTLE_RULES.terminalVerifyPerTerminal;
      const now = seconds(3);
      const windowStart = new Date(Math.floor(now.getTime() / (rule.windowSeconds * 1000)) * rule.windowSeconds * 1000);
      await db.insert(throttleBuckets).values({ key: `terminal-verify:${terminals.event_gate.id}`, windowStart, hits: rule.limit });
      const response = await handle(request({ key: terminals.event_gate.apiKey, body: JSON.stringify({ code: 'x' }) }), now);
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await response.json()).toMatchObject({ result: 'throttled' });
      // Another terminal is not affected.
      expect((await handle(request({ key: terminals.service_counter.apiKey, body: JSON.stringify({ code: 'x' }) }), now)).status).toBe(200);
    });
  });

  describe('demo terminals', () => {
    it('creates one terminal of each kind whose keys derive from the secret, on every start, re-keyed when the secret changes', async () => {
      const { db } = connection;
      // The test database was seeded without a secret: a later start with one adds the terminals.
      await seedDemoData(db, { publicBaseUrl: TEST_BASE_URL, terminalKeySecret: 'demo-secret-aaaaaaaaaaaa' });
      await seedDemoTerminals(db, 'demo-secret-aaaaaaaaaaaa');
      const names = DEMO_TERMINALS.map((t) => t.name);
      const rows = (await db.select().from(verifierTerminals)).filter((t) => names.includes(t.name));
      expect(rows).toHaveLength(3);
      const keys = demoTerminalKeys('demo-secret-aaaaaaaaaaaa');
      for (const demo of DEMO_TERMINALS) expect(await authenticateTerminal(db, `Bearer ${keys[demo.kind]}`)).toMatchObject({ name: demo.name, kind: demo.kind });

      await seedDemoTerminals(db, 'demo-secret-bbbbbbbbbbbb');
      expect((await db.select().from(verifierTerminals)).filter((t) => names.includes(t.name))).toHaveLength(3);
      expect(await authenticateTerminal(db, `Bearer ${keys.internet_cafe}`)).toBeNull();
      expect(await authenticateTerminal(db, `Bearer ${demoTerminalKeys('demo-secret-bbbbbbbbbbbb').internet_cafe}`)).toMatchObject({ kind: 'internet_cafe' });
    });
  });
});
