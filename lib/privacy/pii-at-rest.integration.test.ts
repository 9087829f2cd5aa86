import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Connection } from '@/db/connect';
import { demoCitizenIdentities } from '@/db/registry-generator';
import { applications, credentials, mailDispatches, outboxMessages, residents } from '@/db/schema';
import { transitionApplication } from '@/lib/applications/transition-application';
import { submitApplication } from '@/lib/applications/submit-application';
import { listQueue } from '@/lib/applications/queue';
import { requestSignInCode } from '@/lib/auth/citizen-sign-in';
import { transitionDispatch } from '@/lib/delivery/transition-dispatch';
import { findEidByIdNumber } from '@/lib/identity/eid-lookup';
import { citizenByPhone, staffByUsername, validTransferInput, approveForTest } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import { PiiDecryptionError } from './field-encryption';
import { getPiiKeyRing } from './pii-keys';
import { maskIdNumber } from './mask';
import { piiIndex, sealedKeyId } from './pii-columns';

const SECRET = 'test-secret-for-one-time-codes';
const NOW = new Date('2026-11-27T02:00:00Z');

// An 18-character ID number or an 11-digit mobile number standing on its own (not inside a longer run
// of letters and digits such as a hash, a reference number or a base64 ciphertext).
const CLEAR_PII = '(^|[^0-9A-Za-z])([0-9]{17}[0-9Xx]|1[0-9]{10})($|[^0-9A-Za-z])';

/** Every text, text[] and jsonb column of every table, with the rows whose text shows a clear ID or phone. */
async function findClearPii(connection: Connection): Promise<string[]> {
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    connection.db,
    sql`select table_name, column_name from information_schema.columns
        where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
        order by table_name, column_name`,
  );
  expect(columns.length).toBeGreaterThan(50);
  const hits: string[] = [];
  for (const { table_name, column_name } of columns) {
    const rows = await queryRows<{ v: string }>(
      connection.db,
      sql`select ${sql.identifier(column_name)}::text as v from ${sql.identifier(table_name)} where ${sql.identifier(column_name)}::text ~ ${CLEAR_PII} limit 3`,
    );
    for (const row of rows) hits.push(`${table_name}.${column_name}: ${row.v.slice(0, 120)}`);
  }
  return hits;
}

describe.each(TEST_TARGETS)('personal data at rest on $kind', (target) => {
  let connection: Connection;
  const [li, wang] = demoCitizenIdentities();

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  it('the scan itself finds a clear ID number or phone number put in any column', async () => {
    const { db } = connection;
    const [app] = await db.select({ id: applications.id }).from(applications).limit(1);
    await db.execute(sql`update applications set decision_reason = ${`call ${li!.phone}`} where id = ${app!.id}`);
    expect(await findClearPii(connection)).toEqual([expect.stringContaining('applications.decision_reason')]);
    await db.execute(sql`update applications set decision_reason = null where id = ${app!.id}`);
  });

  it('stores no ID number or mobile number in clear in any column after seeding, sign-in, a household transfer, its approval and mailing', async () => {
    const { db } = connection;
    expect(await findClearPii(connection)).toEqual([]);

    // Sign-in code (an SMS to the phone in the outbox), a submitted transfer (contact phone in the form
    // and its column), its approval (a dispatch with the phone) and the parcel's journey (notices).
    expect(await requestSignInCode(db, { name: li!.name, idNumber: li!.idNumber, phone: li!.phone }, SECRET, NOW)).toMatchObject({ status: 'ok' });
    const citizen = await citizenByPhone(db, li!.phone, 'li@example.test');
    const submitted = await submitApplication(db, citizen, await validTransferInput(db, citizen), NOW);
    if (submitted.status !== 'ok') throw new Error(JSON.stringify(submitted));
    const clerk = await staffByUsername(db, 'clerk06');
    const supervisor = await staffByUsername(db, 'supervisor');
    const applicationId = submitted.data.applicationId;
    const claimed = await transitionApplication(db, clerk, { applicationId, transition: 'claim', expectedVersion: 1 }, { publicBaseUrl: TEST_BASE_URL, now: NOW });
    if (claimed.status !== 'ok') throw new Error(JSON.stringify(claimed));
    // The clerk approves and the supervisor countersigns (the household transfer needs both).
    await approveForTest(db, applicationId, claimed.data.version, NOW);
    const [dispatch] = await db.select().from(mailDispatches).where(eq(mailDispatches.applicationId, applicationId));
    expect(dispatch!.phone).toBe(li!.phone);
    let version = dispatch!.version;
    for (const [transition, extra] of [['print', {}], ['hand_to_courier', { courier: 'EMS', trackingNumber: 'EM900000001CN' }], ['deliver', {}]] as const) {
      const moved = await transitionDispatch(db, supervisor, { dispatchId: dispatch!.id, transition, expectedVersion: version, ...extra }, NOW);
      if (moved.status !== 'ok') throw new Error(JSON.stringify(moved));
      version = moved.data.version;
    }

    expect(await findClearPii(connection)).toEqual([]);
    // … while the portal still reads them in clear through the column types.
    const [application] = await db.select().from(applications).where(eq(applications.id, applicationId));
    expect(application!.contactPhone).toBe(li!.phone);
    expect((application!.formData as { contactPhone: string }).contactPhone).toBe(li!.phone);
    const sms = await db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'sms'));
    expect(sms.length).toBeGreaterThan(0);
    expect(sms.every((m) => (m.payload as { to: string }).to === li!.phone)).toBe(true);
    const [raw] = await queryRows<{ id_number: string; phone: string }>(db, sql`select id_number, phone from residents where id = ${citizen.residentId}`);
    expect(sealedKeyId(raw!.id_number)).toBe(getPiiKeyRing().active);
    expect(sealedKeyId(raw!.phone)).toBe(getPiiKeyRing().active);
  });

  it('still finds people by exact ID number and phone: sign-in, queue search, e-ID lookup', async () => {
    const { db } = connection;
    // Sign-in matches ID number (any case of the check letter) and phone through their blind indexes.
    expect(await requestSignInCode(db, { name: wang!.name, idNumber: wang!.idNumber.toLowerCase(), phone: wang!.phone }, SECRET, NOW)).toMatchObject({ status: 'ok' });
    expect(await requestSignInCode(db, { name: wang!.name, idNumber: wang!.idNumber, phone: li!.phone }, SECRET, NOW)).toMatchObject({ status: 'invalid' });

    const supervisor = await staffByUsername(db, 'supervisor');
    const page = await listQueue(db, supervisor, { status: 'all', q: ` ${wang!.idNumber.toLowerCase()} ` }, { now: NOW });
    expect(page.rows.length).toBeGreaterThan(0);
    const wangApplications = await db
      .select({ id: applications.id })
      .from(applications)
      .innerJoin(residents, eq(residents.id, applications.residentId))
      .where(eq(residents.idNumberIndex, piiIndex('id_number', wang!.idNumber)));
    const wangIds = new Set(wangApplications.map((a) => a.id));
    expect(page.rows.every((r) => wangIds.has(r.id))).toBe(true);
    // The raw-SQL queue decrypts, then masks.
    expect(page.rows.every((r) => r.applicantIdNumberMasked === maskIdNumber(wang!.idNumber))).toBe(true);

    const found = await findEidByIdNumber(db, supervisor, wang!.idNumber);
    expect(found.status).toBe('ok');
  });

  it('refuses a tampered ciphertext instead of returning a wrong value', async () => {
    const { db } = connection;
    const [row] = await queryRows<{ id: string; phone: string }>(db, sql`select id, phone from residents where phone_index is not null limit 1`);
    const bytes = Buffer.from(row!.phone.split('.')[2]!, 'base64url');
    bytes[20] = bytes[20]! ^ 1;
    const tampered = `${row!.phone.split('.').slice(0, 2).join('.')}.${bytes.toString('base64url')}`;
    await db.execute(sql`update residents set phone = ${tampered} where id = ${row!.id}`);
    await expect(db.select().from(residents).where(eq(residents.id, row!.id))).rejects.toThrow(PiiDecryptionError);
    await db.execute(sql`update residents set phone = ${row!.phone} where id = ${row!.id}`);
    expect((await db.select().from(residents).where(eq(residents.id, row!.id)))[0]!.phone).toMatch(/^1\d{10}$/);
  });

  it('keeps credential numbers unique through their blind index', async () => {
    const { db } = connection;
    const [card] = await db.select().from(credentials).limit(1);
    const { id: _id, ...copy } = card!;
    await expect(db.insert(credentials).values(copy)).rejects.toThrow();
  });
});
