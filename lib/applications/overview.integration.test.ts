import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { applications } from '@/db/schema';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { citizenByPhone, staffByUsername, validTransferInput } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import { getQueueOverview } from './overview';
import { submitApplication } from './submit-application';
import { transitionApplication } from './transition-application';

describe.each(TEST_TARGETS)('supervisor overview on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  it('counts the backlog by service, district and age, decisions per day and per clerk, and the breaches; only for supervisors', async () => {
    const { db } = connection;
    await db.update(applications).set({ status: 'withdrawn' }).where(inArray(applications.status, ['submitted', 'in_review', 'awaiting_countersign']));
    const citizen = await citizenByPhone(db, DEMO_CITIZENS[0]!.phone);
    const ctx = (iso: string) => ({ publicBaseUrl: TEST_BASE_URL, now: new Date(iso) });
    // Two cases submitted Monday 23 November (due Thursday 26th); one is approved on the 24th.
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await submitApplication(db, citizen, await validTransferInput(db, citizen), new Date('2026-11-23T02:00:00Z'));
      if (r.status !== 'ok') throw new Error(JSON.stringify(r));
      ids.push(r.data.applicationId);
    }
    const clerk = await staffByUsername(db, 'clerk06');
    await transitionApplication(db, clerk, { applicationId: ids[0], transition: 'claim', expectedVersion: 1 }, ctx('2026-11-24T01:00:00Z'));
    await transitionApplication(db, clerk, { applicationId: ids[0], transition: 'approve', expectedVersion: 2 }, ctx('2026-11-24T02:00:00Z'));
    // Countersigned the same day: the case leaves the backlog; the countersign is the supervisor's decision.
    const supervisor = await staffByUsername(db, 'supervisor');
    await transitionApplication(db, supervisor, { applicationId: ids[0], transition: 'countersign', expectedVersion: 3 }, ctx('2026-11-24T03:00:00Z'));

    expect((await getQueueOverview(db, clerk)).status).toBe('forbidden');
    const result = await getQueueOverview(db, supervisor, { now: new Date('2026-11-27T02:00:00Z'), days: 7 });
    if (result.status !== 'ok') throw new Error(result.message);
    const o = result.data;
    expect(o.byService).toEqual([{ serviceId: 'household-transfer', name: '户口迁移（落户）', n: 1 }]);
    expect(o.byDistrict).toEqual([{ districtCode: '420106', n: 1 }]);
    expect(o.byAge.find((b) => b.key === '4-7')?.n).toBe(1);
    expect(o.daily).toHaveLength(7);
    expect(o.daily.find((d) => d.day === '2026-11-24')?.n).toBe(2);
    expect(o.perClerk).toHaveLength(2);
    expect(o.perClerk).toEqual(expect.arrayContaining([
      { staffNumber: clerk.staffNumber, displayName: clerk.displayName, n: 1 },
      { staffNumber: supervisor.staffNumber, displayName: supervisor.displayName, n: 1 },
    ]));
    expect(o.breachedCount).toBe(1);
    expect(o.oldestBreaches.map((b) => b.id)).toEqual([ids[1]]);
  });
});
