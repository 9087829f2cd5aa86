import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { mailDispatches } from '@/db/schema';
import { approvedDispatchForTest } from '@/lib/testing/delivery-fixtures';
import { staffByUsername } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { dispatchListParamsSchema, exportDispatchesCsv, getDeliveryStats, listDeliveryWorklist, listDispatches } from './queries';
import { transitionDispatch } from './transition-dispatch';

describe.each(TEST_TARGETS)('delivery dashboard on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  it('counts by status like the filtered lists, finds overdue and returned parcels, and computes time to delivery and return rate', async () => {
    const { db } = connection;
    const supervisor = await staffByUsername(db, 'supervisor');
    const handedAt = new Date('2026-11-20T02:00:00Z');
    const now = new Date('2026-11-28T02:00:00Z');
    const move = async (id: string, steps: [string, Record<string, string>?, Date?][]) => {
      for (const [transition, extra, at] of steps) {
        const [d] = await db.select().from(mailDispatches).where(eq(mailDispatches.id, id));
        const r = await transitionDispatch(db, supervisor, { dispatchId: id, transition, expectedVersion: d!.version, ...extra }, at ?? handedAt);
        if (r.status !== 'ok') throw new Error(JSON.stringify(r));
      }
    };
    const baseline = (await getDeliveryStats(db, supervisor, now))!;
    const overdue = await approvedDispatchForTest(db);
    await move(overdue.id, [['print'], ['hand_to_courier', { courier: 'SF', trackingNumber: 'SF1000000001' }]]);
    const delivered = await approvedDispatchForTest(db);
    await move(delivered.id, [['print'], ['hand_to_courier', { trackingNumber: 'EM100000002CN' }], ['deliver', {}, new Date(handedAt.getTime() + 30 * 3_600_000)]]);
    const returned = await approvedDispatchForTest(db);
    await move(returned.id, [['print'], ['hand_to_courier', { trackingNumber: 'EM100000003CN' }], ['return', { reason: '拒收 / Refused' }]]);

    const stats = (await getDeliveryStats(db, supervisor, now))!;
    for (const status of ['queued', 'handed_to_courier', 'delivered', 'returned'] as const) {
      const list = await listDispatches(db, supervisor, dispatchListParamsSchema.parse({ status }), now);
      expect(list.total, status).toBe(stats.byStatus[status]);
    }
    expect(stats.deliveryHours.count).toBe(baseline.deliveryHours.count + 1);
    expect(stats.deliveryHours.p90).toBe(30);
    const { handed, returned: returnedCount } = baseline.returnRate;
    expect(stats.returnRate).toEqual({ handed: handed + 3, returned: returnedCount + 1, rate: Math.round(((returnedCount + 1) / (handed + 3)) * 1000) / 10 });
    const day = (stats_: typeof stats, date: string) => stats_.perDay.find((d) => d.date === date)!;
    expect(day(stats, '2026-11-20').dispatched).toBe(day(baseline, '2026-11-20').dispatched + 3);
    expect(day(stats, '2026-11-21').delivered).toBe(day(baseline, '2026-11-21').delivered + 1);
    expect(stats.total).toBe(baseline.total + 3);

    const worklist = await listDeliveryWorklist(db, supervisor, now);
    expect(worklist.overdue.map((r) => r.id)).toContain(overdue.id);
    expect(worklist.returned.map((r) => r.id)).toEqual([returned.id]);
    // Filters: courier and district.
    const sf = await listDispatches(db, supervisor, dispatchListParamsSchema.parse({ courier: 'SF' }), now);
    expect(sf.rows.map((r) => r.id)).toEqual([overdue.id]);
    const elsewhere = await listDispatches(db, supervisor, dispatchListParamsSchema.parse({ district: '420117' }), now);
    expect(elsewhere.total).toBe(0);
    // Clerks see nothing.
    expect((await listDispatches(db, await staffByUsername(db, 'clerk06'), dispatchListParamsSchema.parse({}), now)).total).toBe(0);
  });

  it('exports the filtered list as CSV with masked names and phones and no ID numbers', async () => {
    const { db } = connection;
    const supervisor = await staffByUsername(db, 'supervisor');
    const csv = (await exportDispatchesCsv(db, supervisor, dispatchListParamsSchema.parse({ status: 'returned' })))!;
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('serial,reference,method,status,courier,tracking_number,district,recipient,phone,created_at,handed_at,delivered_at,signed_by,return_reason');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"拒收 / Refused"');
    expect(lines[1]).toMatch(/"王\*"/);
    expect(lines[1]).toMatch(/"138\*\*\*\*0002"/);
    expect(csv).not.toMatch(/\d{17}[\dX]/);
    expect(await exportDispatchesCsv(db, await staffByUsername(db, 'clerk06'), dispatchListParamsSchema.parse({}))).toBeNull();
  });
});
