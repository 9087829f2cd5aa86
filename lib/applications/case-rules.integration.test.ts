// The case page's buttons and the server read the same predicates (lib/applications/state-machine.ts):
// a supervisor who approved a case is neither shown countersign nor allowed it; escalation is offered
// and accepted only to the clerk holding a case in review, once.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { applications, staffUsers } from '@/db/schema';
import { staffActorFrom, type StaffActor } from '@/lib/auth/actor';
import { makeDemoPdf } from '@/db/seed';
import { citizenByPhone, staffByUsername, validTransferInput } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import { getCaseReview } from './case-review';
import { escalateCase } from './escalate-case';
import { approverOf, canEscalateCase, transitionsForCase } from './state-machine';
import { submitApplication } from './submit-application';
import { transitionApplication } from './transition-application';

const ctx = { publicBaseUrl: TEST_BASE_URL };

describe.each(TEST_TARGETS)('case rules shared by the page and the server on $kind', (target) => {
  let connection: Connection;
  let clerk: StaffActor;
  let supervisor: StaffActor;
  let secondSupervisor: StaffActor;

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    clerk = await staffByUsername(connection.db, 'clerk06');
    supervisor = await staffByUsername(connection.db, 'supervisor');
    const [template] = await connection.db.select().from(staffUsers).where(eq(staffUsers.username, 'supervisor'));
    const [row] = await connection.db
      .insert(staffUsers)
      .values({ ...template!, id: undefined, username: 'supervisor2', staffNumber: '042002', displayName: '第二负责人', createdAt: undefined })
      .returning();
    secondSupervisor = staffActorFrom(row!);
  });
  afterAll(async () => connection?.close());

  async function submittedTransfer(): Promise<string> {
    const citizen = await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone);
    // The spouse's household transfer needs the clerk's approval and the supervisor's countersign.
    const input = {
      ...(await validTransferInput(connection.db, citizen, { reason: 'spouse', employer: '' })),
      serviceId: 'household-transfer-spouse',
      files: [{ kind: 'marriage_certificate', fileName: 'marriage.pdf', bytes: await makeDemoPdf('Marriage') }],
    };
    const submitted = await submitApplication(connection.db, citizen, input);
    if (submitted.status !== 'ok') throw new Error(`submit failed: ${submitted.status}`);
    return submitted.data.applicationId;
  }
  const caseOf = async (id: string) => (await connection.db.select().from(applications).where(eq(applications.id, id)))[0]!;
  /** What the case page offers this person: the same call the page makes. */
  async function buttonsFor(actor: StaffActor, id: string) {
    const review = await getCaseReview(connection.db, actor, id);
    if (!review) throw new Error('case not visible');
    return {
      transitions: transitionsForCase({ ...review.application, approvedByStaffId: approverOf(review.events) }, actor),
      canEscalate: canEscalateCase(review.application, actor),
    };
  }

  it('a supervisor who approved sees no countersign button and is refused; another supervisor may countersign', async () => {
    const id = await submittedTransfer();
    expect((await transitionApplication(connection.db, supervisor, { applicationId: id, transition: 'claim', expectedVersion: 1 }, ctx)).status).toBe('ok');
    expect((await transitionApplication(connection.db, supervisor, { applicationId: id, transition: 'approve', expectedVersion: 2 }, ctx)).status).toBe('ok');
    expect((await caseOf(id)).status).toBe('awaiting_countersign');

    expect((await buttonsFor(supervisor, id)).transitions).not.toContain('countersign');
    const own = await transitionApplication(connection.db, supervisor, { applicationId: id, transition: 'countersign', expectedVersion: 3 }, ctx);
    expect(own.status).toBe('forbidden');
    expect(await caseOf(id)).toMatchObject({ status: 'awaiting_countersign', version: 3 });

    expect((await buttonsFor(secondSupervisor, id)).transitions).toContain('countersign');
    expect((await transitionApplication(connection.db, secondSupervisor, { applicationId: id, transition: 'countersign', expectedVersion: 3 }, ctx)).status).toBe('ok');
    expect((await caseOf(id)).status).toBe('approved');
  });

  it('a clerk approval is countersigned by the supervisor, who is shown the button', async () => {
    const id = await submittedTransfer();
    await transitionApplication(connection.db, clerk, { applicationId: id, transition: 'claim', expectedVersion: 1 }, ctx);
    await transitionApplication(connection.db, clerk, { applicationId: id, transition: 'approve', expectedVersion: 2 }, ctx);
    expect((await buttonsFor(supervisor, id)).transitions).toContain('countersign');
    expect((await transitionApplication(connection.db, supervisor, { applicationId: id, transition: 'countersign', expectedVersion: 3 }, ctx)).status).toBe('ok');
  });

  it('offers and accepts escalation only from the holder of a case in review, and only once', async () => {
    const id = await submittedTransfer();
    const escalate = (actor: StaffActor, version: number) => escalateCase(connection.db, actor, { applicationId: id, expectedVersion: version, reason: '户籍信息存疑，请负责人看一下' });

    // Not claimed yet: no button, refused.
    expect((await buttonsFor(clerk, id)).canEscalate).toBe(false);
    expect((await escalate(clerk, 1)).status).toBe('forbidden');

    await transitionApplication(connection.db, clerk, { applicationId: id, transition: 'claim', expectedVersion: 1 }, ctx);
    expect((await buttonsFor(clerk, id)).canEscalate).toBe(true);
    expect((await buttonsFor(supervisor, id)).canEscalate).toBe(false);
    expect((await escalate(supervisor, 2)).status).toBe('forbidden');
    expect((await escalate(clerk, 2)).status).toBe('ok');

    // Once escalated: no button, and a second escalation (a direct call) is refused.
    expect((await buttonsFor(clerk, id)).canEscalate).toBe(false);
    const again = await escalate(clerk, 2);
    expect(again.status).toBe('conflict');
    const escalatedAt = (await caseOf(id)).escalatedAt;

    // Waiting for the countersign the case is out of the clerk's hands: no button, refused.
    await transitionApplication(connection.db, clerk, { applicationId: id, transition: 'approve', expectedVersion: 2 }, ctx);
    expect((await caseOf(id)).status).toBe('awaiting_countersign');
    expect((await buttonsFor(clerk, id)).canEscalate).toBe(false);
    expect((await escalate(clerk, 3)).status).toBe('conflict');
    expect((await caseOf(id)).escalatedAt).toEqual(escalatedAt);
  });
});
