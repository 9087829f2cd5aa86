// The case page shows a clerk the applicant's ID number and mobile masked (issue 15: a clerk saw both
// in full on every case they opened). "Show" reveals one value to staff who may open the case — the
// same scope as the page — and each look is on the audit trail. The real session layer and permission
// table run; only next-auth's token and the database are chosen (lib/testing/caller-mocks.ts).
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/connect';
import { applications, auditEvents, residents } from '@/db/schema';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { getCaseView } from '@/lib/applications/case-view';
import { submitHouseholdTransfer } from '@/lib/applications/submit-application';
import { maskIdNumber, maskPhone } from '@/lib/privacy/mask';
import { callerState } from '@/lib/testing/caller-mocks';
import { citizenByPhone, staffByUsername, validTransferInput } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';

const state = callerState;

vi.mock('@/lib/auth/session-cookie', (importOriginal) => import('@/lib/testing/caller-mocks').then((m) => m.sessionCookieMock(importOriginal)));
vi.mock('@/db/client', () => import('@/lib/testing/caller-mocks').then((m) => m.dbClientMock));
vi.mock('@/lib/notifications/outbox-worker', () => ({ kickOutbox: () => {} }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { revealCasePiiAction } = await import('./(staff)/staff/actions');

function form(values: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}

describe.each(TEST_TARGETS)('case page PII on $kind', (target) => {
  let connection: Connection;
  let applicationId: string;
  let fullIdNumber: string;
  let fullPhone: string;

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    state.db = connection.db;
    const owner = await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone);
    // A case for 武昌区 (420106): clerk06 works there, clerk02 (江岸区) does not.
    const submitted = await submitHouseholdTransfer(connection.db, owner, await validTransferInput(connection.db, owner));
    if (submitted.status !== 'ok') throw new Error('setup submit failed');
    applicationId = submitted.data.applicationId;
    const [row] = await connection.db
      .select({ idNumber: residents.idNumber, contactPhone: applications.contactPhone })
      .from(applications)
      .innerJoin(residents, eq(residents.id, applications.residentId))
      .where(eq(applications.id, applicationId));
    fullIdNumber = row!.idNumber;
    fullPhone = row!.contactPhone;
  });
  afterAll(async () => connection?.close());
  beforeEach(() => {
    state.actor = null;
  });

  const auditOf = (action: 'application.pii_revealed' | 'application.viewed_by_staff') =>
    connection.db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.subjectId, applicationId))).orderBy(asc(auditEvents.id));

  it('shows the clerk the ID number and mobile masked, and audits the view', async () => {
    const clerk = await staffByUsername(connection.db, 'clerk06');
    const view = await getCaseView(connection.db, clerk, applicationId);
    expect(view).toBeDefined();
    expect(view!.registry.resident.idNumber).toBe(maskIdNumber(fullIdNumber));
    expect(view!.registry.resident.idNumber).not.toBe(fullIdNumber);
    expect(view!.application.contactPhone).toBe(maskPhone(fullPhone));
    expect(view!.application.contactPhone).not.toBe(fullPhone);
    // Nothing the page is given carries the full values, wherever they might sit.
    const everything = JSON.stringify(view);
    expect(everything).not.toContain(fullIdNumber);
    expect(everything).not.toContain(fullPhone);
    const views = await auditOf('application.viewed_by_staff');
    expect(views.map((v) => v.actorId)).toContain(clerk.staffId);
    expect(await auditOf('application.pii_revealed')).toEqual([]);
  });

  it('reveals the full values to the district’s clerk and writes application.pii_revealed', async () => {
    const clerk = await staffByUsername(connection.db, 'clerk06');
    state.actor = clerk;
    const before = (await auditOf('application.pii_revealed')).length;
    expect(await revealCasePiiAction(null, form({ applicationId, field: 'idNumber' }))).toEqual({ status: 'ok', data: { field: 'idNumber', value: fullIdNumber } });
    expect(await revealCasePiiAction(null, form({ applicationId, field: 'contactPhone' }))).toEqual({ status: 'ok', data: { field: 'contactPhone', value: fullPhone } });
    const reveals = (await auditOf('application.pii_revealed')).slice(before);
    expect(reveals.map((r) => ({ actorType: r.actorType, actorId: r.actorId, subjectType: r.subjectType, field: (r.details as { field?: string } | null)?.field }))).toEqual([
      { actorType: 'staff', actorId: clerk.staffId, subjectType: 'application', field: 'idNumber' },
      { actorType: 'staff', actorId: clerk.staffId, subjectType: 'application', field: 'contactPhone' },
    ]);
    // The trail records which field was looked at, never the value itself.
    expect(JSON.stringify(reveals)).not.toContain(fullIdNumber);
    expect(JSON.stringify(reveals)).not.toContain(fullPhone);
  });

  it('refuses a clerk outside the jurisdiction, a citizen and a signed-out caller, and audits no reveal for them', async () => {
    const before = (await auditOf('application.pii_revealed')).length;
    state.actor = await staffByUsername(connection.db, 'clerk02');
    const stranger = await revealCasePiiAction(null, form({ applicationId, field: 'idNumber' }));
    expect(stranger?.status).toBe('not_found');
    state.actor = await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone);
    const citizen = await revealCasePiiAction(null, form({ applicationId, field: 'idNumber' }));
    expect(citizen?.status).toBe('forbidden');
    state.actor = null;
    const signedOut = await revealCasePiiAction(null, form({ applicationId, field: 'contactPhone' }));
    expect(signedOut?.status).toBe('forbidden');
    for (const result of [stranger, citizen, signedOut]) expect(JSON.stringify(result)).not.toContain(fullIdNumber);
    expect(JSON.stringify(signedOut)).not.toContain(fullPhone);
    expect(await auditOf('application.pii_revealed')).toHaveLength(before);
  });
});
