import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { applicationDocuments, applications, auditEvents, outboxMessages, trafficViolations, vehicles } from '@/db/schema';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { makeDemoPdf } from '@/db/seed';
import { citizenByPhone, staffByUsername } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import { findApplicationForActor } from './access';
import { savePreferredLocale } from './citizen-notices';
import { composeMaterialRequest } from './decision-reasons';
import { getDraft, saveDraft } from './drafts';
import { getApplicantProfile, listApplicationsForCitizen } from './queries';
import { submitApplication } from './submit-application';
import { transitionApplication } from './transition-application';
import { localizeValue } from '@/lib/i18n/problem';

describe.each(TEST_TARGETS)('citizen services on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  async function vehicleInput(phone: string) {
    const { db } = connection;
    const citizen = await citizenByPhone(db, phone, 'driver@example.test', 2);
    const [vehicle] = await db.select().from(vehicles).where(eq(vehicles.ownerResidentId, citizen.residentId));
    return {
      citizen,
      input: {
        serviceId: 'vehicle-licence-replacement',
        idempotencyKey: crypto.randomUUID(),
        form: { plate: vehicle!.plate, cause: 'lost', deliveryMethod: 'mail', deliveryDistrictCode: '420106', deliveryStreet: '中南路 88 号', contactPhone: '13800000001' },
        files: [] as { kind: string; fileName: string; bytes: Uint8Array }[],
      },
    };
  }

  it('pre-fills the traffic forms from the registry: licence, vehicles and unhandled violations', async () => {
    const citizen = await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone);
    const profile = await getApplicantProfile(connection.db, citizen);
    expect(profile!.licence?.licenceClass).toBe('C1');
    expect(profile!.vehicles).toHaveLength(1);
    expect(profile!.householdNumber).toMatch(/^\d+$/);
    const unhandled = await connection.db.select().from(trafficViolations).where(and(eq(trafficViolations.residentId, citizen.residentId), eq(trafficViolations.status, 'unhandled')));
    expect(profile!.violations.map((v) => v.id).sort()).toEqual(unhandled.map((v) => v.id).sort());
  });

  it('two identical traffic submissions sent concurrently make one application', async () => {
    const { db } = connection;
    const { citizen, input } = await vehicleInput(DEMO_CITIZENS[0]!.phone);
    const results = await Promise.all([submitApplication(db, citizen, input), submitApplication(db, citizen, input), submitApplication(db, citizen, input)]);
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    const ids = new Set(results.map((r) => (r.status === 'ok' ? r.data.applicationId : '')));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.status === 'ok' && !r.data.isDuplicate)).toHaveLength(1);
    const rows = await db.select().from(applications).where(and(eq(applications.citizenAccountId, citizen.accountId), eq(applications.idempotencyKey, input.idempotencyKey)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.districtCode).toBe(DEMO_CITIZENS[0]!.districtCode); // decided where the applicant is registered
    expect(rows[0]!.deliveryAddress).toBe('武汉市武昌区中南路 88 号');
  });

  it('refuses another person’s vehicle', async () => {
    const { db } = connection;
    const { citizen, input } = await vehicleInput(DEMO_CITIZENS[0]!.phone);
    const [foreign] = await db.select().from(vehicles).where(eq(vehicles.ownerResidentId, (await citizenByPhone(db, DEMO_CITIZENS[1]!.phone)).residentId));
    const result = await submitApplication(db, citizen, { ...input, form: { ...input.form, plate: foreign!.plate } });
    expect(localizeValue(result, 'zh-CN')).toMatchObject({ status: 'invalid', fieldErrors: { plate: [expect.stringMatching(/您名下/)] } });
  });

  it('keeps a draft per account and service, resumable from another session, and removes it on submit', async () => {
    const { db } = connection;
    const citizen = await citizenByPhone(db, DEMO_CITIZENS[1]!.phone, null, 3);
    const saved = await saveDraft(db, citizen, { serviceId: 'household-transfer', step: 'delivery', formData: { toAddress: '武汉市武昌区中南路 9 号', smuggled: 'x' } });
    expect(saved.status).toBe('ok');
    await saveDraft(db, citizen, { serviceId: 'household-transfer', step: 'delivery', formData: { toAddress: '武汉市武昌区中南路 10 号', toDistrictCode: '420106' } });
    // "Another device": the same account, a fresh actor object.
    const again = await citizenByPhone(db, DEMO_CITIZENS[1]!.phone, null, 3);
    const draft = await getDraft(db, again, 'household-transfer');
    expect(draft).toMatchObject({ step: 'delivery', formData: { toAddress: '武汉市武昌区中南路 10 号', toDistrictCode: '420106' } });
    expect(draft!.formData).not.toHaveProperty('smuggled');
    expect((await listApplicationsForCitizen(db, again)).drafts.map((d) => d.serviceId)).toEqual(['household-transfer']);
    expect((await listApplicationsForCitizen(db, again)).drafts[0]!.updatedAt).toBeInstanceOf(Date);
    // Another citizen sees none of it.
    const other = await citizenByPhone(db, DEMO_CITIZENS[0]!.phone);
    expect(await getDraft(db, other, 'household-transfer')).toBeUndefined();

    const result = await submitApplication(db, again, {
      serviceId: 'household-transfer',
      idempotencyKey: draft!.idempotencyKey,
      form: { ...draft!.formData, reason: 'house_purchase', deliveryMethod: 'counter', contactPhone: DEMO_CITIZENS[1]!.phone },
      files: [{ kind: 'diploma', fileName: 'diploma.pdf', bytes: await makeDemoPdf('Diploma') }],
    });
    expect(result.status).toBe('ok');
    expect(await getDraft(db, again, 'household-transfer')).toBeUndefined();
    // An autosave still in flight when the submit landed does not bring the draft back.
    expect(await saveDraft(db, again, { serviceId: 'household-transfer', step: 'review', formData: { toAddress: 'x' }, idempotencyKey: draft!.idempotencyKey })).toMatchObject({ status: 'conflict' });
    expect(await getDraft(db, again, 'household-transfer')).toBeUndefined();
  });

  it('stores nothing when one of several files is refused', async () => {
    const { db } = connection;
    const citizen = await citizenByPhone(db, DEMO_CITIZENS[0]!.phone);
    const before = (await db.select().from(applicationDocuments)).length;
    const result = await submitApplication(db, citizen, {
      serviceId: 'household-transfer',
      idempotencyKey: crypto.randomUUID(),
      form: { toDistrictCode: '420106', toAddress: '武汉市武昌区中南路 8 号', reason: 'house_purchase', deliveryMethod: 'counter', contactPhone: '13800000001' },
      files: [
        { kind: 'diploma', fileName: 'diploma.pdf', bytes: await makeDemoPdf('Diploma') },
        { kind: 'labour_contract', fileName: 'contract.png', bytes: await makeDemoPdf('Contract') },
      ],
    });
    expect(localizeValue(result, 'zh-CN')).toMatchObject({ status: 'invalid', fieldErrors: { 'document.labour_contract': [expect.stringContaining('扩展名')] } });
    expect((await db.select().from(applicationDocuments)).length).toBe(before);
  });

  it('writes the citizen’s messages in the language they chose on the portal', async () => {
    const { db } = connection;
    const { citizen, input } = await vehicleInput(DEMO_CITIZENS[0]!.phone);
    await savePreferredLocale(db, citizen.accountId, 'en');
    const submitted = await submitApplication(db, citizen, { ...input, idempotencyKey: crypto.randomUUID() });
    if (submitted.status !== 'ok') throw new Error(JSON.stringify(submitted));
    const mails = async () =>
      (await db.select().from(outboxMessages)).map((m) => m.payload as { to: string; subject?: string; text: string }).filter((p) => (p.subject ?? p.text).includes(submitted.data.referenceNumber));
    const received = await mails();
    expect(received.find((m) => m.subject)?.subject).toBe(`[Wuhan Public Security] Application received ${submitted.data.referenceNumber}`);
    expect(received.every((m) => !/[\u4e00-\u9fff]{2}/.test(m.subject ?? '') )).toBe(true);

    const clerk = await staffByUsername(db, 'clerk06');
    const [row] = await db.select().from(applications).where(eq(applications.id, submitted.data.applicationId));
    const ctx = { publicBaseUrl: TEST_BASE_URL };
    const claim = await transitionApplication(db, clerk, { applicationId: row!.id, transition: 'claim', expectedVersion: row!.version }, ctx);
    if (claim.status !== 'ok') throw new Error(JSON.stringify(claim));
    await transitionApplication(db, clerk, { applicationId: row!.id, transition: 'request_more_material', expectedVersion: claim.data.version, reason: '请补充车辆照片' }, ctx);
    const asked = (await mails()).find((m) => m.subject?.includes('More material'));
    expect(asked?.text).toContain('needs more material: 请补充车辆照片');

    await savePreferredLocale(db, citizen.accountId, 'zh-CN');
    const second = await submitApplication(db, citizen, { ...input, idempotencyKey: crypto.randomUUID() });
    if (second.status !== 'ok') throw new Error(JSON.stringify(second));
    const [zh] = (await db.select().from(outboxMessages)).map((m) => m.payload as { subject?: string }).filter((p) => p.subject?.includes(second.data.referenceNumber));
    expect(zh?.subject).toBe(`【武汉公安】申请已受理 ${second.data.referenceNumber}`);
  });

  it('on a resubmit the citizen corrects only the fields the clerk named; the deadline pauses while waiting', async () => {
    const { db } = connection;
    const citizen = await citizenByPhone(db, DEMO_CITIZENS[0]!.phone);
    const submitted = await submitApplication(db, citizen, {
      serviceId: 'migration-permit',
      idempotencyKey: crypto.randomUUID(),
      form: { toDistrictCode: '420106', toAddress: '武汉市武昌区中南路 7 号', reason: 'house_purchase', propertyCertificateNumber: '鄂2026-000001', deliveryMethod: 'counter', contactPhone: '13800000001' },
      files: [{ kind: 'property_certificate', fileName: 'p.pdf', bytes: await makeDemoPdf('Property') }],
    });
    if (submitted.status !== 'ok') throw new Error(JSON.stringify(submitted));
    const id = submitted.data.applicationId;
    const clerk = await staffByUsername(db, 'clerk06');
    const ctx = { publicBaseUrl: TEST_BASE_URL };
    const claim = await transitionApplication(db, clerk, { applicationId: id, transition: 'claim', expectedVersion: 1 }, ctx);
    if (claim.status !== 'ok') throw new Error(JSON.stringify(claim));
    const asked = await transitionApplication(db, clerk, { applicationId: id, transition: 'request_more_material', expectedVersion: claim.data.version, reason: composeMaterialRequest(['不动产权证号'], '证号与证书不符') }, ctx);
    if (asked.status !== 'ok') throw new Error(JSON.stringify(asked));
    const [waiting] = await db.select().from(applications).where(eq(applications.id, id));
    expect(waiting!.deadlinePausedDaysLeft).not.toBeNull();

    const resubmit = (corrections: Record<string, string>) =>
      transitionApplication(db, citizen, { applicationId: id, transition: 'resubmit', expectedVersion: asked.data.version }, ctx, [], corrections);
    expect(localizeValue(await resubmit({ toAddress: '别处 1 号' }), 'zh-CN')).toMatchObject({ status: 'invalid', fieldErrors: { 'field.toAddress': [expect.stringContaining('无需修改')] } });
    expect(localizeValue(await resubmit({ propertyCertificateNumber: '短' }), 'zh-CN')).toMatchObject({ status: 'invalid', fieldErrors: { 'field.propertyCertificateNumber': [expect.stringContaining('过短')] } });
    expect(await resubmit({ propertyCertificateNumber: '鄂(2026)武汉市不动产权第0099999号' })).toMatchObject({ status: 'ok', data: { status: 'submitted' } });
    const [after] = await db.select().from(applications).where(eq(applications.id, id));
    expect(after!.formData).toMatchObject({ propertyCertificateNumber: '鄂(2026)武汉市不动产权第0099999号', toAddress: '武汉市武昌区中南路 7 号' });
    expect(after!.deadlinePausedDaysLeft).toBeNull();
  });

  it('a resubmit that corrects the destination district moves the case to that district, audited; the old district’s clerk loses it', async () => {
    const { db } = connection;
    const citizen = await citizenByPhone(db, DEMO_CITIZENS[0]!.phone);
    const submitted = await submitApplication(db, citizen, {
      serviceId: 'migration-permit',
      idempotencyKey: crypto.randomUUID(),
      form: { toDistrictCode: '420106', toAddress: '武汉市武昌区中南路 9 号', reason: 'house_purchase', propertyCertificateNumber: '鄂2026-000002', deliveryMethod: 'counter', contactPhone: '13800000001' },
      files: [{ kind: 'property_certificate', fileName: 'p.pdf', bytes: await makeDemoPdf('Property') }],
    });
    if (submitted.status !== 'ok') throw new Error(JSON.stringify(submitted));
    const id = submitted.data.applicationId;
    const oldClerk = await staffByUsername(db, 'clerk06');
    const newClerk = await staffByUsername(db, 'clerk02');
    const ctx = { publicBaseUrl: TEST_BASE_URL };
    expect((await db.select().from(applications).where(eq(applications.id, id)))[0]!.districtCode).toBe('420106');
    // Before the move the 江岸 clerk cannot even see the case.
    expect((await transitionApplication(db, newClerk, { applicationId: id, transition: 'claim', expectedVersion: 1 }, ctx)).status).toBe('not_found');
    const claim = await transitionApplication(db, oldClerk, { applicationId: id, transition: 'claim', expectedVersion: 1 }, ctx);
    if (claim.status !== 'ok') throw new Error(JSON.stringify(claim));
    const asked = await transitionApplication(db, oldClerk, { applicationId: id, transition: 'request_more_material', expectedVersion: claim.data.version, reason: composeMaterialRequest(['迁入区', '迁入地址'], '房屋在江岸区') }, ctx);
    if (asked.status !== 'ok') throw new Error(JSON.stringify(asked));

    const resubmitted = await transitionApplication(db, citizen, { applicationId: id, transition: 'resubmit', expectedVersion: asked.data.version }, ctx, [], { toDistrictCode: '420102', toAddress: '武汉市江岸区沿江大道 1 号' });
    expect(resubmitted).toMatchObject({ status: 'ok', data: { status: 'submitted' } });
    const [moved] = await db.select().from(applications).where(eq(applications.id, id));
    expect(moved).toMatchObject({ districtCode: '420102', claimedByStaffId: null, claimExpiresAt: null });
    expect(moved!.formData).toMatchObject({ toDistrictCode: '420102' });
    const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, 'application.jurisdiction_moved')));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.details).toMatchObject({ from: '420106', to: '420102', field: 'toDistrictCode' });
    expect(audits[0]!.actorType).toBe('citizen');

    // The old district's clerk: not found on a direct action call, and not in their scope any more.
    expect((await transitionApplication(db, oldClerk, { applicationId: id, transition: 'claim', expectedVersion: moved!.version }, ctx)).status).toBe('not_found');
    expect(await findApplicationForActor(db, oldClerk, id)).toBeUndefined();
    // The new district's clerk sees it and may claim it.
    expect(await findApplicationForActor(db, newClerk, id)).toMatchObject({ id });
    expect(await transitionApplication(db, newClerk, { applicationId: id, transition: 'claim', expectedVersion: moved!.version }, ctx)).toMatchObject({ status: 'ok' });

    // A resubmit that does not change the district leaves the jurisdiction (and writes no move).
    const [current] = await db.select().from(applications).where(eq(applications.id, id));
    const askedAgain = await transitionApplication(db, newClerk, { applicationId: id, transition: 'request_more_material', expectedVersion: current!.version, reason: composeMaterialRequest(['不动产权证号'], '证号不清') }, ctx);
    if (askedAgain.status !== 'ok') throw new Error(JSON.stringify(askedAgain));
    await transitionApplication(db, citizen, { applicationId: id, transition: 'resubmit', expectedVersion: askedAgain.data.version }, ctx, [], { propertyCertificateNumber: '鄂2026-000003' });
    expect((await db.select().from(applications).where(eq(applications.id, id)))[0]!.districtCode).toBe('420102');
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, 'application.jurisdiction_moved')))).toHaveLength(1);
  });
});
