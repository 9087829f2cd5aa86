// The services table follows the catalogue on every start: a running database whose rows differ (a
// service made countersigned, a level raised) is brought in step, with or without the demo seed.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/connect';
import { services } from '@/db/schema';
import { openCleanDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { SERVICE_CATALOG } from './catalog';
import { serviceRowFrom, syncServiceCatalog } from './sync-services';

const state = vi.hoisted(() => ({ connection: null as unknown }));
vi.mock('@/db/client', () => ({ getConnection: async () => state.connection }));
vi.mock('@/lib/jobs/background', () => ({ startBackgroundWork: () => {} }));
vi.mock('@/lib/jobs/shutdown', () => ({ installGracefulShutdown: () => {} }));
vi.stubEnv('DEMO_SEED', 'false');

const { prepareServer } = await import('@/lib/server-start');

const catalogueRows = () => SERVICE_CATALOG.map((s) => serviceRowFrom(s)).sort((a, b) => a.id.localeCompare(b.id));
const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

describe.each(TEST_TARGETS)('the services catalogue kept in step on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openCleanDatabase(target);
    state.connection = connection;
  });
  afterAll(async () => connection?.close());

  it('adds every catalogue service to a database the demo seed never ran on', async () => {
    const report = await syncServiceCatalog(connection.db);
    expect(report.added.sort()).toEqual(SERVICE_CATALOG.map((s) => s.id).sort());
    expect(byId(await connection.db.select().from(services))).toEqual(catalogueRows());
  });

  it('updates rows that differ from the catalogue and stops offering services it no longer has; a second run changes nothing', async () => {
    const countersigned = SERVICE_CATALOG.find((s) => s.approvalChain === 'clerk_and_supervisor')!;
    const oneClerk = SERVICE_CATALOG.find((s) => s.approvalChain === 'clerk')!;
    // A database started with an older catalogue: a countersign flag and a level that have since changed.
    await connection.db.update(services).set({ approvalChain: 'clerk' }).where(eq(services.id, countersigned.id));
    const oldLevel = oneClerk.requiredAssuranceLevel === 1 ? 2 : 1;
    await connection.db.update(services).set({ requiredAssuranceLevel: oldLevel, nameEn: 'Old name' }).where(eq(services.id, oneClerk.id));
    await connection.db.insert(services).values({ ...serviceRowFrom(oneClerk), id: 'retired-service', nameEn: 'Retired' });

    const report = await syncServiceCatalog(connection.db);
    expect(report.added).toEqual([]);
    expect(report.updated).toEqual(expect.arrayContaining([
      `${countersigned.id}: approvalChain clerk → clerk_and_supervisor`,
      `${oneClerk.id}: nameEn Old name → ${oneClerk.nameEn}, requiredAssuranceLevel ${oldLevel} → ${oneClerk.requiredAssuranceLevel}`,
    ]));
    expect(report.updated).toHaveLength(2);
    expect(report.deactivated).toEqual(['retired-service']);
    const rows = byId(await connection.db.select().from(services));
    expect(rows.filter((r) => r.id !== 'retired-service')).toEqual(catalogueRows());
    expect(rows.find((r) => r.id === 'retired-service')?.isActive).toBe(false);

    expect(await syncServiceCatalog(connection.db)).toEqual({ added: [], updated: [], deactivated: [] });
  });

  it('runs on every start: prepareServer brings the rows in step on a database without the demo seed', async () => {
    const countersigned = SERVICE_CATALOG.find((s) => s.approvalChain === 'clerk_and_supervisor')!;
    await connection.db.update(services).set({ approvalChain: 'clerk', deadlineWorkingDays: 60 }).where(eq(services.id, countersigned.id));
    const logged = vi.spyOn(console, 'info').mockImplementation(() => {});
    try {
      await prepareServer();
      expect(logged.mock.calls.flat()).toContainEqual(expect.stringMatching(new RegExp(`^\\[start\\] services catalogue: updated ${countersigned.id}: .*approvalChain clerk → clerk_and_supervisor`)));
    } finally {
      logged.mockRestore();
    }
    const [row] = await connection.db.select().from(services).where(eq(services.id, countersigned.id));
    expect(row).toEqual(serviceRowFrom(countersigned));
  });
});
