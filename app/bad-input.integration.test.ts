// The bad-input suite: every server action and state-changing route handler is called directly
// (as a request that skips the page would) with generated malformed input, as a caller who IS
// allowed to use it. Whatever arrives, the answer is a 4xx-class failure with a message a person can
// read — never a thrown error (a 500) — and no business data is written.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/connect';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { citizenByPhone, staffByUsername } from '@/lib/testing/fixtures';
import type { Actor, StaffActor } from '@/lib/auth/actor';
import { registerTerminal } from '@/lib/terminals/register-terminal';
import { callerState, signInAhead } from '@/lib/testing/caller-mocks';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';

const cookieJar = vi.hoisted(() => new Map<string, string>());
const state = callerState;

vi.mock('@/lib/auth/session-cookie', (importOriginal) => import('@/lib/testing/caller-mocks').then((m) => m.sessionCookieMock(importOriginal)));
vi.mock('@/db/client', () => import('@/lib/testing/caller-mocks').then((m) => m.dbClientMock));
vi.mock('@/lib/notifications/outbox-worker', () => ({ kickOutbox: () => {} }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/navigation', () => ({
  redirect: (url: string) => {
    throw new Error(`redirect:${url}`);
  },
}));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'x-forwarded-for': '198.51.100.7', host: 'portal.test', origin: 'http://portal.test' }),
  cookies: async () => ({
    get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name)! } : undefined),
    set: (name: string, value: string) => void cookieJar.set(name, value),
    delete: (name: string) => void cookieJar.delete(name),
  }),
}));

// The actions sign and check with the deployment's secret; any fixed test value will do.
vi.stubEnv('NEXTAUTH_SECRET', 'bad-input-suite-secret-0123456789abcdef');

const { getStaffOrFailure } = await import('@/lib/auth/session');
const { STAFF_ROLES_THAT } = await import('@/lib/auth/permissions');
const me = await import('./(citizen)/me/actions');
const twoFactor = await import('./(staff)/staff/two-factor/actions');
const outbox = await import('./(staff)/staff/outbox/actions');
const enrol = await import('./(citizen)/enrol/actions');
const wallet = await import('./(citizen)/wallet/actions');
const confirmSignIn = await import('./(citizen)/wallet/confirm-sign-in/actions');
const staff = await import('./(staff)/staff/actions');
const certificatesActions = await import('./(staff)/staff/certificate-actions');
const deliveries = await import('./(staff)/staff/deliveries/actions');
const counterAssist = await import('./(staff)/staff/counter/assist/actions');
const terminals = await import('./(staff)/staff/terminals/actions');
const events = await import('./(staff)/staff/events/actions');
const queue = await import('./(staff)/staff/queue/actions');
const eids = await import('./(staff)/staff/eids/actions');
const cafeCheckIn = await import('./(citizen)/wallet/checkin/actions');
const cafeRegister = await import('./(staff)/staff/cafe-register/actions');
const cafeCodes = await import('./api/terminal/cafe/codes/route');
const cafeCheckOut = await import('./api/terminal/cafe/check-out/route');
const signIn = await import('./(public)/sign-in/actions');
const staffSignIn = await import('./(public)/staff/sign-in/actions');
const team = await import('./(staff)/staff/team/actions');
const terminalVerify = await import('./api/terminal/verify/route');
const courierWebhook = await import('./api/couriers/[courier]/webhook/route');
const qrSignIn = await import('./api/qr-sign-in/route');
const qrSignInStatus = await import('./api/qr-sign-in/status/route');
const faceCheck = await import('./api/face-check/route');
const faceCheckEvidence = await import('./api/face-check/[id]/route');
const draftDocumentUpload = await import('./api/drafts/[serviceId]/documents/route');
const draftDocument = await import('./api/drafts/[serviceId]/documents/[documentId]/route');

const FAILURE_STATUSES = ['invalid', 'forbidden', 'conflict', 'not_found'];
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 25);

// Values no form of ours accepts where an identifier, a number, a choice or a version is expected.
const hostileText = fc.constantFrom(
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  'NaN',
  'null',
  'undefined',
  '[]',
  '{"__proto__":{"admin":true}}',
  "'; drop table applications; --",
  '<script>alert(1)</script>',
  '\u0000',
  '\uFEFF\u202E',
  '../../etc/passwd',
  'x'.repeat(20_000),
  '00000000-0000-0000-0000-000000000000',
  '420106199001011234',
);
const malformedValue = fc.oneof(
  hostileText,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map(String),
);

type FormEntry = string | Uint8Array;
const malformedEntry: fc.Arbitrary<FormEntry> = fc.oneof(
  { weight: 6, arbitrary: malformedValue },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
);

/** A FormData with the action's own field names (each present or not) and a few stray ones. */
function malformedForm(fields: readonly string[]): fc.Arbitrary<FormData> {
  const known = Object.fromEntries(fields.map((f) => [f, fc.option(malformedEntry, { nil: undefined })]));
  return fc.record({ known: fc.record(known), stray: fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), malformedValue, { maxKeys: 3 }) }).map(({ known: k, stray }) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(stray)) data.append(name, value);
    for (const [name, value] of Object.entries(k)) {
      if (value === undefined) continue;
      if (typeof value === 'string') data.set(name, value);
      else data.set(name, new File([value as Uint8Array<ArrayBuffer>], 'upload.bin'));
    }
    return data;
  });
}

/** A JSON-ish body: valid JSON of the wrong shape, or not JSON at all. */
const malformedBody = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.record({ token: malformedValue, code: malformedValue, frames: fc.array(malformedValue, { maxLength: 3 }), id: malformedValue }).map((v) => JSON.stringify(v)),
  malformedValue,
);

type ActionCase = { name: string; who: 'citizen' | 'supervisor' | 'clerk' | 'admin' | 'police' | 'public'; fields: readonly string[]; run: (form: FormData) => Promise<unknown> };

const ACTIONS: ActionCase[] = [
  { name: 'submitApplicationAction', who: 'citizen', fields: ['serviceId', 'idempotencyKey', 'toDistrictCode', 'toAddress', 'reason', 'deliveryMethod', 'deliveryAddress', 'contactPhone', 'vehicleId', 'documents'], run: (f) => me.submitApplicationAction(null, f) },
  { name: 'citizenTransitionAction', who: 'citizen', fields: ['applicationId', 'transition', 'expectedVersion', 'reason'], run: (f) => me.citizenTransitionAction(null, f) },
  { name: 'checkDocumentsAction', who: 'citizen', fields: ['serviceId', 'documents', 'diploma'], run: (f) => me.checkDocumentsAction(f) },
  { name: 'confirmEnrolmentAction (TOTP)', who: 'clerk', fields: ['code'], run: (f) => twoFactor.confirmEnrolmentAction(null, f) },
  { name: 'regenerateRecoveryCodesAction (TOTP)', who: 'clerk', fields: ['code'], run: (f) => twoFactor.regenerateRecoveryCodesAction(null, f) },
  { name: 'resetTwoFactorAction', who: 'admin', fields: ['staffId'], run: (f) => team.resetTwoFactorAction(null, f) },
  { name: 'beginStaffSignInAction', who: 'public', fields: ['username', 'password'], run: (f) => staffSignIn.beginStaffSignInAction(f) },
  { name: 'retryMessageAction', who: 'supervisor', fields: ['messageId'], run: (f) => outbox.retryMessageAction(null, f) },
  { name: 'answerQuestionnaireAction', who: 'citizen', fields: ['attemptId', 'answers', 'answer-0', 'answer-1', 'next'], run: (f) => enrol.answerQuestionnaireAction(null, f) },
  { name: 'changeEidStatusAction', who: 'citizen', fields: ['action', 'status', 'expectedVersion'], run: (f) => wallet.changeEidStatusAction(null, f) },
  { name: 'openQrSignInAction', who: 'citizen', fields: ['payload'], run: (f) => confirmSignIn.openQrSignInAction(null, f) },
  { name: 'confirmQrSignInAction', who: 'citizen', fields: ['requestId', 'choice'], run: (f) => confirmSignIn.confirmQrSignInAction(null, f) },
  { name: 'caseTransitionAction', who: 'clerk', fields: ['applicationId', 'transition', 'expectedVersion', 'reason'], run: (f) => staff.caseTransitionAction(null, f) },
  { name: 'dispatchTransitionAction', who: 'supervisor', fields: ['dispatchId', 'transition', 'expectedVersion', 'courier', 'trackingNumber', 'reason'], run: (f) => staff.dispatchTransitionAction(null, f) },
  { name: 'addCaseNoteAction', who: 'clerk', fields: ['applicationId', 'body'], run: (f) => staff.addCaseNoteAction(null, f) },
  { name: 'revealCasePiiAction', who: 'clerk', fields: ['applicationId', 'field'], run: (f) => staff.revealCasePiiAction(null, f) },
  { name: 'escalateCaseAction', who: 'clerk', fields: ['applicationId', 'reason'], run: (f) => staff.escalateCaseAction(null, f) },
  { name: 'revokeCertificateAction', who: 'supervisor', fields: ['certificateId', 'reasonCode', 'expectedVersion'], run: (f) => certificatesActions.revokeCertificateAction(null, f) },
  { name: 'reissueCertificateAction', who: 'supervisor', fields: ['certificateId', 'reasonCode'], run: (f) => certificatesActions.reissueCertificateAction(null, f) },
  { name: 'printBatchAction', who: 'supervisor', fields: ['dispatchIds', 'dispatchId'], run: (f) => deliveries.printBatchAction(null, f) },
  { name: 'importManifestAction', who: 'supervisor', fields: ['courier', 'manifest', 'file'], run: (f) => deliveries.importManifestAction(null, f) },
  { name: 'counterPickupAction', who: 'supervisor', fields: ['dispatchId', 'idNumber', 'name', 'expectedVersion'], run: (f) => deliveries.counterPickupAction(null, f) },
  { name: 'identifyCitizenAtCounterAction', who: 'clerk', fields: ['identityQr'], run: (f) => counterAssist.identifyCitizenAtCounterAction(null, f) },
  {
    name: 'fileApplicationAtCounterAction',
    who: 'clerk',
    fields: ['assistPass', 'serviceId', 'idempotencyKey', 'toDistrictCode', 'contactPhone', 'deliveryMethod', 'document.property_certificate'],
    run: (f) => counterAssist.fileApplicationAtCounterAction(null, f),
  },
  { name: 'registerTerminalAction', who: 'admin', fields: ['name', 'kind', 'location'], run: (f) => terminals.registerTerminalAction(null, f) },
  { name: 'createEventAction', who: 'admin', fields: ['name', 'venue', 'startsAt', 'endsAt', 'gateTerminalIds'], run: (f) => events.createEventAction(null, f) },
  { name: 'uploadTicketListAction', who: 'admin', fields: ['eventId', 'list'], run: (f) => events.uploadTicketListAction(null, f) },
  { name: 'deactivateTerminalAction', who: 'admin', fields: ['terminalId'], run: (f) => terminals.deactivateTerminalAction(null, f) },
  { name: 'revokeEidAction', who: 'supervisor', fields: ['eidId', 'reason', 'expectedVersion'], run: (f) => eids.revokeEidAction(null, f) },
  { name: 'lookupEidAction', who: 'supervisor', fields: ['idNumber'], run: (f) => eids.lookupEidAction(null, f) },
  { name: 'confirmCafeCheckInAction', who: 'citizen', fields: ['token'], run: (f) => cafeCheckIn.confirmCafeCheckInAction(null, f) },
  { name: 'searchCafeRegisterAction', who: 'police', fields: ['by', 'query'], run: (f) => cafeRegister.searchCafeRegisterAction(null, f) },
  { name: 'requestCodeAction', who: 'public', fields: ['name', 'idNumber', 'phone'], run: (f) => signIn.requestCodeAction(null, f) },
];

// Tables whose rows are the trail of refused attempts themselves (audit entries, throttle counters):
// writing those on bad input is wanted. Everything else must stay as it was.
const TRAIL_TABLES = new Set(['audit_events', 'throttle_buckets']);

describe.each(TEST_TARGETS)('bad input on $kind', (target) => {
  let connection: Connection;
  let actors: Record<ActionCase['who'], Actor | null>;
  let tables: string[];
  // A real café terminal's key, so the café routes get past the key to the body.
  let cafeKey = '';

  async function businessRowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const result = await connection.db.execute(sql.raw(`select count(*)::int as n from "${table}"`));
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
      counts[table] = Number(rows[0]?.n);
    }
    return counts;
  }

  function expectReadableFailure(result: unknown, label: string) {
    expect(result, label).toMatchObject({ status: expect.toBeOneOf(FAILURE_STATUSES) });
    const message = (result as { message?: unknown }).message;
    expect(typeof message === 'string' && message.trim().length > 0, `${label}: a message for the person`).toBe(true);
  }

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    state.db = connection.db;
    actors = {
      citizen: await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone),
      clerk: await staffByUsername(connection.db, 'clerk06'),
      supervisor: await staffByUsername(connection.db, 'supervisor'),
      admin: await staffByUsername(connection.db, 'admin'),
      police: await staffByUsername(connection.db, 'police'),
      public: null,
    };
    await signInAhead(Object.values(actors));
    const cafe = await registerTerminal(connection.db, actors.admin as StaffActor, { name: '坏输入测试网吧', kind: 'internet_cafe', districtCode: '420111' });
    if (cafe.status !== 'ok') throw new Error('setup: café terminal');
    cafeKey = cafe.data.apiKey;
    const result = await connection.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    );
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { table_name: string }[];
    tables = rows.map((r) => r.table_name).filter((t) => !TRAIL_TABLES.has(t));
  }, 120_000);
  afterAll(async () => connection?.close());

  it.each(ACTIONS)('$name answers malformed input with a readable failure and writes nothing', async (action) => {
    state.actor = actors[action.who];
    const before = await businessRowCounts();
    await fc.assert(
      fc.asyncProperty(malformedForm(action.fields), async (form) => {
        const result = await action.run(form);
        expectReadableFailure(result, action.name);
      }),
      { numRuns: RUNS },
    );
    expect(await businessRowCounts()).toEqual(before);
  }, 120_000);

  // Found by the property above: PostgreSQL text cannot hold NUL, so a NUL in the username reached the
  // throttle query and failed as an internal error instead of a readable refusal.
  it('refuses a staff username with a NUL or another control character readably, writing nothing', async () => {
    state.actor = null;
    const before = await businessRowCounts();
    for (const username of ['clerk\u000006', '\u0000', 'admin\u001b']) {
      const data = new FormData();
      data.set('username', username);
      data.set('password', 'whatever-password');
      expectReadableFailure(await staffSignIn.beginStaffSignInAction(data), username);
    }
    expect(await businessRowCounts()).toEqual(before);
  });

  it('draft saving refuses any malformed input and writes no draft', async () => {
    state.actor = actors.citizen;
    const before = await businessRowCounts();
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (input) => {
        expectReadableFailure(await me.saveDraftAction(input), 'saveDraftAction');
      }),
      { numRuns: RUNS },
    );
    expect(await businessRowCounts()).toEqual(before);
  }, 120_000);

  it('bulk queue actions and the ID-number search refuse any malformed input', async () => {
    state.actor = actors.clerk;
    const before = await businessRowCounts();
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (input) => {
        expectReadableFailure(await queue.bulkQueueAction(input), 'bulkQueueAction');
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(malformedValue.filter((v) => !/^\d{17}[\dXx]$/.test(v.trim())), async (input) => {
        expectReadableFailure(await queue.setQueueIdSearchAction(input), 'setQueueIdSearchAction');
      }),
      { numRuns: RUNS },
    );
    expect(await businessRowCounts()).toEqual(before);
  }, 120_000);

  type RouteCase = { name: string; who: ActionCase['who']; call: (body: string, contentType: string) => Promise<Response> };
  const post = (url: string, body: string, contentType: string, extra: Record<string, string> = {}) =>
    new Request(url, { method: 'POST', body, headers: { 'content-type': contentType, origin: 'http://portal.test', host: 'portal.test', 'sec-fetch-site': 'same-origin', ...extra } });
  const ROUTES: RouteCase[] = [
    { name: 'POST /api/terminal/verify', who: 'public', call: (b, c) => terminalVerify.POST(post('http://portal.test/api/terminal/verify', b, c, { authorization: 'Bearer not-a-key' })) },
    { name: 'POST /api/couriers/EMS/webhook', who: 'public', call: (b, c) => courierWebhook.POST(post('http://portal.test/api/couriers/EMS/webhook', b, c, { 'x-signature': 'bad' }), { params: Promise.resolve({ courier: 'EMS' }) }) },
    { name: 'POST /api/couriers/<unknown>/webhook', who: 'public', call: (b, c) => courierWebhook.POST(post('http://portal.test/api/couriers/x/webhook', b, c), { params: Promise.resolve({ courier: b.slice(0, 8) }) }) },
    { name: 'POST /api/terminal/cafe/codes', who: 'public', call: (b, c) => cafeCodes.POST(post('http://portal.test/api/terminal/cafe/codes', b, c, { authorization: `Bearer ${cafeKey}` })) },
    { name: 'POST /api/terminal/cafe/check-out', who: 'public', call: (b, c) => cafeCheckOut.POST(post('http://portal.test/api/terminal/cafe/check-out', b, c, { authorization: `Bearer ${cafeKey}` })) },
    { name: 'POST /api/qr-sign-in/status', who: 'public', call: (b, c) => qrSignInStatus.POST(post('http://portal.test/api/qr-sign-in/status', b, c)) },
    { name: 'POST /api/face-check/[id]', who: 'citizen', call: (b, c) => faceCheckEvidence.POST(post('http://portal.test/api/face-check/x', b, c), { params: Promise.resolve({ id: b.slice(0, 36) }) }) },
    { name: 'POST /api/drafts/[serviceId]/documents', who: 'citizen', call: (b, c) => draftDocumentUpload.POST(post('http://portal.test/api/drafts/household-transfer/documents', b, c), { params: Promise.resolve({ serviceId: 'household-transfer' }) }) },
    { name: 'DELETE /api/drafts/[serviceId]/documents/[documentId]', who: 'citizen', call: (b, c) => draftDocument.DELETE(post('http://portal.test/api/drafts/x/documents/y', b, c), { params: Promise.resolve({ serviceId: b.slice(0, 20), documentId: b.slice(0, 36) }) }) },
  ];

  it.each(ROUTES)('$name answers malformed bodies with a 4xx and a message, and writes nothing', async (route) => {
    state.actor = actors[route.who];
    const before = await businessRowCounts();
    await fc.assert(
      fc.asyncProperty(malformedBody, fc.constantFrom('application/json', 'text/plain', 'multipart/form-data', 'application/x-www-form-urlencoded'), async (body, contentType) => {
        const response = await route.call(body, contentType);
        expect(response.status, `${route.name} status`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${route.name} status`).toBeLessThan(500);
        const text = await response.text();
        expect(text.length, `${route.name}: says why`).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
    expect(await businessRowCounts()).toEqual(before);
  }, 120_000);

  it('the draft upload route answers malformed multipart with its own field names with a 4xx and a message, and keeps nothing', async () => {
    state.actor = actors.citizen;
    const before = await businessRowCounts();
    await fc.assert(
      fc.asyncProperty(malformedForm(['kind', 'clientUploadId', 'idempotencyKey', 'file']), fc.constantFrom('household-transfer', 'vehicle-licence-replacement', 'no-such-service'), async (form, serviceId) => {
        const request = new Request(`http://portal.test/api/drafts/${serviceId}/documents`, { method: 'POST', body: form, headers: { origin: 'http://portal.test', host: 'portal.test' } });
        const response = await draftDocumentUpload.POST(request, { params: Promise.resolve({ serviceId }) });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expectReadableFailure(await response.json(), 'POST /api/drafts/[serviceId]/documents');
      }),
      { numRuns: RUNS },
    );
    expect(await businessRowCounts()).toEqual(before);
  }, 120_000);

  it('refuses a cross-site face-check start and a QR sign-in start from a citizen without writing', async () => {
    state.actor = actors.citizen;
    const before = await businessRowCounts();
    const crossSite = new Request('http://portal.test/api/face-check', { method: 'POST', headers: { origin: 'https://evil.example', host: 'portal.test' } });
    const response = await faceCheck.POST(crossSite);
    expect(response.status).toBe(403);
    const qr = await qrSignIn.POST(new Request('http://portal.test/api/qr-sign-in', { method: 'POST', headers: { origin: 'https://evil.example', host: 'portal.test' } }));
    expect(qr.status).toBeGreaterThanOrEqual(400);
    expect(qr.status).toBeLessThan(500);
    expect(await businessRowCounts()).toEqual(before);
  });

  // Bad input from the wrong caller is the session layer's to refuse before anything reads it.
  it('the session layer refuses a staff role outside an action’s list, whatever the input', async () => {
    state.actor = await staffByUsername(connection.db, 'clerk06');
    for (const roles of [STAFF_ROLES_THAT.seeOutbox, STAFF_ROLES_THAT.manageTerminals, STAFF_ROLES_THAT.manageEvents, STAFF_ROLES_THAT.designServices, STAFF_ROLES_THAT.searchCafeRegister]) {
      expect(await getStaffOrFailure(roles)).toMatchObject({ status: 'forbidden' });
    }
    state.actor = await staffByUsername(connection.db, 'admin');
    expect(await getStaffOrFailure(STAFF_ROLES_THAT.designServices)).toMatchObject({ kind: 'staff', role: 'admin' });
  });
});
