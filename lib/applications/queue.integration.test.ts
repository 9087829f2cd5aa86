import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, Database } from '@/db/connect';
import { applications, auditEvents, citizenAccounts, residents } from '@/db/schema';
import type { StaffActor } from '@/lib/auth/actor';
import { staffByUsername } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import { bulkTransition } from './bulk-transition';
import { listQueue, QUEUE_SORT_COLUMNS, type QueueInput, type QueueRow } from './queue';
import { localizeValue } from '@/lib/i18n/problem';

const NOW = new Date('2026-11-25T02:00:00Z'); // Wednesday 25 November 2026, 10:00 in Beijing
const ctx = { publicBaseUrl: TEST_BASE_URL, now: NOW };

/** Every page, following the next cursor from the first; then every page back again from the last. */
async function walk(db: Database, actor: StaffActor, input: QueueInput) {
  const forward: QueueRow[][] = [];
  let page = await listQueue(db, actor, input, { now: NOW });
  forward.push(page.rows);
  const cursors: (string | null)[] = [];
  while (page.nextCursor) {
    cursors.push(page.nextCursor);
    page = await listQueue(db, actor, { ...input, after: page.nextCursor }, { now: NOW });
    forward.push(page.rows);
    if (forward.length > 100) throw new Error('runaway pagination');
  }
  const backward: QueueRow[][] = [page.rows];
  while (page.previousCursor) {
    page = await listQueue(db, actor, { ...input, before: page.previousCursor }, { now: NOW });
    backward.unshift(page.rows);
    if (backward.length > 100) throw new Error('runaway pagination');
  }
  return { forward, backward };
}

const ids = (pages: QueueRow[][]) => pages.flat().map((r) => r.id);

describe.each(TEST_TARGETS)('the queue on $kind', (target) => {
  let connection: Connection;
  let clerk: StaffActor;
  let supervisor: StaffActor;

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    const { db } = connection;
    clerk = await staffByUsername(db, 'clerk06');
    supervisor = await staffByUsername(db, 'supervisor');
    const people = await db.select().from(residents).limit(12);
    const accounts = await db
      .insert(citizenAccounts)
      .values(people.slice(2).map((r) => ({ residentId: r.id })))
      .onConflictDoNothing()
      .returning();
    // 90 cases with many ties: 5 submission instants, 4 deadlines, two services, three statuses, two districts.
    const statuses = ['submitted', 'in_review', 'awaiting_countersign', 'approved', 'needs_more_material'] as const;
    await db.insert(applications).values(
      Array.from({ length: 90 }, (_, i) => {
        const account = accounts[i % accounts.length]!;
        const status = statuses[i % statuses.length]!;
        return {
          referenceNumber: `WH20261120${String(900000 + i)}`,
          serviceId: i % 3 === 0 ? 'household-transfer-spouse' : 'household-transfer',
          citizenAccountId: account.id,
          residentId: account.residentId,
          districtCode: i % 4 === 3 ? '420111' : '420106',
          status,
          formData: {},
          deliveryAddress: '武汉市',
          contactPhone: '13800000000',
          idempotencyKey: `queue-test-${i}`,
          submittedAt: new Date(Date.UTC(2026, 10, 16 + (i % 5), 2)),
          deadlineDate: ['2026-11-23', '2026-11-25', '2026-11-26', '2026-12-01'][i % 4]!,
          claimedByStaffId: status === 'submitted' || status === 'needs_more_material' ? null : i % 2 === 0 ? clerk.staffId : supervisor.staffId,
        };
      }),
    );
  });
  afterAll(async () => connection?.close());

  it.each(QUEUE_SORT_COLUMNS.flatMap((sort) => (['asc', 'desc'] as const).map((dir) => ({ sort, dir }))))(
    'pages through every case once, in order, both ways, sorted by $sort $dir (ties broken by id)',
    async ({ sort, dir }) => {
      const { db } = connection;
      for (const [actor, status] of [
        [clerk, 'all'],
        [supervisor, 'open'],
        [supervisor, 'all'],
      ] as const) {
        const input = { sort, dir, status, pageSize: 7 } as const;
        const { forward, backward } = await walk(db, actor, input);
        const seen = ids(forward);
        expect(new Set(seen).size, 'no duplicates').toBe(seen.length);
        // The same set the database holds for this scope, nothing missing.
        const expected = await db
          .select({ id: applications.id, districtCode: applications.districtCode, status: applications.status })
          .from(applications)
          .where(actor.role === 'clerk' ? inArray(applications.districtCode, actor.districtCodes) : undefined);
        const wanted = expected.filter((r) => r.status !== 'draft' && (status === 'all' || ['submitted', 'in_review', 'awaiting_countersign'].includes(r.status)));
        expect([...seen].sort()).toEqual(wanted.map((r) => r.id).sort());
        // Sorted by the key, then by id, in the asked direction.
        const rows = forward.flat();
        const keyOf = (r: QueueRow) =>
          sort === 'submittedAt' ? r.submittedAt!.toISOString() : sort === 'deadlineDate' ? r.deadlineDate! : sort === 'referenceNumber' ? r.referenceNumber : String(['draft', 'submitted', 'in_review', 'needs_more_material', 'awaiting_countersign', 'approved', 'rejected', 'withdrawn'].indexOf(r.status)).padStart(2, '0');
        const compare = (a: QueueRow, b: QueueRow) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        const sorted = [...rows].sort((a, b) => (dir === 'asc' ? compare(a, b) : compare(b, a)));
        expect(rows.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
        // Walking back from the last page gives the very same pages.
        expect(backward.map((p) => p.map((r) => r.id))).toEqual(forward.map((p) => p.map((r) => r.id)));
        expect(forward.slice(0, -1).every((p) => p.length === 7)).toBe(true);
      }
    },
  );

  it('keeps a clerk to their districts, masks ID numbers, and filters by service, status, district, deadline and assignee', async () => {
    const { db } = connection;
    const all = ids((await walk(db, clerk, { status: 'all', pageSize: 50 })).forward);
    const rows = await db.select().from(applications).where(inArray(applications.id, all));
    expect(rows.every((r) => r.districtCode === '420106')).toBe(true);
    const first = await listQueue(db, clerk, { status: 'all' }, { now: NOW });
    expect(first.rows.every((r) => /^\d{3}\*{11}[\dX]{4}$/.test(r.applicantIdNumberMasked))).toBe(true);

    const only = async (actor: StaffActor, input: QueueInput) => (await walk(db, actor, { pageSize: 10, ...input })).forward.flat();
    expect((await only(clerk, { status: 'all', service: 'household-transfer-spouse' })).every((r) => r.serviceId === 'household-transfer-spouse')).toBe(true);
    expect((await only(clerk, { status: 'in_review' })).every((r) => r.status === 'in_review')).toBe(true);
    expect(await only(clerk, { status: 'all', district: '420111' })).toEqual([]);
    const hongshan = await only(supervisor, { status: 'all', district: '420111' });
    expect(hongshan.length).toBeGreaterThan(0);
    expect(hongshan.every((r) => r.districtCode === '420111')).toBe(true);

    const overdue = await only(supervisor, { status: 'all', due: 'overdue' });
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((r) => r.deadlineDate! < '2026-11-25' && ['submitted', 'in_review', 'awaiting_countersign'].includes(r.status))).toBe(true);
    const today = await only(supervisor, { due: 'today' });
    expect(today.length).toBeGreaterThan(0);
    expect(today.every((r) => r.deadlineDate === '2026-11-25')).toBe(true);
    // Due soon: today or the next working day (Thursday 26th), not next week.
    const soon = await only(supervisor, { due: 'soon' });
    expect(new Set(soon.map((r) => r.deadlineDate))).toEqual(new Set(['2026-11-25', '2026-11-26']));

    const mine = await only(clerk, { status: 'all', assignee: 'mine' });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.claimedByStaffId === clerk.staffId)).toBe(true);
    const unassigned = await only(clerk, { status: 'all', assignee: 'unassigned' });
    expect(unassigned.length).toBeGreaterThan(0);
    expect(unassigned.every((r) => r.claimedByStaffId === null)).toBe(true);
  });

  it('searches by exact reference, exact ID number or name, within scope', async () => {
    const { db } = connection;
    const [someCase] = await db.select().from(applications).where(eq(applications.referenceNumber, 'WH20261120900000'));
    const [applicant] = await db.select().from(residents).where(eq(residents.id, someCase!.residentId));
    const byRef = await listQueue(db, clerk, { status: 'all', q: 'wh20261120900000' }, { now: NOW });
    expect(byRef.rows.map((r) => r.referenceNumber)).toEqual(['WH20261120900000']);
    const byId = (await walk(db, supervisor, { status: 'all', q: applicant!.idNumber, pageSize: 50 })).forward.flat();
    expect(byId.length).toBeGreaterThan(0);
    expect(byId.every((r) => r.applicantName === applicant!.name)).toBe(true);
    const byName = (await walk(db, supervisor, { status: 'all', q: applicant!.name, pageSize: 50 })).forward.flat();
    expect(byName.map((r) => r.id)).toEqual(expect.arrayContaining(byId.map((r) => r.id)));
    // A case of another district is not found by its reference either.
    const [elsewhere] = await db.select().from(applications).where(eq(applications.districtCode, '420111')).limit(1);
    expect((await listQueue(db, clerk, { status: 'all', q: elsewhere!.referenceNumber }, { now: NOW })).rows).toEqual([]);
  });

  it('ignores a tampered cursor instead of failing', async () => {
    const forged = (key: string) => Buffer.from(JSON.stringify([key, '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    for (const [sort, after] of [
      ['deadlineDate', 'bm90LWEtY3Vyc29y'],
      ['deadlineDate', forged('not-a-date')],
      ['status', forged('launched')],
      ['submittedAt', forged("2026-11-20'; drop table applications; --")],
    ] as const) {
      const page = await listQueue(connection.db, clerk, { status: 'all', sort, after }, { now: NOW });
      expect(page.rows.length, `${sort} ${after}`).toBeGreaterThan(0);
      expect(page.previousCursor).toBeNull();
    }
  });

  it('claims several cases at once, each on its own version, and reports the one someone else took', async () => {
    const { db } = connection;
    const open = (await listQueue(db, clerk, { status: 'submitted', assignee: 'unassigned', pageSize: 5 }, { now: NOW })).rows.slice(0, 3);
    expect(open).toHaveLength(3);
    const other = await staffByUsername(db, 'clerk06b');
    await bulkTransition(db, other, { transition: 'claim', items: [{ applicationId: open[2]!.id, expectedVersion: open[2]!.version }] }, ctx);
    const result = await bulkTransition(db, clerk, { transition: 'claim', items: open.map((r) => ({ applicationId: r.id, expectedVersion: r.version })) }, ctx);
    expect(result).toMatchObject({ status: 'ok', data: { succeeded: 2 } });
    expect(result.status === 'ok' && result.data.outcomes.map((o) => o.status)).toEqual(['ok', 'ok', 'conflict']);
    const after = await db.select().from(applications).where(inArray(applications.id, open.map((r) => r.id)));
    expect(after.filter((r) => r.claimedByStaffId === clerk.staffId)).toHaveLength(2);
    expect(after.every((r) => r.status === 'in_review' && r.claimExpiresAt!.getTime() > NOW.getTime())).toBe(true);
    const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'application.transitioned'), inArray(auditEvents.subjectId, open.map((r) => r.id))));
    expect(audits).toHaveLength(3);
  });

  it('lets only a supervisor assign, and only to a clerk of the case’s district', async () => {
    const { db } = connection;
    const [candidate] = (await listQueue(db, supervisor, { status: 'submitted', district: '420106', assignee: 'unassigned' }, { now: NOW })).rows;
    const item = { applicationId: candidate!.id, expectedVersion: candidate!.version };
    const clerk02 = await staffByUsername(db, 'clerk02');
    expect((await bulkTransition(db, clerk, { transition: 'assign', items: [item], assigneeStaffId: clerk.staffId }, ctx)).status).toBe('forbidden');
    const wrongDistrict = await bulkTransition(db, supervisor, { transition: 'assign', items: [item], assigneeStaffId: clerk02.staffId }, ctx);
    expect(wrongDistrict.status === 'ok' && wrongDistrict.data.outcomes[0]).toMatchObject({ status: 'invalid' });
    const assigned = await bulkTransition(db, supervisor, { transition: 'assign', items: [item], assigneeStaffId: clerk.staffId }, ctx);
    expect(assigned).toMatchObject({ status: 'ok', data: { succeeded: 1 } });
    const [row] = await db.select().from(applications).where(eq(applications.id, candidate!.id));
    expect(row).toMatchObject({ status: 'in_review', claimedByStaffId: clerk.staffId });
  });

  it('holds a claim until it expires, then lets another clerk take the case over', async () => {
    const { db } = connection;
    const [candidate] = (await listQueue(db, clerk, { status: 'submitted', assignee: 'unassigned' }, { now: NOW })).rows;
    const id = candidate!.id;
    const other = await staffByUsername(db, 'clerk06b');
    const claimed = await bulkTransition(db, clerk, { transition: 'claim', items: [{ applicationId: id, expectedVersion: candidate!.version }] }, ctx);
    expect(claimed).toMatchObject({ status: 'ok', data: { succeeded: 1 } });
    const { transitionApplication } = await import('./transition-application');
    const version = candidate!.version + 1;
    const early = await transitionApplication(db, other, { applicationId: id, transition: 'claim', expectedVersion: version }, { ...ctx, now: new Date(NOW.getTime() + 60_000) });
    expect(localizeValue(early, 'zh-CN')).toMatchObject({ status: 'conflict', message: expect.stringContaining(`警号 ${clerk.staffNumber} 受理`) });
    const late = await transitionApplication(db, other, { applicationId: id, transition: 'claim', expectedVersion: version }, { ...ctx, now: new Date(NOW.getTime() + 9 * 3_600_000) });
    expect(late).toMatchObject({ status: 'ok', data: { status: 'in_review' } });
    // The first clerk no longer holds it: a decision from them is refused, and nothing changes.
    const stale = await transitionApplication(db, clerk, { applicationId: id, transition: 'approve', expectedVersion: version + 1 }, ctx);
    expect(stale.status).toBe('forbidden');
  });
});
