import { and, eq, gt, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { applications, auditEvents, citizenAccounts, dispatchEvents, eids, jobRuns, mailDispatches, outboxMessages, residents } from '@/db/schema';
import { savePreferredLocale } from '@/lib/applications/citizen-notices';
import { reissueCertificate, revokeCertificate } from '@/lib/certificates/revoke-and-reissue';
import { createKeyRing } from '@/lib/crypto/authority-keys';
import { createIdentityQrCodec } from '@/lib/identity/identity-qr';
import { runScheduledJob } from '@/lib/jobs/scheduled-jobs';
import { approvedDispatchForTest } from '@/lib/testing/delivery-fixtures';
import { staffByUsername } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import { pickupReminderCutoff, remindUncollectedPickups } from './pickup-reminders';
import { dispatchListParamsSchema, exportDispatchesCsv, getDeliveryStats, listCounterPickups, listDispatches, listDispatchesReadyToPrint } from './queries';
import { recordCounterPickup } from './record-counter-pickup';
import { transitionDispatch } from './transition-dispatch';

type Message = { kind: 'email' | 'sms'; to: string; subject?: string; text: string };
const CJK = /[\u4e00-\u9fff]/;

describe.each(TEST_TARGETS)('counter pickup and dispatch notices on $kind', (target) => {
  let connection: Connection;
  const codec = createIdentityQrCodec(createKeyRing());
  const now = new Date('2026-11-28T02:00:00Z');
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  /** The account whose cases approvedDispatchForTest copies, set to write in `locale`. */
  async function citizenSpeaks(locale: 'zh-CN' | 'en') {
    const [template] = await connection.db.select().from(applications).where(eq(applications.status, 'in_review')).limit(1);
    await savePreferredLocale(connection.db, template!.citizenAccountId, locale);
  }
  async function lastOutboxId() {
    const rows = await connection.db.select({ id: outboxMessages.id }).from(outboxMessages);
    return rows.reduce((max, r) => Math.max(max, r.id), 0);
  }
  async function messagesSince(mark: number, reference: string): Promise<Message[]> {
    const rows = await connection.db.select().from(outboxMessages).where(gt(outboxMessages.id, mark)).orderBy(outboxMessages.id);
    return rows.map((r) => ({ kind: r.kind, ...(r.payload as { to: string; text: string; subject?: string }) })).filter((m) => `${m.subject ?? ''}${m.text}`.includes(reference));
  }
  async function referenceOf(applicationId: string) {
    const [row] = await connection.db.select({ reference: applications.referenceNumber }).from(applications).where(eq(applications.id, applicationId));
    return row!.reference;
  }
  async function holderIdNumber(applicationId: string) {
    const [row] = await connection.db.select({ idNumber: residents.idNumber }).from(applications).innerJoin(residents, eq(residents.id, applications.residentId)).where(eq(applications.id, applicationId));
    return row!.idNumber;
  }
  async function readDispatch(id: string) {
    const [row] = await connection.db.select().from(mailDispatches).where(eq(mailDispatches.id, id));
    return row!;
  }
  function expectEnglish(messages: Message[]) {
    expect(messages.map((m) => m.kind).sort()).toEqual(['email', 'sms']);
    for (const m of messages) {
      expect(m.subject ?? '', m.subject).not.toMatch(CJK);
      // The body greets the holder by their (Chinese) name; the rest is English only.
      expect(m.text.replace(/^Dear [^,]*,/, ''), m.text).not.toMatch(CJK);
    }
  }

  it('approving a counter-pickup case makes no mail parcel: the certificate waits at the district counter, the citizen is told where, when and what to bring in their language, and only that district’s clerk hands it over after the identity check', async () => {
    const { db } = connection;
    const supervisor = await staffByUsername(db, 'supervisor');
    const clerk = await staffByUsername(db, 'clerk06');
    const otherClerk = await staffByUsername(db, 'clerk02');
    await citizenSpeaks('en');
    const mark = await lastOutboxId();
    const dispatch = await approvedDispatchForTest(db, now, 'counter');
    expect(dispatch).toMatchObject({ method: 'counter', status: 'held_for_pickup', version: 1, trackingNumber: null, printBatchId: null });
    expect(dispatch.address).toContain('武汉市公安局武昌区分局户政窗口');
    const reference = await referenceOf(dispatch.applicationId);
    const events = await db.select().from(dispatchEvents).where(eq(dispatchEvents.dispatchId, dispatch.id));
    expect(events.map((e) => [e.fromStatus, e.toStatus])).toEqual([[null, 'held_for_pickup']]);
    const [created] = await db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, dispatch.id), eq(auditEvents.action, 'dispatch.created')));
    expect(created!.details).toMatchObject({ method: 'counter', status: 'held_for_pickup' });
    // Nothing to print or post.
    expect((await listDispatchesReadyToPrint(db, supervisor)).map((r) => r.id)).not.toContain(dispatch.id);
    expect((await transitionDispatch(db, supervisor, { dispatchId: dispatch.id, transition: 'print', expectedVersion: 1 })).status).toBe('conflict');

    const told = await messagesSince(mark, reference);
    expectEnglish(told);
    const email = told.find((m) => m.kind === 'email')!;
    expect(email.subject).toBe(`[Wuhan Public Security] Application ${reference} approved`);
    expect(email.text).toContain('Where: Service counter, Wuchang District Branch, Wuhan Public Security Bureau');
    expect(email.text).toContain('When: working days 9:00–12:00 and 13:30–17:00');
    expect(email.text).toContain('Bring: come in person with your resident ID card, or show the identity QR in your e-ID wallet');
    expect(told.find((m) => m.kind === 'sms')!.text).toContain('Wuchang District Branch');

    // The counter list: the district's clerks and the supervisor see it; another district's clerk does not.
    expect((await listCounterPickups(db, clerk)).map((r) => r.id)).toContain(dispatch.id);
    expect((await listCounterPickups(db, supervisor)).map((r) => r.id)).toContain(dispatch.id);
    expect((await listCounterPickups(db, otherClerk)).map((r) => r.id)).not.toContain(dispatch.id);

    const idNumber = await holderIdNumber(dispatch.applicationId);
    const byNumber = (n: string) => ({ dispatchId: dispatch.id, expectedVersion: 1, method: 'id_number', idNumber: n });
    expect((await recordCounterPickup(db, otherClerk, byNumber(idNumber), { codec, now })).status).toBe('not_found');
    const wrong = idNumber.slice(0, 16) + (idNumber[16] === '1' ? '2' : '1') + idNumber[17];
    expect((await recordCounterPickup(db, clerk, byNumber(wrong), { codec, now })).status).toBe('forbidden');
    expect(await readDispatch(dispatch.id)).toMatchObject({ status: 'held_for_pickup', version: 1 });

    const handMark = await lastOutboxId();
    expect(await recordCounterPickup(db, clerk, byNumber(idNumber), { codec, now })).toMatchObject({ status: 'ok', data: { status: 'collected', version: 2 } });
    const timeline = await db.select().from(dispatchEvents).where(eq(dispatchEvents.dispatchId, dispatch.id)).orderBy(dispatchEvents.id);
    expect(timeline.map((e) => [e.fromStatus, e.toStatus])).toEqual([[null, 'held_for_pickup'], ['held_for_pickup', 'collected']]);
    const collected = await messagesSince(handMark, reference);
    expectEnglish(collected);
    expect(collected.find((m) => m.kind === 'email')!.text).toContain('You collected your certificate at the counter on');
    expect((await listCounterPickups(db, clerk)).map((r) => r.id)).not.toContain(dispatch.id);
  });

  it('writes every dispatch notice in the citizen’s language: mailed, delivered, returned, held, collected', async () => {
    const { db } = connection;
    const supervisor = await staffByUsername(db, 'supervisor');
    const move = async (id: string, transition: string, extra: Record<string, string> = {}) => {
      const d = await readDispatch(id);
      const r = await transitionDispatch(db, supervisor, { dispatchId: id, transition, expectedVersion: d.version, ...extra }, now);
      if (r.status !== 'ok') throw new Error(JSON.stringify(r));
    };
    await citizenSpeaks('en');
    const delivered = await approvedDispatchForTest(db, now);
    const deliveredRef = await referenceOf(delivered.applicationId);
    await move(delivered.id, 'print');
    let mark = await lastOutboxId();
    await move(delivered.id, 'hand_to_courier', { courier: 'EMS', trackingNumber: 'EM900000001CN' });
    const mailed = await messagesSince(mark, deliveredRef);
    expectEnglish(mailed);
    expect(mailed.every((m) => m.text.includes('EM900000001CN'))).toBe(true);
    mark = await lastOutboxId();
    await move(delivered.id, 'deliver', { signedBy: 'Wang' });
    const deliveredNotice = await messagesSince(mark, deliveredRef);
    expectEnglish(deliveredNotice);
    expect(deliveredNotice.find((m) => m.kind === 'email')!.subject).toBe(`[Wuhan Public Security] Certificate for ${deliveredRef} delivered`);

    const returned = await approvedDispatchForTest(db, now);
    const returnedRef = await referenceOf(returned.applicationId);
    await move(returned.id, 'print');
    await move(returned.id, 'hand_to_courier', { trackingNumber: 'EM900000002CN' });
    mark = await lastOutboxId();
    await move(returned.id, 'return', { reason: '无人签收 / Nobody home' });
    const back = await messagesSince(mark, returnedRef);
    expectEnglish(back);
    expect(back.find((m) => m.kind === 'email')!.text).toContain('Reason: Nobody home.');
    mark = await lastOutboxId();
    await move(returned.id, 'hold_for_pickup');
    const held = await messagesSince(mark, returnedRef);
    expectEnglish(held);
    expect(held.find((m) => m.kind === 'email')!.text).toContain('Where: Service counter, Wuchang District Branch');

    // The same move for a citizen who reads Chinese is written in Chinese only.
    await citizenSpeaks('zh-CN');
    const zh = await approvedDispatchForTest(db, now);
    const zhRef = await referenceOf(zh.applicationId);
    await move(zh.id, 'print');
    mark = await lastOutboxId();
    await move(zh.id, 'hand_to_courier', { trackingNumber: 'EM900000003CN' });
    const zhMailed = await messagesSince(mark, zhRef);
    expect(zhMailed.find((m) => m.kind === 'email')!.subject).toBe(`【武汉公安】申请 ${zhRef} 的证件已寄出`);
    expect(zhMailed.every((m) => !/Your certificate|tracking number/.test(m.text))).toBe(true);
  });

  it('revoking a certificate that waits at the counter withdraws it from the counter; a reissue of a counter-pickup case waits at the counter again; both told in the citizen’s language', async () => {
    const { db } = connection;
    const supervisor = await staffByUsername(db, 'supervisor');
    await citizenSpeaks('en');
    const waiting = await approvedDispatchForTest(db, now, 'counter');
    const reference = await referenceOf(waiting.applicationId);
    let mark = await lastOutboxId();
    expect((await revokeCertificate(db, supervisor, { certificateId: waiting.certificateId, reasonCode: 'issued_in_error' }, now)).status).toBe('ok');
    expect(await readDispatch(waiting.id)).toMatchObject({ status: 'cancelled' });
    const revoked = await messagesSince(mark, reference);
    expect(revoked.map((m) => m.subject).filter(Boolean).sort()).toEqual([`[Wuhan Public Security] Certificate for ${reference} withdrawn from the counter`, expect.stringMatching(/^\[Wuhan Public Security\] Certificate \S+ revoked$/)].sort());
    for (const m of revoked) expect(m.text.replace(/^Dear [^,]*,/, '')).not.toMatch(CJK);
    // A clerk can no longer hand it over.
    const idNumber = await holderIdNumber(waiting.applicationId);
    expect((await recordCounterPickup(db, await staffByUsername(db, 'clerk06'), { dispatchId: waiting.id, expectedVersion: 2, method: 'id_number', idNumber }, { codec, now })).status).toBe('conflict');

    const lost = await approvedDispatchForTest(db, now, 'counter');
    const lostRef = await referenceOf(lost.applicationId);
    mark = await lastOutboxId();
    const reissued = await reissueCertificate(db, supervisor, { certificateId: lost.certificateId, reasonCode: 'damaged' }, { publicBaseUrl: TEST_BASE_URL, now });
    if (reissued.status !== 'ok') throw new Error(JSON.stringify(reissued));
    expect(await readDispatch(lost.id)).toMatchObject({ status: 'cancelled' });
    expect(await readDispatch(reissued.data.dispatchId)).toMatchObject({ method: 'counter', status: 'held_for_pickup', certificateId: reissued.data.certificateId });
    const subjects = (await messagesSince(mark, lostRef)).map((m) => m.subject).filter(Boolean);
    expect(subjects).toContain(`[Wuhan Public Security] Certificate for ${lostRef} reissued`);
    expect(subjects).toContain(`[Wuhan Public Security] Certificate for ${lostRef} ready for collection`);
  });

  it('the delivery dashboard counts counter pickups apart from the mail, and every count equals its filtered list and CSV', async () => {
    const { db } = connection;
    const supervisor = await staffByUsername(db, 'supervisor');
    const before = (await getDeliveryStats(db, supervisor, now))!;
    const waiting = await approvedDispatchForTest(db, now, 'counter');
    const collected = await approvedDispatchForTest(db, now, 'counter');
    expect((await recordCounterPickup(db, supervisor, { dispatchId: collected.id, expectedVersion: 1, method: 'id_number', idNumber: await holderIdNumber(collected.applicationId) }, { codec, now })).status).toBe('ok');
    await approvedDispatchForTest(db, now); // one mailed parcel, queued
    const stats = (await getDeliveryStats(db, supervisor, now))!;
    expect(stats.byMethod.counter.held_for_pickup).toBe(before.byMethod.counter.held_for_pickup + 1);
    expect(stats.byMethod.counter.collected).toBe(before.byMethod.counter.collected + 1);
    // Not "in the mail": the mail counts move only for the parcel.
    expect(stats.byStatus).toEqual({ ...before.byStatus, queued: before.byStatus.queued + 1 });
    expect(stats.total).toBe(before.total + 3);
    for (const method of ['mail', 'counter'] as const) {
      for (const status of ['queued', 'held_for_pickup', 'collected', 'cancelled'] as const) {
        const params = dispatchListParamsSchema.parse({ method, status });
        const list = await listDispatches(db, supervisor, params, now);
        expect(list.total, `${method} ${status}`).toBe(stats.byMethod[method][status]);
        const csv = (await exportDispatchesCsv(db, supervisor, params, now))!;
        expect(csv.replace(/^\uFEFF/, '').trim().split('\r\n').length - 1, `${method} ${status} csv`).toBe(stats.byMethod[method][status]);
      }
    }
    const counterRows = await listDispatches(db, supervisor, dispatchListParamsSchema.parse({ method: 'counter', status: 'held_for_pickup' }), now);
    expect(counterRows.rows.map((r) => r.id)).toContain(waiting.id);
    const csv = (await exportDispatchesCsv(db, supervisor, dispatchListParamsSchema.parse({ method: 'counter' }), now))!;
    expect(csv.split('\r\n')[0]).toBe('\uFEFFserial,reference,method,status,courier,tracking_number,district,recipient,phone,created_at,handed_at,delivered_at,signed_by,return_reason');
    expect(csv).toContain('"counter","held_for_pickup 待自取"');
  });

  it('reminds the holder once when a certificate is still uncollected 30 working days after it became ready, through the once-per-slot job', async () => {
    const { db } = connection;
    await citizenSpeaks('zh-CN');
    // Ready on Tuesday 2026-12-01 (Beijing); 30 working days later is Tuesday 2027-01-12 (New Year's Day is a holiday).
    const readyAt = new Date('2026-12-01T02:00:00Z');
    const waiting = await approvedDispatchForTest(db, readyAt, 'counter');
    const reference = await referenceOf(waiting.applicationId);
    const dayBefore = new Date('2027-01-11T02:00:00Z');
    const dueDay = new Date('2027-01-12T02:00:00Z');
    expect(pickupReminderCutoff(dayBefore).getTime()).toBeLessThanOrEqual(readyAt.getTime());
    expect(pickupReminderCutoff(dueDay).getTime()).toBeGreaterThan(readyAt.getTime());
    // The day before, the items of the earlier tests (ready on 2026-11-28) are reminded, not this one.
    await remindUncollectedPickups(db, { now: dayBefore });
    expect((await readDispatch(waiting.id)).pickupRemindedAt).toBeNull();

    const mark = await lastOutboxId();
    const first = await runScheduledJob(db, 'pickup-reminders', { now: dueDay, instance: 'a' });
    expect(first).toMatchObject({ ran: true, result: { reminded: 1 } });
    // Another instance in the same slot skips; a later slot finds nothing left to remind.
    expect(await runScheduledJob(db, 'pickup-reminders', { now: dueDay, instance: 'b' })).toMatchObject({ ran: false });
    expect(await remindUncollectedPickups(db, { now: new Date('2027-02-01T02:00:00Z') })).toEqual({ reminded: 0 });
    const reminders = await messagesSince(mark, reference);
    expect(reminders.map((m) => m.kind).sort()).toEqual(['email', 'sms']);
    expect(reminders.find((m) => m.kind === 'email')!.subject).toBe(`【武汉公安】提醒：申请 ${reference} 的证件尚未领取`);
    expect(reminders.find((m) => m.kind === 'email')!.text).toContain('领取地点：武汉市公安局武昌区分局户政窗口');
    expect((await readDispatch(waiting.id)).pickupRemindedAt).toEqual(dueDay);
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, waiting.id), eq(auditEvents.action, 'dispatch.pickup_reminded')))).toHaveLength(1);
    expect(await db.select().from(jobRuns).where(inArray(jobRuns.job, ['pickup-reminders']))).toHaveLength(1);
    // The identity QR route works for counter items too (same hand-over machinery).
    const [holder] = await db
      .select({ subjectRef: eids.subjectRef })
      .from(applications)
      .innerJoin(citizenAccounts, eq(citizenAccounts.id, applications.citizenAccountId))
      .innerJoin(eids, eq(eids.citizenAccountId, citizenAccounts.id))
      .where(eq(applications.id, waiting.applicationId));
    const handed = await recordCounterPickup(db, await staffByUsername(db, 'clerk06'), { dispatchId: waiting.id, expectedVersion: 1, method: 'identity_qr', identityQr: codec.issue(holder!.subjectRef, dueDay).code }, { codec, now: dueDay });
    expect(handed).toMatchObject({ status: 'ok', data: { status: 'collected' } });
  });
});
