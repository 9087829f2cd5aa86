// The catalogue as versioned data (issue 18 item 4): the code catalogue is written as version 1 at
// start; an administrator publishes new services and new versions; an application keeps the version it
// was filed under; the start-up sync never overwrites what the designer published.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { applications, auditEvents, residents, serviceVersions, services } from '@/db/schema';
import { districtName } from '@/lib/places';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { makeDemoPdf } from '@/db/seed';
import { getCitizenApplicationView } from '@/lib/applications/citizen-application-view';
import { submitApplication } from '@/lib/applications/submit-application';
import { citizenByPhone, staffByUsername } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { SERVICE_CATALOG, type ServiceInput } from './catalog';
import { findPublishedService, findServiceForApplyPath, findServiceVersion, getPublishedCatalogue } from './published-catalogue';
import { publishServiceVersion } from './publish-service';
import { getServiceForDesign, listServicesForDesign } from './designer';
import { blankServiceDefinition } from './designer-model';
import { syncServiceCatalog } from './sync-services';
import { msg, readableText } from '@/lib/i18n/problem';


const residenceRegistration: ServiceInput = {
  id: 'residence-registration',
  category: 'household',
  nameZh: '居住登记',
  nameEn: 'Residence registration',
  requiredAssuranceLevel: 2,
  deadlineWorkingDays: 1,
  approvalChain: 'clerk',
  certificateKind: 'residence_permit',
  summaryZh: '来汉居住的非本市户籍人员办理居住登记。',
  summaryEn: 'People registered elsewhere who come to live in Wuhan register their residence.',
  eligibilityZh: '在武汉居住的非本市户籍人员。',
  eligibilityEn: 'People living in Wuhan who are registered elsewhere.',
  fields: [{ kind: 'text', name: 'landlordName', labelZh: '房东姓名', labelEn: 'Landlord’s name', minLength: 2, maxLength: 40 }],
  documents: [{ kind: 'lease', labelZh: '租赁合同', labelEn: 'Lease', isRequired: true }],
  deliveryOptions: ['mail', 'counter'],
};

const mail = { deliveryMethod: 'mail', deliveryDistrictCode: '420106', deliveryStreet: '中南路 88 号 3 栋 1201 室', contactPhone: '13800000001' };

describe.each(TEST_TARGETS)('the catalogue as versioned data on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  it('offers every service of the code catalogue at version 1 after the start-up sync, in the guide’s order', async () => {
    const published = await getPublishedCatalogue(connection.db);
    expect(published.map((s) => s.id)).toEqual(SERVICE_CATALOG.map((s) => s.id));
    for (const service of published) {
      expect(service.version, service.id).toBe(1);
      expect(service, service.id).toEqual({ ...SERVICE_CATALOG.find((s) => s.id === service.id), version: 1 });
    }
  });

  it('names the service an apply page is for, as the step-up passes its path on, and nothing for any other path', async () => {
    expect((await findServiceForApplyPath(connection.db, '/me/apply/migration-permit'))?.nameZh).toBe('准迁证明');
    expect((await findServiceForApplyPath(connection.db, '/me/apply/migration-permit?draft=abc'))?.id).toBe('migration-permit');
    for (const path of ['/me/apply/no-such-service', '/me/apply', '/wallet', '/wallet/checkin?seat=1', '//evil.example/me/apply/migration-permit', '/me/apply/migration-permit/extra']) {
      expect(await findServiceForApplyPath(connection.db, path), path).toBeUndefined();
    }
  });

  it('publishes a new service from the designer; a citizen files it; a later version leaves the filed form as it was and applies to new applications', async () => {
    const db = connection.db;
    const admin = await staffByUsername(db, 'admin');
    const first = await publishServiceVersion(db, admin, { definition: residenceRegistration, basedOnVersion: null });
    expect(first).toEqual({ status: 'ok', data: { serviceId: 'residence-registration', version: 1, isNew: true } });
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'service.published'), eq(auditEvents.subjectId, 'residence-registration')));
    expect(audit).toMatchObject({ actorType: 'staff', actorId: admin.staffId, details: { version: 1, isNew: true } });
    expect((await findPublishedService(db, 'residence-registration'))?.version).toBe(1);

    const citizen = await citizenByPhone(db, DEMO_CITIZENS[0]!.phone, null, 2);
    const lease = { kind: 'lease', fileName: 'lease.pdf', bytes: await makeDemoPdf('Lease') };
    const filed = await submitApplication(db, citizen, { serviceId: 'residence-registration', idempotencyKey: crypto.randomUUID(), form: { landlordName: '王某某', ...mail }, files: [lease] });
    if (filed.status !== 'ok') throw new Error(JSON.stringify(filed));
    const [row] = await db.select({ serviceVersion: applications.serviceVersion }).from(applications).where(eq(applications.id, filed.data.applicationId));
    expect(row?.serviceVersion).toBe(1);

    // Version 2: the landlord's field is relabelled and a required end date of the lease is added.
    const second = {
      ...residenceRegistration,
      fields: [
        { ...residenceRegistration.fields[0]!, labelZh: '出租人姓名', labelEn: 'Lessor’s name' },
        { kind: 'date', name: 'leaseEndsOn', labelZh: '租赁截止日期', labelEn: 'Lease ends on' },
      ],
    } satisfies ServiceInput;
    expect(await publishServiceVersion(db, admin, { definition: second, basedOnVersion: 1 })).toMatchObject({ status: 'ok', data: { version: 2, isNew: false } });
    // Someone editing version 1 at the same time is told, not silently overwritten.
    expect(await publishServiceVersion(db, admin, { definition: residenceRegistration, basedOnVersion: 1 })).toMatchObject({ status: 'conflict' });

    // The filed application still shows the form it was filed with, labels included.
    const view = await getCitizenApplicationView(db, citizen, filed.data.applicationId);
    expect(view?.formRows.map((r) => [r.name, r.label.zh])).toEqual([['landlordName', '房东姓名']]);
    expect((await findServiceVersion(db, 'residence-registration', 1))?.fields).toHaveLength(1);

    // A new application meets version 2.
    expect((await findPublishedService(db, 'residence-registration'))?.version).toBe(2);
    const stale = await submitApplication(db, citizen, { serviceId: 'residence-registration', idempotencyKey: crypto.randomUUID(), form: { landlordName: '王某某', ...mail }, files: [lease] });
    expect(stale.status === 'invalid' && Object.keys(stale.fieldErrors ?? {})).toEqual(['leaseEndsOn']);
    const refiled = await submitApplication(db, citizen, { serviceId: 'residence-registration', idempotencyKey: crypto.randomUUID(), form: { landlordName: '王某某', leaseEndsOn: '2027-06-30', ...mail }, files: [lease] });
    if (refiled.status !== 'ok') throw new Error(JSON.stringify(refiled));
    const [again] = await db.select({ serviceVersion: applications.serviceVersion }).from(applications).where(eq(applications.id, refiled.data.applicationId));
    expect(again?.serviceVersion).toBe(2);
  });

  it('never lets the start-up sync overwrite a designed service, and writes a new version when the code changes a service it still owns', async () => {
    const db = connection.db;
    const admin = await staffByUsername(db, 'admin');
    const booklet = SERVICE_CATALOG.find((s) => s.id === 'household-booklet-reissue')!;
    expect(await publishServiceVersion(db, admin, { definition: { ...booklet, deadlineWorkingDays: 5 }, basedOnVersion: 1 })).toMatchObject({ status: 'ok', data: { version: 2 } });

    const renewal = SERVICE_CATALOG.find((s) => s.id === 'driving-licence-renewal')!;
    const changedInCode = SERVICE_CATALOG.map((s) => (s.id === renewal.id ? { ...s, summaryZh: `${s.summaryZh}（新）` } : s));
    const report = await syncServiceCatalog(db, changedInCode);
    expect(report.updated).toEqual([`${renewal.id}: version 2`]);
    expect(report.deactivated).toEqual([]);

    const [bookletRow] = await db.select().from(services).where(eq(services.id, booklet.id));
    expect(bookletRow).toMatchObject({ deadlineWorkingDays: 5, currentVersion: 2 });
    expect((await findPublishedService(db, renewal.id))?.summaryZh).toMatch(/（新）$/);
    const versions = await db.select({ version: serviceVersions.version, origin: serviceVersions.origin }).from(serviceVersions).where(eq(serviceVersions.serviceId, renewal.id));
    expect(versions.sort((a, b) => a.version - b.version)).toEqual([{ version: 1, origin: 'catalogue' }, { version: 2, origin: 'catalogue' }]);
    // The designed-only service is not the code's to retire.
    expect((await findPublishedService(db, 'residence-registration'))?.version).toBe(2);
    // A second run changes nothing.
    expect(await syncServiceCatalog(db, changedInCode)).toEqual({ added: [], updated: [], deactivated: [] });
  });

  it('refuses a clerk, and names what is wrong in a bad definition by its path', async () => {
    const db = connection.db;
    const clerk = await staffByUsername(db, 'clerk06');
    expect(await publishServiceVersion(db, clerk, { definition: residenceRegistration, basedOnVersion: null })).toMatchObject({ status: 'forbidden' });
    const admin = await staffByUsername(db, 'admin');
    const bad = await publishServiceVersion(db, admin, {
      definition: { ...residenceRegistration, id: 'bad-service', jurisdictionField: 'landlordName', deadlineWorkingDays: 0, documents: [] },
      basedOnVersion: null,
    });
    expect(bad.status).toBe('invalid');
    expect(bad.status === 'invalid' && Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(['deadlineWorkingDays', 'documents', 'jurisdictionField']);
    expect(await findPublishedService(db, 'bad-service')).toBeUndefined();
    // A field may not take the name of one of the form's own inputs, nor carry a page-sized label.
    const clash = await publishServiceVersion(db, admin, {
      definition: { ...residenceRegistration, id: 'clashing-service', fields: [{ ...residenceRegistration.fields[0]!, name: 'contactPhone', labelZh: '电'.repeat(41) }] },
      basedOnVersion: null,
    });
    expect(clash).toMatchObject({ status: 'invalid', fieldErrors: { 'fields.0.name': [msg('problems.services.catalogue.reservedFieldName')], 'fields.0.labelZh': [msg('problems.services.designer.atMostCharacters', { n: 40 })] } });
  });

  it('gives the designer the published list and one service with its history, and nobody else anything', async () => {
    const db = connection.db;
    const admin = await staffByUsername(db, 'admin');
    const list = await listServicesForDesign(db, admin);
    expect(list.map((r) => r.id)).toEqual((await getPublishedCatalogue(db)).map((s) => s.id));
    expect(list.find((r) => r.id === 'residence-registration')).toMatchObject({ version: 2, fieldCount: 2, documentCount: 1 });
    const design = await getServiceForDesign(db, admin, 'residence-registration');
    expect(design?.version).toBe(2);
    expect(design?.definition.fields.map((f) => f.labelZh)).toEqual(['出租人姓名', '租赁截止日期']);
    expect(design?.history.map((h) => [h.version, h.origin, h.publishedBy])).toEqual([
      [2, 'designer', '系统管理员'],
      [1, 'designer', '系统管理员'],
    ]);
    expect(await getServiceForDesign(db, admin, 'no-such-service')).toBeUndefined();
    for (const name of ['clerk06', 'supervisor', 'police']) {
      const staff = await staffByUsername(db, name);
      expect(await listServicesForDesign(db, staff)).toEqual([]);
      expect(await getServiceForDesign(db, staff, 'residence-registration')).toBeUndefined();
    }
  });

  it('refuses what the designer starts a new service from until it is filled in, naming each input by the path the designer gives it', async () => {
    const admin = await staffByUsername(connection.db, 'admin');
    const blank = await publishServiceVersion(connection.db, admin, { definition: blankServiceDefinition(), basedOnVersion: null });
    expect(blank.status).toBe('invalid');
    const keys = blank.status === 'invalid' ? Object.keys(blank.fieldErrors ?? {}) : [];
    expect(keys).toEqual(expect.arrayContaining(['id', 'nameZh', 'nameEn', 'fields.0.name', 'fields.0.labelZh', 'documents.0.kind', 'documents.0.labelEn']));
    expect(blank.status === 'invalid' && blank.fieldErrors?.nameZh).toEqual([msg('problems.common.fillIn')]);
  });

  it('refuses to change, delete or truncate a published version (the database holds it, not only the code)', async () => {
    const { db } = connection;
    const where = and(eq(serviceVersions.serviceId, 'residence-registration'), eq(serviceVersions.version, 1));
    await expect(db.update(serviceVersions).set({ definition: {} }).where(where)).rejects.toThrow();
    await expect(db.delete(serviceVersions).where(where)).rejects.toThrow();
    await expect(db.execute(sql`truncate service_versions cascade`)).rejects.toThrow();
    expect((await findServiceVersion(db, 'residence-registration', 1))?.fields).toHaveLength(1);
    const [row] = await db.select().from(serviceVersions).where(where);
    expect((row?.definition as { fields: unknown[] }).fields).toHaveLength(1);
  });

  it('offers a service limited to some districts only to residents registered there: the others are refused and nothing is written', async () => {
    const { db } = connection;
    const admin = await staffByUsername(db, 'admin');
    const first = await citizenByPhone(db, DEMO_CITIZENS[0]!.phone, null, 2);
    const second = await citizenByPhone(db, DEMO_CITIZENS[1]!.phone, null, 2);
    const districtOf = async (residentId: string) => (await db.select({ d: residents.districtCode }).from(residents).where(eq(residents.id, residentId)))[0]!.d;
    const [home, elsewhere] = [await districtOf(first.residentId), await districtOf(second.residentId)];
    expect(home).not.toBe(elsewhere);
    const pilot = { ...residenceRegistration, id: 'district-pilot', nameZh: '区级试点事项', nameEn: 'District pilot', offeredInDistricts: [home] };
    expect(await publishServiceVersion(db, admin, { definition: pilot, basedOnVersion: null })).toMatchObject({ status: 'ok' });
    expect(await publishServiceVersion(db, admin, { definition: { ...pilot, id: 'nowhere', offeredInDistricts: ['110101'] }, basedOnVersion: null })).toMatchObject({
      status: 'invalid',
      fieldErrors: { offeredInDistricts: [msg('problems.services.catalogue.onlyWuhanDistricts')] },
    });

    const lease = { kind: 'lease', fileName: 'lease.pdf', bytes: await makeDemoPdf('Lease') };
    const file = (citizen: typeof first) => submitApplication(db, citizen, { serviceId: 'district-pilot', idempotencyKey: crypto.randomUUID(), form: { landlordName: '王某某', ...mail }, files: [lease] });
    const before = (await db.select().from(applications).where(eq(applications.serviceId, 'district-pilot'))).length;
    const refused = await file(second);
    expect(refused).toMatchObject({ status: 'forbidden' });
    expect(refused.status === 'forbidden' && readableText(refused.message, 'zh-CN')).toContain(districtName(home));
    expect(await db.select().from(applications).where(eq(applications.serviceId, 'district-pilot'))).toHaveLength(before);
    expect((await file(first)).status).toBe('ok');
  });
});

