import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { applicationDocuments, applicationEvents, applications, auditEvents, certificates, mailDispatches, outboxMessages } from '@/db/schema';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { makeDemoPdf } from '@/db/seed';
import { citizenByPhone, staffByUsername, validTransferInput } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import { getApplicationDetail, getDocumentForActor } from './queries';
import { submitApplication } from './submit-application';
import { transitionApplication } from './transition-application';
import { localizeValue, readableText } from '@/lib/i18n/problem';

const ctx = { publicBaseUrl: TEST_BASE_URL };

describe.each(TEST_TARGETS)('applications on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  async function submitted() {
    const { db } = connection;
    const citizen = await citizenByPhone(db, DEMO_CITIZENS[0]!.phone);
    const result = await submitApplication(db, citizen, await validTransferInput(db, citizen));
    if (result.status !== 'ok') throw new Error(JSON.stringify(result));
    return { citizen, applicationId: result.data.applicationId };
  }

  async function auditCount(applicationId: string) {
    const [row] = await connection.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, 'application'), eq(auditEvents.subjectId, applicationId)));
    return row!.n;
  }

  it('submits with documents, a reference number, a deadline, a timeline entry, an audit row and queued messages', async () => {
    const { db } = connection;
    const { applicationId } = await submitted();
    const [app] = await db.select().from(applications).where(eq(applications.id, applicationId));
    expect(app!.status).toBe('submitted');
    expect(app!.referenceNumber).toMatch(/^WH\d{8}\d{6}$/);
    expect(app!.deadlineDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await db.select().from(applicationDocuments).where(eq(applicationDocuments.applicationId, applicationId))).toHaveLength(1);
    expect(await auditCount(applicationId)).toBe(1);
    const mails = await db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'email'));
    expect(mails.some((m) => JSON.stringify(m.payload).includes(app!.referenceNumber))).toBe(true);
  });

  it('walks every legal transition, each writing its timeline and audit rows, and issues a certificate with a dispatch', async () => {
    const { db } = connection;
    const { citizen, applicationId } = await submitted();
    const clerk = await staffByUsername(db, 'clerk06');
    const supervisor = await staffByUsername(db, 'supervisor');
    const steps = [
      { actor: clerk, transition: 'claim', to: 'in_review' },
      { actor: clerk, transition: 'request_more_material', to: 'needs_more_material', reason: '请补充劳动合同' },
      { actor: citizen, transition: 'resubmit', to: 'submitted' },
      { actor: clerk, transition: 'claim', to: 'in_review' },
      { actor: clerk, transition: 'release', to: 'submitted' },
      { actor: clerk, transition: 'claim', to: 'in_review' },
      // The household transfer is countersigned: the clerk's approval waits for the supervisor's.
      { actor: clerk, transition: 'approve', to: 'awaiting_countersign' },
      { actor: supervisor, transition: 'countersign', to: 'approved' },
    ] as const;
    let version = 1;
    for (const [i, step] of steps.entries()) {
      const result = await transitionApplication(db, step.actor, { applicationId, transition: step.transition, expectedVersion: version, reason: 'reason' in step ? step.reason : '' }, ctx);
      expect(result, step.transition).toMatchObject({ status: 'ok', data: { status: step.to } });
      if (result.status === 'ok') version = result.data.version;
      expect(await auditCount(applicationId)).toBe(i + 2);
    }
    // In timeline order (by id, as the case page reads it): PostgreSQL returns rows in no set order without ORDER BY.
    const events = await db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, applicationId)).orderBy(applicationEvents.id);
    expect(events.map((e) => e.toStatus)).toEqual(['submitted', ...steps.map((s) => s.to)]);
    expect(events.find((e) => e.transition === 'approve')!.actorLabel).toContain(clerk.staffNumber);
    const [certificate] = await db.select().from(certificates).where(eq(certificates.applicationId, applicationId));
    expect(certificate!.serialNumber).toMatch(/^ZQ\d{4}\d{6}$/);
    expect(certificate!.pdf.byteLength).toBeGreaterThan(1000);
    const [dispatch] = await db.select().from(mailDispatches).where(eq(mailDispatches.applicationId, applicationId));
    expect(dispatch!.status).toBe('queued');
  });

  it('sends a countersign service to the supervisor after the clerk approves, and refuses a self-countersign', async () => {
    const { db } = connection;
    // The spouse service needs L2 (questionnaire passed in this session).
    const citizen = { ...(await citizenByPhone(db, DEMO_CITIZENS[0]!.phone)), assuranceLevel: 2 };
    const spouseInput = async () => ({
      ...(await validTransferInput(db, citizen, { reason: 'spouse', employer: '' })),
      serviceId: 'household-transfer-spouse',
      files: [{ kind: 'marriage_certificate', fileName: 'marriage.pdf', bytes: await makeDemoPdf('Marriage') }],
    });
    const first = await submitApplication(db, citizen, await spouseInput());
    if (first.status !== 'ok') throw new Error(JSON.stringify(first));
    const applicationId = first.data.applicationId;
    const clerk = await staffByUsername(db, 'clerk06');
    const supervisor = await staffByUsername(db, 'supervisor');
    await transitionApplication(db, clerk, { applicationId, transition: 'claim', expectedVersion: 1 }, ctx);
    expect(await transitionApplication(db, clerk, { applicationId, transition: 'approve', expectedVersion: 2 }, ctx)).toMatchObject({ status: 'ok', data: { status: 'awaiting_countersign' } });
    expect(await db.select().from(certificates).where(eq(certificates.applicationId, applicationId))).toHaveLength(0);
    expect((await transitionApplication(db, clerk, { applicationId, transition: 'countersign', expectedVersion: 3 }, ctx)).status).toBe('forbidden');
    expect(await transitionApplication(db, supervisor, { applicationId, transition: 'countersign', expectedVersion: 3 }, ctx)).toMatchObject({ status: 'ok', data: { status: 'approved' } });
    expect(await db.select().from(certificates).where(eq(certificates.applicationId, applicationId))).toHaveLength(1);

    const second = await submitApplication(db, citizen, await spouseInput());
    if (second.status !== 'ok') throw new Error(JSON.stringify(second));
    const ownId = second.data.applicationId;
    await transitionApplication(db, supervisor, { applicationId: ownId, transition: 'claim', expectedVersion: 1 }, ctx);
    await transitionApplication(db, supervisor, { applicationId: ownId, transition: 'approve', expectedVersion: 2 }, ctx);
    const self = await transitionApplication(db, supervisor, { applicationId: ownId, transition: 'countersign', expectedVersion: 3 }, ctx);
    expect(localizeValue(self, 'en')).toMatchObject({ status: 'forbidden', message: expect.stringMatching(/自己|own/) });
    const [stillWaiting] = await db.select().from(applications).where(eq(applications.id, ownId));
    expect(stillWaiting!.status).toBe('awaiting_countersign');

    // Declining to countersign sends the case back to the clerk who holds it, who may then reject it.
    const third = await submitApplication(db, citizen, await spouseInput());
    if (third.status !== 'ok') throw new Error(JSON.stringify(third));
    const backId = third.data.applicationId;
    await transitionApplication(db, clerk, { applicationId: backId, transition: 'claim', expectedVersion: 1 }, ctx);
    await transitionApplication(db, clerk, { applicationId: backId, transition: 'approve', expectedVersion: 2 }, ctx);
    expect((await transitionApplication(db, supervisor, { applicationId: backId, transition: 'return_for_review', expectedVersion: 3 }, ctx)).status).toBe('invalid');
    expect(await transitionApplication(db, supervisor, { applicationId: backId, transition: 'return_for_review', expectedVersion: 3, reason: '结婚证信息不清晰' }, ctx)).toMatchObject({ status: 'ok', data: { status: 'in_review' } });
    const [returned] = await db.select().from(applications).where(eq(applications.id, backId));
    expect(returned!.claimedByStaffId).toBe(clerk.staffId);
    expect(await transitionApplication(db, clerk, { applicationId: backId, transition: 'reject', expectedVersion: 4, reason: '材料不符' }, ctx)).toMatchObject({ status: 'ok', data: { status: 'rejected' } });
  });

  it('refuses a service above the session’s assurance level', async () => {
    const { db } = connection;
    const citizen = await citizenByPhone(db, DEMO_CITIZENS[0]!.phone, null, 1);
    const input = { ...(await validTransferInput(db, citizen, { reason: 'spouse' })), serviceId: 'household-transfer-spouse' };
    expect(localizeValue(await submitApplication(db, citizen, input), 'en')).toMatchObject({ status: 'forbidden', message: expect.stringMatching(/等级|level/) });
    // The graduate's household transfer needs L3: the real-person check passed as well.
    const atL2 = { ...citizen, assuranceLevel: 2 };
    expect(localizeValue(await submitApplication(db, atL2, await validTransferInput(db, atL2)), 'en')).toMatchObject({ status: 'forbidden', message: expect.stringMatching(/等级|level/) });
  });

  it('takes the requested material with the resubmit, in the same transaction, and refuses a bad file without changing anything', async () => {
    const { db } = connection;
    const { citizen, applicationId } = await submitted();
    const clerk = await staffByUsername(db, 'clerk06');
    await transitionApplication(db, clerk, { applicationId, transition: 'claim', expectedVersion: 1 }, ctx);
    await transitionApplication(db, clerk, { applicationId, transition: 'request_more_material', expectedVersion: 2, reason: '请补充劳动合同' }, ctx);
    const docs = async () => db.select().from(applicationDocuments).where(eq(applicationDocuments.applicationId, applicationId));

    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0, ...new Array(100).fill(0)]);
    const refused = await transitionApplication(db, citizen, { applicationId, transition: 'resubmit', expectedVersion: 3 }, ctx, [
      { kind: 'labour_contract', fileName: 'contract.pdf', bytes: exe },
    ]);
    expect(localizeValue(refused, 'zh-CN')).toMatchObject({ status: 'invalid', fieldErrors: { 'document.labour_contract': [expect.stringMatching(/PDF/)] } });
    expect(await docs()).toHaveLength(1);
    expect((await db.select().from(applications).where(eq(applications.id, applicationId)))[0]).toMatchObject({ status: 'needs_more_material', version: 3 });

    const accepted = await transitionApplication(db, citizen, { applicationId, transition: 'resubmit', expectedVersion: 3 }, ctx, [
      { kind: 'labour_contract', fileName: 'contract.pdf', bytes: await makeDemoPdf('Contract') },
    ]);
    expect(accepted).toMatchObject({ status: 'ok', data: { status: 'submitted' } });
    const [afterResubmit] = await db.select().from(applications).where(eq(applications.id, applicationId));
    expect(afterResubmit!.deadlinePausedDaysLeft).toBeNull();
    expect((await docs()).map((d) => d.kind).sort()).toEqual(['diploma', 'labour_contract']);
    expect((await transitionApplication(db, clerk, { applicationId, transition: 'claim', expectedVersion: 4 }, ctx, [
      { kind: 'labour_contract', fileName: 'again.pdf', bytes: await makeDemoPdf('Again') },
    ])).status).toBe('invalid');
  });

  it('pauses the deadline while the case waits for the citizen and counts the days left again from the resubmission', async () => {
    const { db } = connection;
    const citizen = await citizenByPhone(db, DEMO_CITIZENS[0]!.phone);
    // Submitted Monday 2026-11-23 (Beijing): 3 working days → Thursday 2026-11-26.
    const result = await submitApplication(db, citizen, await validTransferInput(db, citizen), new Date('2026-11-23T02:00:00Z'));
    if (result.status !== 'ok') throw new Error(JSON.stringify(result));
    const applicationId = result.data.applicationId;
    const read = async () => (await db.select().from(applications).where(eq(applications.id, applicationId)))[0]!;
    expect((await read()).deadlineDate).toBe('2026-11-26');
    const clerk = await staffByUsername(db, 'clerk06');
    const at = (iso: string) => ({ ...ctx, now: new Date(iso) });
    await transitionApplication(db, clerk, { applicationId, transition: 'claim', expectedVersion: 1 }, at('2026-11-23T03:00:00Z'));
    // Asked on Tuesday 24th: two working days (25th, 26th) were left.
    await transitionApplication(db, clerk, { applicationId, transition: 'request_more_material', expectedVersion: 2, reason: '请补充劳动合同' }, at('2026-11-24T03:00:00Z'));
    expect((await read()).deadlinePausedDaysLeft).toBe(2);
    // The citizen answers the next Monday (30th): two working days from then is Wednesday 2 December.
    await transitionApplication(db, citizen, { applicationId, transition: 'resubmit', expectedVersion: 3 }, at('2026-11-30T03:00:00Z'));
    expect(await read()).toMatchObject({ status: 'submitted', deadlineDate: '2026-12-02', deadlinePausedDaysLeft: null });
  });

  it('refuses an illegal transition and writes nothing', async () => {
    const { db } = connection;
    const { citizen, applicationId } = await submitted();
    const clerk = await staffByUsername(db, 'clerk06');
    const before = await auditCount(applicationId);
    expect((await transitionApplication(db, clerk, { applicationId, transition: 'countersign', expectedVersion: 1 }, ctx)).status).toBe('forbidden');
    expect((await transitionApplication(db, citizen, { applicationId, transition: 'resubmit', expectedVersion: 1 }, ctx)).status).toBe('conflict');
    expect((await transitionApplication(db, citizen, { applicationId, transition: 'approve', expectedVersion: 1 }, ctx)).status).toBe('forbidden');
    expect((await transitionApplication(db, clerk, { applicationId, transition: 'launch', expectedVersion: 1 }, ctx)).status).toBe('invalid');
    expect(await auditCount(applicationId)).toBe(before);
    const [app] = await db.select().from(applications).where(eq(applications.id, applicationId));
    expect(app).toMatchObject({ status: 'submitted', version: 1 });
  });

  it('does not let a clerk decide an unclaimed case, or a case another clerk claimed', async () => {
    const { db } = connection;
    const { applicationId } = await submitted();
    const clerk = await staffByUsername(db, 'clerk06');
    const other = await staffByUsername(db, 'clerk06b');
    expect(await transitionApplication(db, clerk, { applicationId, transition: 'approve', expectedVersion: 1 }, ctx)).toMatchObject({ status: 'conflict' });
    expect((await transitionApplication(db, other, { applicationId, transition: 'claim', expectedVersion: 1 }, ctx)).status).toBe('ok');
    expect((await transitionApplication(db, clerk, { applicationId, transition: 'approve', expectedVersion: 2 }, ctx)).status).toBe('forbidden');
    expect((await transitionApplication(db, clerk, { applicationId, transition: 'reject', expectedVersion: 2, reason: '理由' }, ctx)).status).toBe('forbidden');
    expect(await db.select().from(certificates).where(eq(certificates.applicationId, applicationId))).toHaveLength(0);
  });

  it('lets exactly one of two clerks claim the same case at once', async () => {
    const { db } = connection;
    const { applicationId } = await submitted();
    const [a, b] = [await staffByUsername(db, 'clerk06'), await staffByUsername(db, 'clerk06b')];
    const results = await Promise.all([
      transitionApplication(db, a, { applicationId, transition: 'claim', expectedVersion: 1 }, ctx),
      transitionApplication(db, b, { applicationId, transition: 'claim', expectedVersion: 1 }, ctx),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['conflict', 'ok']);
    const loser = results.find((r) => r.status === 'conflict');
    expect(loser && 'message' in loser && readableText(loser.message, 'zh-CN')).toMatch(/refresh|reload|刷新|状态/i);
  });

  it('approves exactly once when the same case is approved twice at once, and countersigns once, with one certificate', async () => {
    const { db } = connection;
    const { applicationId } = await submitted();
    const clerk = await staffByUsername(db, 'clerk06');
    const supervisor = await staffByUsername(db, 'supervisor');
    await transitionApplication(db, clerk, { applicationId, transition: 'claim', expectedVersion: 1 }, ctx);
    const approvals = await Promise.all([
      transitionApplication(db, clerk, { applicationId, transition: 'approve', expectedVersion: 2 }, ctx),
      transitionApplication(db, clerk, { applicationId, transition: 'approve', expectedVersion: 2 }, ctx),
    ]);
    expect(approvals.map((r) => r.status).sort()).toEqual(['conflict', 'ok']);
    const results = await Promise.all([
      transitionApplication(db, supervisor, { applicationId, transition: 'countersign', expectedVersion: 3 }, ctx),
      transitionApplication(db, supervisor, { applicationId, transition: 'countersign', expectedVersion: 3 }, ctx),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['conflict', 'ok']);
    expect(await db.select().from(certificates).where(eq(certificates.applicationId, applicationId))).toHaveLength(1);
  });

  it('keeps a citizen out of another citizen’s application and documents', async () => {
    const { db } = connection;
    const { applicationId } = await submitted();
    const stranger = await citizenByPhone(db, DEMO_CITIZENS[1]!.phone);
    expect(await getApplicationDetail(db, stranger, applicationId)).toBeUndefined();
    const [doc] = await db.select().from(applicationDocuments).where(eq(applicationDocuments.applicationId, applicationId));
    expect(await getDocumentForActor(db, stranger, doc!.id)).toBeUndefined();
    expect((await transitionApplication(db, stranger, { applicationId, transition: 'withdraw', expectedVersion: 1 }, ctx)).status).toBe('not_found');
    const clerkElsewhere = await staffByUsername(db, 'clerk02');
    expect(await getApplicationDetail(db, clerkElsewhere, applicationId)).toBeUndefined();
    expect(await getDocumentForActor(db, clerkElsewhere, doc!.id)).toBeUndefined();
    expect((await transitionApplication(db, clerkElsewhere, { applicationId, transition: 'claim', expectedVersion: 1 }, ctx)).status).toBe('not_found');
  });

  it('creates one application when the same submit is retried or double-clicked', async () => {
    const { db } = connection;
    const citizen = await citizenByPhone(db, DEMO_CITIZENS[0]!.phone);
    const input = await validTransferInput(db, citizen);
    const [first, second] = await Promise.all([submitApplication(db, citizen, input), submitApplication(db, citizen, input)]);
    const third = await submitApplication(db, citizen, input);
    expect(first.status).toBe('ok');
    expect(second.status).toBe('ok');
    const ids = [first, second, third].map((r) => (r.status === 'ok' ? r.data.applicationId : null));
    expect(new Set(ids).size).toBe(1);
    expect(await db.select().from(applications).where(eq(applications.idempotencyKey, input.idempotencyKey))).toHaveLength(1);
  });

  describe('bad input gets a clear message and stores nothing', () => {
    async function expectNothingStored<T>(run: () => Promise<T>): Promise<T> {
      const { db } = connection;
      const [apps] = await db.select({ n: count() }).from(applications);
      const [docs] = await db.select({ n: count() }).from(applicationDocuments);
      const [outbox] = await db.select({ n: count() }).from(outboxMessages);
      const result = await run();
      expect((await db.select({ n: count() }).from(applications))[0]!.n).toBe(apps!.n);
      expect((await db.select({ n: count() }).from(applicationDocuments))[0]!.n).toBe(docs!.n);
      expect((await db.select({ n: count() }).from(outboxMessages))[0]!.n).toBe(outbox!.n);
      return result;
    }

    it('a renamed executable posing as a PDF', async () => {
      const { db } = connection;
      const citizen = await citizenByPhone(db, DEMO_CITIZENS[0]!.phone);
      const input = await validTransferInput(db, citizen);
      const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(200).fill(0)]);
      const result = await expectNothingStored(() => submitApplication(db, citizen, { ...input, files: [{ kind: 'diploma', fileName: 'diploma.pdf', bytes: elf }] }));
      expect(localizeValue(result, 'zh-CN')).toMatchObject({ status: 'invalid', fieldErrors: { 'document.diploma': [expect.stringMatching(/PDF/)] } });
    });

    it('an oversized file', async () => {
      const { db } = connection;
      const citizen = await citizenByPhone(db, DEMO_CITIZENS[0]!.phone);
      const input = await validTransferInput(db, citizen);
      const big = new Uint8Array(10 * 1024 * 1024 + 1);
      big.set(new TextEncoder().encode('%PDF-1.7\n'));
      const result = await expectNothingStored(() => submitApplication(db, citizen, { ...input, files: [{ kind: 'diploma', fileName: 'big.pdf', bytes: big }] }));
      expect(localizeValue(result, 'zh-CN')).toMatchObject({ status: 'invalid', fieldErrors: { 'document.diploma': [expect.stringMatching(/10 MB/)] } });
    });

    it('an empty file', async () => {
      const { db } = connection;
      const citizen = await citizenByPhone(db, DEMO_CITIZENS[0]!.phone);
      const input = await validTransferInput(db, citizen);
      const result = await expectNothingStored(() => submitApplication(db, citizen, { ...input, files: [{ kind: 'diploma', fileName: 'empty.pdf', bytes: new Uint8Array() }] }));
      expect(localizeValue(result, 'zh-CN')).toMatchObject({ status: 'invalid', fieldErrors: { 'document.diploma': [expect.stringMatching(/空|empty/i)] } });
    });

    it('a missing document and an invalid form, with a message per field', async () => {
      const { db } = connection;
      const citizen = await citizenByPhone(db, DEMO_CITIZENS[0]!.phone);
      const input = await validTransferInput(db, citizen, { toDistrictCode: '999999', contactPhone: '12345', toAddress: '' });
      const result = await expectNothingStored(() => submitApplication(db, citizen, { ...input, files: [] }));
      expect(result.status).toBe('invalid');
      expect(result.status === 'invalid' && Object.keys(result.fieldErrors ?? {}).sort()).toEqual(['contactPhone', 'document.diploma', 'toAddress', 'toDistrictCode']);
    });
  });
});
