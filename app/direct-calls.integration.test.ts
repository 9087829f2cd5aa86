// A request that skips the pages — a server action called directly, a route handler fetched by
// URL — must meet the same checks. Only next-auth's token and the database are chosen
// (lib/testing/caller-mocks.ts): the real session layer, permission table, actions and handlers run
// against the real database.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryRows, type Connection } from '@/db/connect';
import { applicationDocuments, applications, auditEvents, cafeCheckIns, certificates, eids, mailDispatches, services } from '@/db/schema';
import { SERVICE_CATALOG } from '@/lib/services/catalog';
import { makeDemoPdf } from '@/db/seed';
import { getIdentityQrCodec } from '@/lib/identity/identity-qr-service';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { submitApplication } from '@/lib/applications/submit-application';
import { transitionApplication } from '@/lib/applications/transition-application';
import { citizenByPhone, staffByUsername, validTransferInput, approveForTest } from '@/lib/testing/fixtures';
import { callerState } from '@/lib/testing/caller-mocks';
import { endAllCitizenSessions } from '@/lib/auth/citizen-session';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import type { CitizenActor } from '@/lib/auth/actor';
import { openSeededDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import { issueCheckInToken } from '@/lib/cafe/check-in-token';
import { registerTerminal } from '@/lib/terminals/register-terminal';

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

// The café check-in action signs and checks with the deployment's secret; any fixed test value will do.
const CAFE_SECRET = 'direct-calls-suite-secret-0123456789abcdef';
vi.stubEnv('NEXTAUTH_SECRET', CAFE_SECRET);

const { getActor, getCitizenOrFailure, getStaffOrFailure } = await import('@/lib/auth/session');
const { citizenTransitionAction, submitApplicationAction } = await import('./(citizen)/me/actions');
const { caseTransitionAction, dispatchTransitionAction, revealCasePiiAction } = await import('./(staff)/staff/actions');
const { createEventAction, uploadTicketListAction } = await import('./(staff)/staff/events/actions');
const { fileApplicationAtCounterAction, identifyCitizenAtCounterAction } = await import('./(staff)/staff/counter/assist/actions');
const { confirmCafeCheckInAction } = await import('./(citizen)/wallet/checkin/actions');
const { searchCafeRegisterAction } = await import('./(staff)/staff/cafe-register/actions');
const { publishServiceAction } = await import('./(staff)/staff/catalogue/actions');
const documentRoute = await import('./api/documents/[id]/route');
const certificateRoute = await import('./api/certificates/[id]/pdf/route');

function form(values: Record<string, string | number>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, String(v));
  return data;
}

describe.each(TEST_TARGETS)('direct calls on $kind', (target) => {
  let connection: Connection;
  let applicationId: string;
  let documentId: string;
  let certificateId: string;
  let dispatchId: string;

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    state.db = connection.db;
    const owner = await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone);
    const submitted = await submitApplication(connection.db, owner, await validTransferInput(connection.db, owner));
    if (submitted.status !== 'ok') throw new Error('setup submit failed');
    applicationId = submitted.data.applicationId;
    documentId = (await connection.db.select().from(applicationDocuments).where(eq(applicationDocuments.applicationId, applicationId)))[0]!.id;

    // A second, approved application of the same owner, for the certificate and dispatch checks.
    const other = await submitApplication(connection.db, owner, await validTransferInput(connection.db, owner));
    if (other.status !== 'ok') throw new Error('setup submit failed');
    const clerk = await staffByUsername(connection.db, 'clerk06');
    const ctx = { publicBaseUrl: TEST_BASE_URL };
    await transitionApplication(connection.db, clerk, { applicationId: other.data.applicationId, transition: 'claim', expectedVersion: 1 }, ctx);
    await approveForTest(connection.db, other.data.applicationId, 2); // clerk approves, supervisor countersigns
    certificateId = (await connection.db.select().from(certificates).where(eq(certificates.applicationId, other.data.applicationId)))[0]!.id;
    dispatchId = (await connection.db.select().from(mailDispatches).where(eq(mailDispatches.certificateId, certificateId)))[0]!.id;
  });
  afterAll(async () => connection?.close());
  beforeEach(() => {
    state.actor = null;
  });

  const status = async () => (await connection.db.select().from(applications).where(eq(applications.id, applicationId)))[0]!;

  it('refuses another citizen’s direct withdraw as not found and changes nothing', async () => {
    state.actor = await citizenByPhone(connection.db, DEMO_CITIZENS[1]!.phone);
    const result = await citizenTransitionAction(null, form({ applicationId, transition: 'withdraw', expectedVersion: 1 }));
    expect(result?.status).toBe('not_found');
    expect(await status()).toMatchObject({ status: 'submitted', version: 1 });
  });

  it('refuses a signed-out caller for every action', async () => {
    expect((await citizenTransitionAction(null, form({ applicationId, transition: 'withdraw', expectedVersion: 1 })))?.status).toBe('forbidden');
    expect((await submitApplicationAction(null, form({ serviceId: 'household-transfer' })))?.status).toBe('forbidden');
    expect((await caseTransitionAction(null, form({ applicationId, transition: 'claim', expectedVersion: 1 })))?.status).toBe('forbidden');
    expect((await dispatchTransitionAction(null, form({ dispatchId, transition: 'print', expectedVersion: 1 })))?.status).toBe('forbidden');
    expect((await revealCasePiiAction(null, form({ applicationId, field: 'idNumber' })))?.status).toBe('forbidden');
  });

  it('refuses a citizen calling a staff action, and a citizen action that is not theirs to make', async () => {
    state.actor = await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone);
    expect((await caseTransitionAction(null, form({ applicationId, transition: 'claim', expectedVersion: 1 })))?.status).toBe('forbidden');
    expect((await citizenTransitionAction(null, form({ applicationId, transition: 'approve', expectedVersion: 1 })))?.status).toBe('forbidden');
    expect((await revealCasePiiAction(null, form({ applicationId, field: 'contactPhone' })))?.status).toBe('forbidden');
    expect(await status()).toMatchObject({ status: 'submitted', version: 1 });
  });

  it('gives a clerk of another district not-found for the case, and only a supervisor may move a dispatch', async () => {
    state.actor = await staffByUsername(connection.db, 'clerk02');
    expect((await caseTransitionAction(null, form({ applicationId, transition: 'claim', expectedVersion: 1 })))?.status).toBe('not_found');
    expect((await revealCasePiiAction(null, form({ applicationId, field: 'idNumber' })))?.status).toBe('not_found');
    expect((await dispatchTransitionAction(null, form({ dispatchId, transition: 'print', expectedVersion: 1 })))?.status).toBe('forbidden');
    const response = await documentRoute.GET(new Request('http://x'), { params: Promise.resolve({ id: documentId }) });
    expect(response.status).toBe(404);
    expect(await status()).toMatchObject({ status: 'submitted', version: 1 });
  });

  it('serves a document and a certificate only to the owner or the district’s staff', async () => {
    const get = (route: typeof documentRoute, id: string) => route.GET(new Request('http://x'), { params: Promise.resolve({ id }) });
    expect((await get(documentRoute, documentId)).status).toBe(401);
    state.actor = await citizenByPhone(connection.db, DEMO_CITIZENS[1]!.phone);
    expect((await get(documentRoute, documentId)).status).toBe(404);
    expect((await get(certificateRoute, certificateId)).status).toBe(404);
    expect((await get(documentRoute, 'not-a-uuid')).status).toBe(404);
    state.actor = await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone);
    const own = await get(documentRoute, documentId);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('application/pdf');
    expect(own.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await get(certificateRoute, certificateId)).status).toBe(200);
    state.actor = await staffByUsername(connection.db, 'clerk06');
    expect((await get(documentRoute, documentId)).status).toBe(200);
  });
  // The actions above are refused twice (the session layer's role list, then the operation's own scope), so a
  // broken session check would hide behind the second. These pin the session layer itself, with real sessions.
  it('lets only an admin create a ticketed event or upload its list: a clerk, a supervisor, a citizen and a signed-out caller are refused and nothing is written', async () => {
    const list = new File(['42010620010615500X,A-1,1'], 'list.csv', { type: 'text/csv' });
    const eventForm = () => form({ name: '测试赛', venue: '测试场馆', startsAt: '2099-01-01T19:30', endsAt: '2099-01-01T22:00' });
    const listForm = () => {
      const f = form({ eventId: crypto.randomUUID() });
      f.set('list', list);
      return f;
    };
    for (const caller of [null, await staffByUsername(connection.db, 'clerk06'), await staffByUsername(connection.db, 'supervisor'), await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone)]) {
      state.actor = caller;
      expect((await createEventAction(null, eventForm()))?.status).toBe('forbidden');
      expect((await uploadTicketListAction(null, listForm()))?.status).toBe('forbidden');
    }
    const counts = await queryRows<{ events: number; tickets: number }>(connection.db, sql`select (select count(*) from ticketed_events)::int as events, (select count(*) from event_tickets)::int as tickets`);
    expect(counts[0]).toEqual({ events: 0, tickets: 0 });
    // The admin passes the role check and meets the operation's own validation (no gate chosen).
    state.actor = await staffByUsername(connection.db, 'admin');
    expect(await createEventAction(null, eventForm())).toMatchObject({ status: 'invalid', fieldErrors: { gateTerminalIds: [expect.any(String)] } });
    expect(await uploadTicketListAction(null, listForm())).toMatchObject({ status: 'not_found' });
  });

  it('lets only an admin publish a service from the designer: a clerk, a supervisor, the police, a citizen and a signed-out caller are refused and nothing is written; the admin’s malformed input is refused as invalid', async () => {
    const definition = {
      ...SERVICE_CATALOG.find((s) => s.id === 'household-certificate')!,
      id: 'direct-call-service',
      nameZh: '直接调用测试事项',
      nameEn: 'Direct call service',
    };
    const versions = async () => (await queryRows<{ n: number }>(connection.db, sql`select count(*)::int as n from service_versions`))[0]!.n;
    const before = await versions();
    const callers = [null, 'clerk06', 'supervisor', 'police'].map(async (name) => (name ? staffByUsername(connection.db, name) : null));
    for (const caller of [...(await Promise.all(callers)), await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone)]) {
      state.actor = caller;
      expect((await publishServiceAction({ definition, basedOnVersion: null }))?.status).toBe('forbidden');
    }
    expect(await versions()).toBe(before);
    expect(await connection.db.select().from(services).where(eq(services.id, 'direct-call-service'))).toEqual([]);
    state.actor = await staffByUsername(connection.db, 'admin');
    expect((await publishServiceAction('not an object'))?.status).toBe('invalid');
    expect((await publishServiceAction({ definition, basedOnVersion: 'latest' }))?.status).toBe('invalid');
    expect(await publishServiceAction({ definition: { ...definition, fields: [] }, basedOnVersion: null })).toMatchObject({ status: 'invalid', fieldErrors: { fields: [expect.stringContaining('至少需要 1 项')] } });
    expect(await versions()).toBe(before);
  });

  it('lets only counter staff scan a citizen’s wallet QR and file for them: a citizen, an admin and a signed-out caller are refused, the pass is the scanning clerk’s own, and nothing is filed', async () => {
    const { db } = connection;
    const wang = await citizenByPhone(db, DEMO_CITIZENS[1]!.phone);
    const [eid] = await db.select({ subjectRef: eids.subjectRef }).from(eids).where(eq(eids.citizenAccountId, wang.accountId));
    const codec = await getIdentityQrCodec();
    const scanForm = () => form({ identityQr: codec.issue(eid!.subjectRef, new Date()).code });
    const filingForm = (pass: string, key: string) => {
      const f = form({ assistPass: pass, serviceId: 'migration-permit', idempotencyKey: key, toDistrictCode: '420106', toAddress: '武汉市武昌区中南路 99 号 2 栋 801 室', reason: 'house_purchase', propertyCertificateNumber: '鄂(2026)武汉市不动产权第0012345号', deliveryMethod: 'counter', contactPhone: DEMO_CITIZENS[1]!.phone });
      f.set('document.property_certificate', new File([new Uint8Array(certificatePdf)], 'property.pdf', { type: 'application/pdf' }));
      return f;
    };
    const certificatePdf = await makeDemoPdf('Property certificate');
    const countCases = async () => (await db.select({ id: applications.id }).from(applications).where(eq(applications.citizenAccountId, wang.accountId))).length;
    const before = await countCases();
    for (const caller of [null, await staffByUsername(db, 'admin'), wang]) {
      state.actor = caller;
      expect((await identifyCitizenAtCounterAction(null, scanForm()))?.status).toBe('forbidden');
      expect((await fileApplicationAtCounterAction(null, filingForm('x', crypto.randomUUID())))?.status).toBe('forbidden');
    }
    state.actor = await staffByUsername(db, 'clerk06');
    const scanned = await identifyCitizenAtCounterAction(null, scanForm());
    if (scanned?.status !== 'ok') throw new Error(JSON.stringify(scanned));
    // Another clerk, or the citizen herself, cannot use the scanning clerk's pass.
    for (const caller of [await staffByUsername(db, 'clerk06b'), wang]) {
      state.actor = caller;
      expect((await fileApplicationAtCounterAction(null, filingForm(scanned.data.assistPass, scanned.data.idempotencyKey)))?.status).toBe('forbidden');
    }
    expect(await countCases()).toBe(before);
    state.actor = await staffByUsername(db, 'clerk06');
    const filed = await fileApplicationAtCounterAction(null, filingForm(scanned.data.assistPass, scanned.data.idempotencyKey));
    expect(filed).toMatchObject({ status: 'ok', data: { isDuplicate: false } });
    expect(await fileApplicationAtCounterAction(null, filingForm(scanned.data.assistPass, scanned.data.idempotencyKey))).toMatchObject({ status: 'ok', data: { isDuplicate: true } });
    expect(await countCases()).toBe(before + 1);
  });

  it('café check-in: only a signed-in citizen at L2 with an active e-ID may confirm; only the police may search the register, each search audited', async () => {
    const { db } = connection;
    const registered = await registerTerminal(db, await staffByUsername(db, 'admin'), { name: '直连测试网吧', kind: 'internet_cafe', districtCode: '420111' });
    if (registered.status !== 'ok') throw new Error('setup register failed');
    const tokenForm = () => form({ token: issueCheckInToken(CAFE_SECRET, { terminalId: registered.data.terminalId, seat: 'Z1' }, new Date()).token });
    const rows = async () => (await db.select().from(cafeCheckIns).where(eq(cafeCheckIns.terminalId, registered.data.terminalId))).length;
    // An e-ID for this citizen, whatever the seed gave (the session layer reads it from the database).
    const citizen = await citizenByPhone(db, DEMO_CITIZENS[1]!.phone, null, 1);
    await db.insert(eids).values({ citizenAccountId: citizen.accountId, assuranceLevel: 2, issuedAt: new Date() }).onConflictDoNothing();
    for (const caller of [null, await staffByUsername(db, 'clerk06'), await staffByUsername(db, 'police'), citizen]) {
      state.actor = caller;
      expect((await confirmCafeCheckInAction(null, tokenForm()))?.status, caller?.kind ?? 'signed out').toBe('forbidden');
    }
    expect(await rows()).toBe(0);
    state.actor = { ...citizen, assuranceLevel: 2 };
    expect(await confirmCafeCheckInAction(null, tokenForm())).toMatchObject({ status: 'ok', data: { seat: 'Z1' } });
    expect(await rows()).toBe(1);

    const searches = async () => (await db.select().from(auditEvents).where(eq(auditEvents.action, 'cafe.register_searched'))).length;
    const before = await searches();
    for (const caller of [null, await staffByUsername(db, 'clerk06'), await staffByUsername(db, 'supervisor'), await staffByUsername(db, 'admin'), citizen]) {
      state.actor = caller;
      expect((await searchCafeRegisterAction(null, form({ by: 'cafe', query: '直连' })))?.status).toBe('forbidden');
    }
    expect(await searches()).toBe(before);
    state.actor = await staffByUsername(db, 'police');
    expect(await searchCafeRegisterAction(null, form({ by: 'cafe', query: '直连' }))).toMatchObject({ status: 'ok', data: { rows: [expect.objectContaining({ seat: 'Z1', cafeName: '直连测试网吧' })] } });
    expect(await searches()).toBe(before + 1);
  });

  it('the session layer itself refuses a role outside the list, a citizen token and an ended session', async () => {
    const clerk = await staffByUsername(connection.db, 'clerk06');
    const supervisor = await staffByUsername(connection.db, 'supervisor');
    state.actor = clerk;
    expect(await getStaffOrFailure(STAFF_ROLES_THAT.seeOutbox)).toMatchObject({ status: 'forbidden' });
    expect(await getStaffOrFailure(STAFF_ROLES_THAT.manageDeliveries)).toMatchObject({ status: 'forbidden' });
    expect(await getStaffOrFailure(STAFF_ROLES_THAT.workTheQueue)).toMatchObject({ kind: 'staff', staffId: clerk.staffId });
    state.actor = supervisor;
    expect(await getStaffOrFailure(STAFF_ROLES_THAT.manageDeliveries)).toMatchObject({ kind: 'staff', role: 'supervisor' });
    expect(await getStaffOrFailure(STAFF_ROLES_THAT.manageTerminals)).toMatchObject({ status: 'forbidden' });
    state.actor = await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone);
    expect(await getStaffOrFailure(STAFF_ROLES_THAT.useThePortal)).toMatchObject({ status: 'forbidden' });
    expect(await getCitizenOrFailure()).toMatchObject({ kind: 'citizen' });
    // Signing out everywhere ends the real session behind the token: the same token is refused from then on.
    const actor = await getActor();
    await endAllCitizenSessions(connection.db, (actor as CitizenActor).accountId);
    expect(await getActor()).toBeNull();
    expect(await getCitizenOrFailure()).toMatchObject({ status: 'forbidden' });
  });
});
