// A clerk acts only in their own district(s): a case elsewhere is "not found" on the case page's
// query, its documents, the queue and every staff action called directly (skipping the pages).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/connect';
import { applicationDocuments, applicationNotes, applications, auditEvents } from '@/db/schema';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { getCaseReview } from '@/lib/applications/case-review';
import { listQueue } from '@/lib/applications/queue';
import { submitApplication } from '@/lib/applications/submit-application';
import { callerState } from '@/lib/testing/caller-mocks';
import { citizenByPhone, staffByUsername, validTransferInput } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';

const state = callerState;

vi.mock('@/lib/auth/session-cookie', (importOriginal) => import('@/lib/testing/caller-mocks').then((m) => m.sessionCookieMock(importOriginal)));
vi.mock('@/db/client', () => import('@/lib/testing/caller-mocks').then((m) => m.dbClientMock));
vi.mock('@/lib/notifications/outbox-worker', () => ({ kickOutbox: () => {} }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/headers', () => ({ cookies: async () => ({ set: () => {} }) }));

const { getStaffOrFailure } = await import('@/lib/auth/session');
const { STAFF_ROLES_THAT } = await import('@/lib/auth/permissions');
const { caseTransitionAction, addCaseNoteAction, escalateCaseAction } = await import('./(staff)/staff/actions');
const { bulkQueueAction } = await import('./(staff)/staff/queue/actions');
const documentRoute = await import('./api/documents/[id]/route');

function form(values: Record<string, string | number>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, String(v));
  return data;
}

describe.each(TEST_TARGETS)('jurisdiction on $kind', (target) => {
  let connection: Connection;
  let applicationId: string;
  let documentId: string;

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    state.db = connection.db;
    const owner = await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone);
    // A case for 武昌区 (420106): clerk06 and clerk06b work there, clerk02 in 江岸区 does not.
    const submitted = await submitApplication(connection.db, owner, await validTransferInput(connection.db, owner));
    if (submitted.status !== 'ok') throw new Error('setup submit failed');
    applicationId = submitted.data.applicationId;
    documentId = (await connection.db.select().from(applicationDocuments).where(eq(applicationDocuments.applicationId, applicationId)))[0]!.id;
  });
  afterAll(async () => connection?.close());
  beforeEach(() => {
    state.actor = null;
  });

  const row = async () => (await connection.db.select().from(applications).where(eq(applications.id, applicationId)))[0]!;

  it('gives a clerk of another district not-found for the case, its document and every action, and changes nothing', async () => {
    const { db } = connection;
    const stranger = await staffByUsername(db, 'clerk02');
    state.actor = stranger;
    expect(await getCaseReview(db, stranger, applicationId)).toBeUndefined();
    expect((await documentRoute.GET(new Request('http://x'), { params: Promise.resolve({ id: documentId }) })).status).toBe(404);
    for (const transition of ['claim', 'approve', 'reject', 'request_more_material', 'release']) {
      const result = await caseTransitionAction(null, form({ applicationId, transition, expectedVersion: 1, reason: '理由理由' }));
      expect(result?.status, transition).toBe('not_found');
    }
    expect(await bulkQueueAction({ transition: 'claim', items: [{ applicationId, expectedVersion: 1 }] })).toMatchObject({
      status: 'ok',
      data: { succeeded: 0, outcomes: [{ status: 'not_found' }] },
    });
    expect((await addCaseNoteAction(null, form({ applicationId, body: '看看' })))?.status).toBe('not_found');
    expect((await escalateCaseAction(null, form({ applicationId, expectedVersion: 1, reason: '请负责人处理' })))?.status).toBe('not_found');
    const queue = await listQueue(db, stranger, { status: 'all', q: (await row()).referenceNumber });
    expect(queue.rows).toEqual([]);
    expect(await row()).toMatchObject({ status: 'submitted', version: 1, claimedByStaffId: null, escalatedAt: null });
    expect(await db.select().from(applicationNotes).where(eq(applicationNotes.applicationId, applicationId))).toEqual([]);
  });

  it('lets the district’s clerk see, claim, note and escalate the same case, each on the audit trail', async () => {
    const { db } = connection;
    const clerk = await staffByUsername(db, 'clerk06');
    state.actor = clerk;
    const review = await getCaseReview(db, clerk, applicationId);
    expect(review?.checks.every((check) => check.isOk)).toBe(true);
    expect((await documentRoute.GET(new Request('http://x'), { params: Promise.resolve({ id: documentId }) })).status).toBe(200);
    expect(await caseTransitionAction(null, form({ applicationId, transition: 'claim', expectedVersion: 1 }))).toMatchObject({ status: 'ok' });
    expect(await addCaseNoteAction(null, form({ applicationId, body: '材料齐全，待核实单位' }))).toMatchObject({ status: 'ok' });
    expect(await escalateCaseAction(null, form({ applicationId, expectedVersion: 2, reason: '单位信息存疑，请负责人把关' }))).toMatchObject({ status: 'ok' });
    // The other clerk of the district may look, but may not escalate a case they do not hold.
    state.actor = await staffByUsername(db, 'clerk06b');
    expect((await escalateCaseAction(null, form({ applicationId, expectedVersion: 2, reason: '我也想升级' })))?.status).toBe('forbidden');
    const actions = (await db.select().from(auditEvents).where(and(eq(auditEvents.subjectType, 'application'), eq(auditEvents.subjectId, applicationId)))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['application.transitioned', 'application.note_added', 'application.escalated']));
    expect((await row()).escalatedAt).not.toBeNull();
    const documentViews = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'document.viewed'), eq(auditEvents.subjectId, documentId)));
    expect(documentViews.length).toBeGreaterThan(0);
  });

  // The operations check the district again, so a broken role check in the session layer would hide
  // behind them; this pins the session layer that every action above goes through.
  it('the session layer gives the queue’s actions to clerks and supervisors only', async () => {
    for (const name of ['admin', 'police']) {
      state.actor = await staffByUsername(connection.db, name);
      expect(await getStaffOrFailure(STAFF_ROLES_THAT.workTheQueue)).toMatchObject({ status: 'forbidden' });
    }
    state.actor = await staffByUsername(connection.db, 'clerk06');
    expect(await getStaffOrFailure(STAFF_ROLES_THAT.workTheQueue)).toMatchObject({ kind: 'staff', role: 'clerk' });
  });
});
