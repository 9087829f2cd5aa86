import { asc, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import type { Connection } from './connect';
import { jsonRows } from './json-rows';
import { definePrepared } from './prepared';
import { applications, citizenAccounts, credentials, identityUses, residents, verifierTerminals } from './schema';

// jsonRows must give exactly what a plain select of the same columns gives: dates and instants,
// numbers, enums, nulls, and personal data decrypted by its column.
const credentialColumns = { id: credentials.id, kind: credentials.kind, number: credentials.number, issuedOn: credentials.issuedOn, expiresOn: credentials.expiresOn, status: credentials.status };
const applicationColumns = {
  id: applications.id,
  status: applications.status,
  submittedAt: applications.submittedAt,
  createdAt: applications.createdAt,
  deadlineDate: applications.deadlineDate,
  deadlinePausedDaysLeft: applications.deadlinePausedDaysLeft,
  version: applications.version,
};
const useColumns = { id: identityUses.id, result: identityUses.result, detail: identityUses.detail, createdAt: identityUses.createdAt, terminalName: verifierTerminals.name };

describe.each(TEST_TARGETS)('jsonRows on $kind', (target) => {
  let connection: Connection;
  let residentId = '';
  let accountId = '';
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    const { db } = connection;
    // The demo citizen with the most applications, and the credentials of her resident record.
    const [busiest] = await db
      .select({ accountId: applications.citizenAccountId, residentId: citizenAccounts.residentId, count: sql<number>`cast(count(*) as int)` })
      .from(applications)
      .innerJoin(citizenAccounts, eq(citizenAccounts.id, applications.citizenAccountId))
      .groupBy(applications.citizenAccountId, citizenAccounts.residentId)
      .orderBy(desc(sql`count(*)`))
      .limit(1);
    accountId = busiest!.accountId;
    residentId = busiest!.residentId;
    // Identity uses with no terminal (a null from the left join), an instant with microseconds, a null detail.
    await db.insert(identityUses).values([
      { citizenAccountId: accountId, kind: 'terminal_scan', result: 'accepted', detail: null, createdAt: new Date('2026-11-20T02:00:00.123Z') },
      { citizenAccountId: accountId, kind: 'terminal_scan', result: 'replayed', detail: '二次扫码', createdAt: new Date('2026-11-20T02:00:01.5Z') },
    ]);
    await db.execute(sql`update ${identityUses} set created_at = created_at + interval '0.000456 second' where ${identityUses.citizenAccountId} = ${accountId}`);
  });
  afterAll(async () => connection?.close());

  it('reads back what a plain select of the same columns reads, in the subquery’s order', async () => {
    const { db } = connection;
    const plainCredentials = await db.select(credentialColumns).from(credentials).where(eq(credentials.residentId, residentId)).orderBy(asc(credentials.kind), asc(credentials.id));
    const plainApplications = await db.select(applicationColumns).from(applications).where(eq(applications.citizenAccountId, accountId)).orderBy(desc(applications.createdAt), desc(applications.id));
    const plainUses = await db.select(useColumns).from(identityUses).leftJoin(verifierTerminals, eq(verifierTerminals.id, identityUses.terminalId)).where(eq(identityUses.citizenAccountId, accountId)).orderBy(desc(identityUses.id));
    expect(plainCredentials.length).toBeGreaterThan(0);
    expect(plainApplications.length).toBeGreaterThan(1);
    expect(plainUses.map((u) => u.terminalName)).toEqual([null, null]);

    const [folded] = await db
      .select({
        credentials: jsonRows(credentialColumns, (row) => db.select({ row }).from(credentials).where(eq(credentials.residentId, residents.id)).orderBy(asc(credentials.kind), asc(credentials.id))),
        applications: jsonRows(applicationColumns, (row) => db.select({ row }).from(applications).where(eq(applications.citizenAccountId, accountId)).orderBy(desc(applications.createdAt), desc(applications.id))),
        uses: jsonRows(useColumns, (row) => db.select({ row }).from(identityUses).leftJoin(verifierTerminals, eq(verifierTerminals.id, identityUses.terminalId)).where(eq(identityUses.citizenAccountId, accountId)).orderBy(desc(identityUses.id)), { nullable: ['terminalName'] }),
        none: jsonRows(credentialColumns, (row) => db.select({ row }).from(credentials).where(sql`false`)),
      })
      .from(residents)
      .where(eq(residents.id, residentId));
    expect(folded!.credentials).toEqual(plainCredentials);
    expect(folded!.applications).toEqual(plainApplications);
    expect(folded!.uses).toEqual(plainUses);
    expect(folded!.none).toEqual([]);
    // The instants are Dates to the millisecond, as the plain select gives them.
    expect(folded!.uses.map((u) => u.createdAt.toISOString())).toEqual(['2026-11-20T02:00:01.500Z', '2026-11-20T02:00:00.123Z']);
  });

  it('runs prepared, with placeholders inside the subquery and a limit', async () => {
    const firstApplications = definePrepared((db) =>
      db
        .select({
          list: jsonRows(applicationColumns, (row) =>
            db
              .select({ row })
              .from(applications)
              .where(eq(applications.citizenAccountId, sql.placeholder('accountId')))
              .orderBy(desc(applications.createdAt), desc(applications.id))
              .limit(sql.placeholder('limit')),
          ),
        })
        .from(citizenAccounts)
        .where(eq(citizenAccounts.id, sql.placeholder('accountId')))
        .prepare('json_rows_first_applications'),
    );
    const plain = await connection.db.select(applicationColumns).from(applications).where(eq(applications.citizenAccountId, accountId)).orderBy(desc(applications.createdAt), desc(applications.id));
    expect((await firstApplications(connection.db).execute({ accountId, limit: 1 }))[0]!.list).toEqual(plain.slice(0, 1));
    expect((await firstApplications(connection.db).execute({ accountId, limit: null }))[0]!.list).toEqual(plain);
  });

  it('refuses a null in a column that cannot hold one, rather than pass it on', async () => {
    const { db } = connection;
    const query = db
      .select({ uses: jsonRows({ name: verifierTerminals.name }, (row) => db.select({ row }).from(identityUses).leftJoin(verifierTerminals, eq(verifierTerminals.id, identityUses.terminalId)).where(eq(identityUses.citizenAccountId, accountId))) })
      .from(residents)
      .where(eq(residents.id, residentId));
    await expect(query).rejects.toThrow(/name is null/);
  });
});
