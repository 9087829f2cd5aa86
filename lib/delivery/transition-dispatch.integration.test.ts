import { and, count, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { auditEvents, dispatchEvents, mailDispatches, outboxMessages, type MailDispatch } from '@/db/schema';
import { submitApplication } from '@/lib/applications/submit-application';
import { transitionApplication } from '@/lib/applications/transition-application';
import type { StaffActor } from '@/lib/auth/actor';
import { msg, readableText } from '@/lib/i18n/problem';
import { citizenByPhone, staffByUsername, validTransferInput, approveForTest } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import { transitionDispatch } from './transition-dispatch';

describe.each(TEST_TARGETS)('dispatch transitions on $kind', (target) => {
  let connection: Connection;
  let supervisor: StaffActor;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    supervisor = await staffByUsername(connection.db, 'supervisor');
  });
  afterAll(async () => connection?.close());

  /** A freshly approved application's dispatch, made through the real application operations. */
  async function approvedDispatch(): Promise<MailDispatch> {
    const { db } = connection;
    const citizen = await citizenByPhone(db, DEMO_CITIZENS[0]!.phone);
    const submitted = await submitApplication(db, citizen, await validTransferInput(db, citizen));
    if (submitted.status !== 'ok') throw new Error(JSON.stringify(submitted));
    const clerk = await staffByUsername(db, 'clerk06');
    const ctx = { publicBaseUrl: TEST_BASE_URL };
    const applicationId = submitted.data.applicationId;
    const claimed = await transitionApplication(db, clerk, { applicationId, transition: 'claim', expectedVersion: 1 }, ctx);
    if (claimed.status !== 'ok') throw new Error(JSON.stringify(claimed));
    await approveForTest(db, applicationId, 2); // the clerk approves, the supervisor countersigns
    const [dispatch] = await db.select().from(mailDispatches).where(eq(mailDispatches.applicationId, applicationId));
    return dispatch!;
  }

  async function readDispatch(id: string) {
    const [row] = await connection.db.select().from(mailDispatches).where(eq(mailDispatches.id, id));
    return row!;
  }

  async function traceOf(dispatchId: string) {
    const { db } = connection;
    const [events] = await db.select({ n: count() }).from(dispatchEvents).where(eq(dispatchEvents.dispatchId, dispatchId));
    const [audits] = await db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'dispatch.transitioned'), eq(auditEvents.subjectType, 'dispatch'), eq(auditEvents.subjectId, dispatchId)));
    const [outbox] = await db.select({ n: count() }).from(outboxMessages);
    return { events: events!.n, audits: audits!.n, outbox: outbox!.n };
  }

  async function lastOutboxId() {
    const rows = await connection.db.select({ id: outboxMessages.id }).from(outboxMessages);
    return Math.max(0, ...rows.map((r) => r.id));
  }

  /** Makes a legal move and checks it left exactly one timeline row and one audit row. */
  async function move(dispatch: { id: string }, transition: string, extra: Record<string, string> = {}) {
    const before = await traceOf(dispatch.id);
    const { version } = await readDispatch(dispatch.id);
    const result = await transitionDispatch(connection.db, supervisor, { dispatchId: dispatch.id, transition, expectedVersion: version, ...extra });
    expect(result, transition).toMatchObject({ status: 'ok', data: { version: version + 1 } });
    const after = await traceOf(dispatch.id);
    expect(after.events, `${transition} timeline`).toBe(before.events + 1);
    expect(after.audits, `${transition} audit`).toBe(before.audits + 1);
    return result;
  }

  /** Refuses a move and checks nothing at all was written. */
  async function expectRefused(dispatch: { id: string }, input: Record<string, unknown>, status: string, actor: StaffActor = supervisor) {
    const before = await traceOf(dispatch.id);
    const row = await readDispatch(dispatch.id);
    const result = await transitionDispatch(connection.db, actor, { dispatchId: dispatch.id, expectedVersion: row.version, ...input });
    expect(result.status).toBe(status);
    expect(await traceOf(dispatch.id)).toEqual(before);
    expect(await readDispatch(dispatch.id)).toEqual(row);
    return result;
  }

  async function notificationsSince(outboxId: number) {
    const rows = await connection.db.select().from(outboxMessages).where(gt(outboxMessages.id, outboxId)).orderBy(outboxMessages.id);
    return rows.map((r) => ({ kind: r.kind, ...(r.payload as { to: string; text: string; subject?: string }) }));
  }

  it('moves a dispatch from queued to printed, handed to the courier and delivered, telling the citizen at each hand-over', async () => {
    const dispatch = await approvedDispatch();
    expect(dispatch).toMatchObject({ status: 'queued', version: 1 });

    let mark = await lastOutboxId();
    await move(dispatch, 'print');
    expect(await readDispatch(dispatch.id)).toMatchObject({ status: 'printed', version: 2 });
    expect(await notificationsSince(mark)).toEqual([]);

    mark = await lastOutboxId();
    await move(dispatch, 'hand_to_courier', { courier: 'EMS', trackingNumber: 'em123456789cn' });
    expect(await readDispatch(dispatch.id)).toMatchObject({ status: 'handed_to_courier', courier: 'EMS', trackingNumber: 'EM123456789CN' });
    const handed = await notificationsSince(mark);
    expect(handed.map((n) => n.kind).sort()).toEqual(['email', 'sms']);
    expect(handed.find((n) => n.kind === 'sms')).toMatchObject({ to: DEMO_CITIZENS[0]!.phone });
    expect(handed.find((n) => n.kind === 'email')).toMatchObject({ to: 'citizen@example.test' });
    expect(handed.every((n) => n.text.includes('EM123456789CN'))).toBe(true);

    mark = await lastOutboxId();
    await move(dispatch, 'deliver');
    expect(await readDispatch(dispatch.id)).toMatchObject({ status: 'delivered', version: 4 });
    const delivered = await notificationsSince(mark);
    expect(delivered.map((n) => n.kind).sort()).toEqual(['email', 'sms']);
    expect(delivered.every((n) => n.text.includes('已签收'))).toBe(true);

    const timeline = await connection.db.select().from(dispatchEvents).where(eq(dispatchEvents.dispatchId, dispatch.id)).orderBy(dispatchEvents.id);
    expect(timeline.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, 'queued'], // written by the approval that created the dispatch
      ['queued', 'printed'],
      ['printed', 'handed_to_courier'],
      ['handed_to_courier', 'delivered'],
    ]);
    expect(timeline.slice(1).every((e) => e.actorId === supervisor.staffId)).toBe(true);
    expect(timeline[2]!.note).toBe('EMS EM123456789CN');
    const audits = await connection.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'dispatch.transitioned'), eq(auditEvents.subjectId, dispatch.id)))
      .orderBy(auditEvents.id);
    expect(audits.map((a) => (a.details as { transition: string }).transition)).toEqual(['print', 'hand_to_courier', 'deliver']);
    expect(audits.every((a) => a.actorType === 'staff' && a.actorId === supervisor.staffId)).toBe(true);
  });

  it.each([
    { label: 'no tracking number', trackingNumber: '' },
    { label: 'a too short one', trackingNumber: 'EM1234' },
    { label: 'one with punctuation', trackingNumber: 'EM-1234-5678' },
    { label: 'a too long one', trackingNumber: 'EM12345678901234567890CN' },
  ])('refuses handing to the courier with $label and writes nothing', async ({ trackingNumber }) => {
    const dispatch = await approvedDispatch();
    await move(dispatch, 'print');
    const result = await expectRefused(dispatch, { transition: 'hand_to_courier', courier: 'EMS', trackingNumber }, 'invalid');
    expect(result.status === 'invalid' && result.fieldErrors?.trackingNumber?.[0]).toBe(msg('problems.delivery.trackingNumber'));
  });

  it('needs a reason for returned mail, and a returned dispatch can be sent again or held for pickup', async () => {
    const dispatch = await approvedDispatch();
    await move(dispatch, 'print');
    await move(dispatch, 'hand_to_courier', { trackingNumber: 'SF1234567890' });
    expect((await readDispatch(dispatch.id)).courier).toBe('EMS'); // the default courier

    const noReason = await expectRefused(dispatch, { transition: 'return', reason: ' ' }, 'invalid');
    expect(noReason.status === 'invalid' && noReason.fieldErrors?.reason).toBeTruthy();

    const mark = await lastOutboxId();
    await move(dispatch, 'return', { reason: '收件人地址不详 / Address unknown' });
    expect(await readDispatch(dispatch.id)).toMatchObject({ status: 'returned', returnReason: '收件人地址不详 / Address unknown' });
    expect((await notificationsSince(mark)).some((n) => n.kind === 'sms' && n.text.includes('已退回'))).toBe(true);

    const resent = await move(dispatch, 'resend');
    // The returned parcel is closed; a new dispatch with no waybill yet is queued for printing.
    expect(await readDispatch(dispatch.id)).toMatchObject({ status: 'resent', trackingNumber: 'SF1234567890' });
    const newId = resent.status === 'ok' ? resent.data.newDispatchId! : '';
    const again = await readDispatch(newId);
    expect(again).toMatchObject({ status: 'queued', trackingNumber: null, courier: null, previousDispatchId: dispatch.id, certificateId: dispatch.certificateId });
    await move(again, 'print');
    await move(again, 'hand_to_courier', { trackingNumber: 'SF9876543210' });
    await move(again, 'mark_in_transit');
    await move(again, 'return', { reason: '拒收 / Refused' });
    await move(again, 'hold_for_pickup');
    expect(await readDispatch(again.id)).toMatchObject({ status: 'held_for_pickup', trackingNumber: 'SF9876543210' });
    const timeline = async (id: string) =>
      (await connection.db.select().from(dispatchEvents).where(eq(dispatchEvents.dispatchId, id)).orderBy(dispatchEvents.id)).map((e) => e.toStatus);
    expect(await timeline(dispatch.id)).toEqual(['queued', 'printed', 'handed_to_courier', 'returned', 'resent']);
    expect(await timeline(again.id)).toEqual(['queued', 'printed', 'handed_to_courier', 'in_transit', 'returned', 'held_for_pickup']);
    // Collecting needs the counter's identity check, never the generic move.
    await expectRefused(again, { transition: 'collect' }, 'forbidden');
  });

  it('refuses illegal moves with a conflict and writes nothing', async () => {
    const dispatch = await approvedDispatch();
    const deliver = await expectRefused(dispatch, { transition: 'deliver' }, 'conflict');
    expect(deliver.status === 'conflict' && readableText(deliver.message, 'zh-CN')).toBe('该邮件当前状态为“待打印”');
    await expectRefused(dispatch, { transition: 'hold_for_pickup' }, 'conflict');
    await expectRefused(dispatch, { transition: 'hand_to_courier', trackingNumber: 'EM123456789CN' }, 'conflict');
    await move(dispatch, 'print');
    await expectRefused(dispatch, { transition: 'print' }, 'conflict');
    await expectRefused(dispatch, { transition: 'resend' }, 'conflict');
  });

  it('refuses a move made against a stale version', async () => {
    const dispatch = await approvedDispatch();
    await move(dispatch, 'print');
    const before = await traceOf(dispatch.id);
    const stale = await transitionDispatch(connection.db, supervisor, { dispatchId: dispatch.id, transition: 'hand_to_courier', expectedVersion: 1, trackingNumber: 'EM123456789CN' });
    expect(stale.status).toBe('conflict');
    expect(await traceOf(dispatch.id)).toEqual(before);
    expect(await readDispatch(dispatch.id)).toMatchObject({ status: 'printed', version: 2, trackingNumber: null });
  });

  it('lets exactly one of two simultaneous moves of the same dispatch through', async () => {
    const dispatch = await approvedDispatch();
    const results = await Promise.all([
      transitionDispatch(connection.db, supervisor, { dispatchId: dispatch.id, transition: 'print', expectedVersion: 1 }),
      transitionDispatch(connection.db, supervisor, { dispatchId: dispatch.id, transition: 'print', expectedVersion: 1 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['conflict', 'ok']);
    expect(await readDispatch(dispatch.id)).toMatchObject({ status: 'printed', version: 2 });
    expect((await traceOf(dispatch.id)).audits).toBe(1);
  });

  it('forbids a clerk or an admin to move a dispatch, and writes nothing', async () => {
    const dispatch = await approvedDispatch();
    await expectRefused(dispatch, { transition: 'print' }, 'forbidden', await staffByUsername(connection.db, 'clerk06'));
    await expectRefused(dispatch, { transition: 'print' }, 'forbidden', await staffByUsername(connection.db, 'admin'));
  });

  it('answers not found for an unknown dispatch and invalid for an unknown transition', async () => {
    const unknown = await transitionDispatch(connection.db, supervisor, { dispatchId: crypto.randomUUID(), transition: 'print', expectedVersion: 1 });
    expect(unknown.status).toBe('not_found');
    const dispatch = await approvedDispatch();
    await expectRefused(dispatch, { transition: 'teleport' }, 'invalid');
  });
});
