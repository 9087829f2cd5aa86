import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { applicationDocuments, applicationEvents, applications, auditEvents, eids, identityUses } from '@/db/schema';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { makeDemoPdf } from '@/db/seed';
import type { CitizenActor, StaffActor } from '@/lib/auth/actor';
import { createKeyRing } from '@/lib/crypto/authority-keys';
import { createIdentityQrCodec } from '@/lib/identity/identity-qr';
import { citizenByPhone, staffByUsername } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { getCitizenApplicationView } from './citizen-application-view';
import { fileApplicationAtCounter, identifyCitizenAtCounter, type CounterCitizen } from './counter-assist';
import { listApplicationsForCitizen } from './queries';

const NOW = new Date('2026-11-24T02:00:00Z');
const SECRET = 'counter-assist-test-secret-7f3a';
const LI_PHONE = DEMO_CITIZENS[0]!.phone;

describe.each(TEST_TARGETS)('assisted service at the counter on $kind', (target) => {
  let connection: Connection;
  const codec = createIdentityQrCodec(createKeyRing());
  let clerk: StaffActor;
  let li: CitizenActor;
  let liSubjectRef: string;

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    const { db } = connection;
    clerk = await staffByUsername(db, 'clerk06');
    // 李静 forgot her card; her e-ID (in the wallet on her phone) is at L2.
    li = await citizenByPhone(db, LI_PHONE);
    const [eid] = await db.insert(eids).values({ citizenAccountId: li.accountId, assuranceLevel: 2, issuedAt: NOW }).returning();
    liSubjectRef = eid!.subjectRef;
  });
  afterAll(async () => connection?.close());

  const freshCode = (at = NOW) => codec.issue(liSubjectRef, at).code;

  async function identified(staff: StaffActor = clerk): Promise<CounterCitizen> {
    const scanned = await identifyCitizenAtCounter(connection.db, staff, { identityQr: freshCode() }, { codec, secret: SECRET, now: NOW });
    if (scanned.status !== 'ok') throw new Error(JSON.stringify(scanned));
    return scanned.data;
  }

  async function migrationPermit(citizen: CounterCitizen, overrides: Record<string, unknown> = {}) {
    return {
      assistPass: citizen.assistPass,
      serviceId: 'migration-permit',
      idempotencyKey: citizen.idempotencyKey,
      form: {
        toDistrictCode: '420106',
        toAddress: '武汉市武昌区中南路 99 号 2 栋 801 室',
        reason: 'house_purchase',
        propertyCertificateNumber: '鄂(2026)武汉市不动产权第0012345号',
        deliveryMethod: 'counter',
        contactPhone: LI_PHONE,
        ...overrides,
      },
      files: [{ kind: 'property_certificate', fileName: 'property.pdf', bytes: await makeDemoPdf('Property certificate') }],
    };
  }

  const casesOfLi = () => connection.db.select().from(applications).where(eq(applications.citizenAccountId, li.accountId));

  it('a counter clerk files a migration permit for a wallet-identified citizen: the case records who assisted, and the citizen sees it online', async () => {
    const { db } = connection;
    const citizen = await identified();
    // Seen at the level the e-ID holds, the ID number masked; an L3 service is not offered.
    expect(citizen).toMatchObject({ name: li.name, assuranceLevel: 2 });
    expect(citizen.idNumberMasked).toMatch(/^\d{3}\*{11}\d{3}[\dX]$/);
    expect(citizen.serviceIds).toContain('migration-permit');
    expect(citizen.serviceIds).not.toContain('household-transfer');
    // The scan is in her "who used my identity" history and in the audit trail.
    expect(await db.select().from(identityUses).where(and(eq(identityUses.citizenAccountId, li.accountId), eq(identityUses.result, 'accepted')))).toHaveLength(1);

    const filed = await fileApplicationAtCounter(db, clerk, await migrationPermit(citizen), { secret: SECRET, now: NOW });
    expect(filed).toMatchObject({ status: 'ok', data: { isDuplicate: false } });
    if (filed.status !== 'ok') return;
    const [row] = await db.select().from(applications).where(eq(applications.id, filed.data.applicationId));
    expect(row).toMatchObject({ citizenAccountId: li.accountId, status: 'submitted', districtCode: '420106', assistedByStaffId: clerk.staffId, assistedByName: clerk.displayName, assistedAtDistrictCode: '420106' });
    expect(await db.select().from(applicationDocuments).where(eq(applicationDocuments.applicationId, row!.id))).toHaveLength(1);
    expect(await db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, row!.id))).toEqual([expect.objectContaining({ transition: 'submit', actorType: 'staff', actorId: clerk.staffId })]);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, row!.id));
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([['application.filed_at_counter', clerk.staffId]]);

    // The citizen, signed in online, finds it in her list and on its page, and may go on with it there.
    const online: CitizenActor = { ...li, assuranceLevel: 2 };
    expect((await listApplicationsForCitizen(db, online, { now: NOW })).open).toEqual([expect.objectContaining({ id: row!.id, assistedByName: clerk.displayName })]);
    const view = await getCitizenApplicationView(db, online, row!.id, NOW);
    expect(view?.application.assistedByName).toBe(clerk.displayName);
    expect(view?.actions).toContain('withdraw');

    // A retried submit (double click, network retry) returns the first case.
    const again = await fileApplicationAtCounter(db, clerk, await migrationPermit(citizen), { secret: SECRET, now: NOW });
    expect(again).toMatchObject({ status: 'ok', data: { applicationId: row!.id, isDuplicate: true } });
    expect(await casesOfLi()).toHaveLength(1);
  });

  it('refuses a replayed or expired QR, a forged pass, a citizen, staff without the capability, another district’s case and another clerk’s pass', async () => {
    const { db } = connection;
    const before = (await casesOfLi()).length;
    const code = freshCode();
    expect((await identifyCitizenAtCounter(db, clerk, { identityQr: code }, { codec, secret: SECRET, now: NOW })).status).toBe('ok');
    // The same code again: single use.
    expect(await identifyCitizenAtCounter(db, clerk, { identityQr: code }, { codec, secret: SECRET, now: NOW })).toMatchObject({ status: 'forbidden' });
    expect(await db.select().from(identityUses).where(and(eq(identityUses.citizenAccountId, li.accountId), eq(identityUses.result, 'replayed')))).toHaveLength(1);
    // A code past its lifetime, and an altered one.
    const expired = await identifyCitizenAtCounter(db, clerk, { identityQr: freshCode() }, { codec, secret: SECRET, now: new Date(NOW.getTime() + 10 * 60_000) });
    expect(expired).toMatchObject({ status: 'forbidden' });
    expect(await identifyCitizenAtCounter(db, clerk, { identityQr: `${code.slice(0, -4)}AAAA` }, { codec, secret: SECRET, now: NOW })).toMatchObject({ status: 'forbidden' });
    expect((await identifyCitizenAtCounter(db, clerk, { identityQr: '' }, { codec, secret: SECRET, now: NOW })).status).toBe('invalid');

    // Neither a citizen nor an admin (not counter staff) may scan or file.
    const admin = await staffByUsername(db, 'admin');
    const asStaff = li as unknown as StaffActor;
    for (const caller of [admin, asStaff]) {
      expect((await identifyCitizenAtCounter(db, caller, { identityQr: freshCode() }, { codec, secret: SECRET, now: NOW })).status).toBe('forbidden');
    }
    const citizen = await identified();
    for (const caller of [admin, asStaff]) {
      expect((await fileApplicationAtCounter(db, caller, await migrationPermit(citizen, {}), { secret: SECRET, now: NOW })).status).toBe('forbidden');
    }
    // The pass is the scanning clerk's own, good for a while, and cannot be altered.
    const clerk02 = await staffByUsername(db, 'clerk02');
    expect((await fileApplicationAtCounter(db, clerk02, await migrationPermit(citizen), { secret: SECRET, now: NOW })).status).toBe('forbidden');
    expect((await fileApplicationAtCounter(db, clerk, await migrationPermit(citizen), { secret: SECRET, now: new Date(NOW.getTime() + 31 * 60_000) })).status).toBe('forbidden');
    const forged = { ...(await migrationPermit(citizen)), assistPass: citizen.assistPass.replace(/^[0-9a-f]{8}/, '00000000') };
    expect((await fileApplicationAtCounter(db, clerk, forged, { secret: SECRET, now: NOW })).status).toBe('forbidden');
    // A clerk files only what their district decides: clerk02 (江岸) cannot file a move into 武昌.
    const atJiangan = await identified(clerk02);
    expect(await fileApplicationAtCounter(db, clerk02, await migrationPermit(atJiangan), { secret: SECRET, now: NOW })).toMatchObject({ status: 'forbidden' });
    // An e-ID suspended since the scan: nothing is filed.
    await db.update(eids).set({ status: 'suspended' }).where(eq(eids.subjectRef, liSubjectRef));
    expect((await fileApplicationAtCounter(db, clerk, await migrationPermit(citizen), { secret: SECRET, now: NOW })).status).toBe('forbidden');
    await db.update(eids).set({ status: 'active' }).where(eq(eids.subjectRef, liSubjectRef));
    // A service above the level her e-ID holds (the household transfer needs L3) is refused, as online.
    expect(await fileApplicationAtCounter(db, clerk, { ...(await migrationPermit(citizen)), serviceId: 'household-transfer' }, { secret: SECRET, now: NOW })).toMatchObject({ status: 'forbidden' });
    // Bad form input is refused by the same validation as online.
    expect((await fileApplicationAtCounter(db, clerk, await migrationPermit(citizen, { toAddress: '' }), { secret: SECRET, now: NOW })).status).toBe('invalid');

    expect(await casesOfLi()).toHaveLength(before);
  });
});
