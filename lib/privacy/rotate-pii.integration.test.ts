import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Connection } from '@/db/connect';
import { applications, outboxMessages, residents } from '@/db/schema';
import { requestSignInCode } from '@/lib/auth/citizen-sign-in';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { decryptValue, PiiDecryptionError } from './field-encryption';
import { addActivePiiKey, dropInactivePiiKeys, getPiiKeyRing, setPiiKeyRing } from './pii-keys';
import { countStalePii, encryptPiiAtRest, PII_TABLES } from './rotate-pii';

const SECRET = 'test-secret-for-one-time-codes';
const NOW = new Date('2026-11-27T02:00:00Z');
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe.each(TEST_TARGETS)('npm run pii:encrypt on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    setPiiKeyRing(undefined);
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => {
    setPiiKeyRing(undefined);
    await connection?.close();
  });

  it('encrypts clear rows, moves every value to a new key in batches, is idempotent, and the old key can then be dropped', async () => {
    const { db } = connection;
    const first = getPiiKeyRing();
    expect(total(await countStalePii(db, first))).toBe(0);

    // A database from before encryption: some residents, an application and an outbox message in clear, without indexes.
    const legacy = (await db.select().from(residents).where(eq(residents.status, 'active')).limit(5)).slice(0, 5);
    for (const r of legacy) {
      await db.execute(sql`update residents set id_number = ${r.idNumber}, phone = ${r.phone}, id_number_index = null, phone_index = null where id = ${r.id}`);
    }
    const [app] = await db.select().from(applications).limit(1);
    const form = { ...(app!.formData as Record<string, unknown>), contactPhone: legacy[0]!.phone };
    await db.execute(sql`update applications set contact_phone = ${legacy[0]!.phone}, form_data = ${JSON.stringify(form)}::jsonb where id = ${app!.id}`);
    await db.execute(sql`insert into outbox_messages (kind, payload) values ('sms', ${JSON.stringify({ to: legacy[1]!.phone, text: 'hello' })}::jsonb)`);
    const [oldValue] = await queryRows<{ phone: string }>(db, sql`select phone from residents where id not in (${sql.join(legacy.map((r) => sql`${r.id}`), sql`, `)}) limit 1`);
    // Five residents, the application (its column and its form, counted per check) and the message.
    expect(total(await countStalePii(db, first))).toBe(5 + 2 + 1);

    // Rotate: a new active key; the old one still decrypts until the job has run.
    const rotated = addActivePiiKey(first);
    expect(rotated.active).not.toBe(first.active);
    setPiiKeyRing(rotated);
    const report = await encryptPiiAtRest(db, rotated, { batchSize: 7 });
    expect(report.map((r) => r.table)).toEqual(PII_TABLES.map((t) => t.table));
    expect(report.find((r) => r.table === 'residents')!.updated).toBe(report.find((r) => r.table === 'residents')!.scanned);
    expect(total(await countStalePii(db, rotated))).toBe(0);
    for (const spec of PII_TABLES) {
      for (const column of spec.columns) {
        const [stale] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(spec.table)} where ${sql.identifier(column.name)} not like ${`p1.${rotated.active}.%`}`);
        expect(Number(stale!.n), `${spec.table}.${column.name}`).toBe(0);
      }
      for (const name of spec.json) {
        const [old] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(spec.table)} where ${sql.identifier(name)}::text like ${`%p1.${first.active}.%`}`);
        expect(Number(old!.n), `${spec.table}.${name}`).toBe(0);
      }
    }
    // Idempotent: a second run changes nothing.
    expect((await encryptPiiAtRest(db, rotated, { batchSize: 7 })).every((r) => r.updated === 0)).toBe(true);

    // Drop the old key: everything still reads and lookups still match; a value left under the old key would be refused.
    const onlyNew = dropInactivePiiKeys(rotated);
    expect(Object.keys(onlyNew.keys)).toEqual([rotated.active]);
    setPiiKeyRing(onlyNew);
    const all = await db.select().from(residents);
    expect(all.every((r) => /^1\d{10}$/.test(r.phone) && /^\d{17}[\dX]$/.test(r.idNumber))).toBe(true);
    expect(all.find((r) => r.id === legacy[2]!.id)).toMatchObject({ idNumber: legacy[2]!.idNumber, phone: legacy[2]!.phone });
    expect((await db.select().from(applications).where(eq(applications.id, app!.id)))[0]).toMatchObject({ contactPhone: legacy[0]!.phone, formData: { contactPhone: legacy[0]!.phone } });
    const sms = await db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'sms'));
    expect(sms.some((m) => (m.payload as { to: string }).to === legacy[1]!.phone)).toBe(true);
    const signIn = await requestSignInCode(db, { name: legacy[3]!.name, idNumber: legacy[3]!.idNumber, phone: legacy[3]!.phone }, SECRET, NOW);
    expect(signIn).toMatchObject({ status: 'ok' });
    expect(() => decryptValue(onlyNew, oldValue!.phone)).toThrow(PiiDecryptionError);
  });
});
