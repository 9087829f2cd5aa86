import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { auditEvents } from '@/db/schema';
import { demoCitizenIdentities } from '@/db/registry-generator';
import { staffByUsername } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { findEidByIdNumber } from './eid-lookup';

describe.each(TEST_TARGETS)('e-ID lookup by staff on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  it('lets a supervisor find an e-ID by exact ID number, masked, and records the lookup; a clerk may not', async () => {
    const { db } = connection;
    const [li, wang] = demoCitizenIdentities();
    const supervisor = await staffByUsername(db, 'supervisor');
    const found = await findEidByIdNumber(db, supervisor, wang!.idNumber.toLowerCase());
    expect(found).toMatchObject({ status: 'ok', eid: { status: 'active', assuranceLevel: 3 }, holder: { name: wang!.name } });
    expect(JSON.stringify(found)).not.toContain(wang!.idNumber);
    expect((await findEidByIdNumber(db, supervisor, li!.idNumber)).status).toBe('not_found');
    expect((await findEidByIdNumber(db, supervisor, '12345')).status).toBe('invalid');
    expect((await findEidByIdNumber(db, await staffByUsername(db, 'clerk02'), wang!.idNumber)).status).toBe('forbidden');
    const lookups = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'eid.looked_up'), eq(auditEvents.actorId, supervisor.staffId)));
    expect(lookups).toHaveLength(2);
  });
});
