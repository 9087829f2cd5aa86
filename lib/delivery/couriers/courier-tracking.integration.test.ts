import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { auditEvents, dispatchEvents, mailDispatches, trackingEvents } from '@/db/schema';
import type { StaffActor } from '@/lib/auth/actor';
import { msg, readableText } from '@/lib/i18n/problem';
import { staffByUsername } from '@/lib/testing/fixtures';
import { approvedDispatchForTest } from '@/lib/testing/delivery-fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { printBatch } from '../print-batch';
import { transitionDispatch } from '../transition-dispatch';
import { signWebhookBody } from './courier-adapter';
import { importTrackingManifest } from './import-tracking-manifest';
import { receiveCourierWebhook } from './receive-courier-webhook';

const SECRET = 'test-courier-secret-0123456789';
// Parcels are handed over at 04:00 Beijing time on 28 November; the couriers' events come after.
const T0 = new Date('2026-11-27T20:00:00Z');

describe.each(TEST_TARGETS)('courier tracking on $kind', (target) => {
  let connection: Connection;
  let supervisor: StaffActor;
  let counter = 0;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    supervisor = await staffByUsername(connection.db, 'supervisor');
  });
  afterAll(async () => connection?.close());

  /** A queued dispatch printed and handed to EMS with a fresh tracking number. */
  async function handedParcel(): Promise<{ id: string; trackingNumber: string }> {
    const { db } = connection;
    const queued = await approvedDispatchForTest(db, T0);
    const printed = await printBatch(db, supervisor, { dispatchIds: [queued.id] }, T0);
    if (printed.status !== 'ok') throw new Error(JSON.stringify(printed));
    const trackingNumber = `EM${String(900000000 + ++counter)}CN`;
    const handed = await transitionDispatch(db, supervisor, { dispatchId: queued.id, transition: 'hand_to_courier', expectedVersion: queued.version + 1, courier: 'EMS', trackingNumber }, T0);
    if (handed.status !== 'ok') throw new Error(JSON.stringify(handed));
    return { id: queued.id, trackingNumber };
  }

  async function stateOf(id: string) {
    const { db } = connection;
    const [dispatch] = await db.select().from(mailDispatches).where(eq(mailDispatches.id, id));
    const [events] = await db.select({ n: count() }).from(dispatchEvents).where(eq(dispatchEvents.dispatchId, id));
    const [audits] = await db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, 'dispatch.transitioned')));
    const [tracked] = await db.select({ n: count() }).from(trackingEvents);
    return { status: dispatch!.status, version: dispatch!.version, signedBy: dispatch!.signedBy, events: events!.n, audits: audits!.n, trackingRows: tracked!.n };
  }

  function post(events: object[], options: { secret?: string; courier?: string; tamper?: (body: string) => string } = {}) {
    const rawBody = JSON.stringify({ events });
    const signature = signWebhookBody(rawBody, options.secret ?? SECRET);
    return receiveCourierWebhook(connection.db, { courier: options.courier ?? 'EMS', rawBody: options.tamper ? options.tamper(rawBody) : rawBody, signature }, { secretFor: () => SECRET });
  }

  it('checks each courier against its own key: SF’s key cannot sign EMS events', async () => {
    const parcel = await handedParcel();
    const before = await stateOf(parcel.id);
    const keys = { EMS: 'ems-only-webhook-key-0123456789', SF: 'sf-only-webhook-key-0123456789' };
    const event = { eventId: 'cross-1', trackingNumber: parcel.trackingNumber, status: 'delivered', occurredAt: '2026-11-28T09:00:00+08:00', signedBy: '本人' };
    const rawBody = JSON.stringify({ events: [event] });
    const send = (courier: string, key: string) =>
      receiveCourierWebhook(connection.db, { courier, rawBody, signature: signWebhookBody(rawBody, key) }, { secretFor: (code) => keys[code] });
    expect(await send('EMS', keys.SF)).toMatchObject({ httpStatus: 401 });
    expect(await stateOf(parcel.id)).toEqual(before);
    expect(await send('EMS', keys.EMS)).toMatchObject({ httpStatus: 200 });
    expect((await stateOf(parcel.id)).status).toBe('delivered');
  });

  it('refuses a bad signature with 401 and changes nothing', async () => {
    const parcel = await handedParcel();
    const before = await stateOf(parcel.id);
    const event = { eventId: 'bad-1', trackingNumber: parcel.trackingNumber, status: 'delivered', occurredAt: '2026-11-28T09:00:00+08:00', signedBy: '本人' };
    expect(await post([event], { secret: 'another-secret-9876543210' })).toMatchObject({ httpStatus: 401 });
    // Signed, then altered in transit.
    expect(await post([event], { tamper: (b) => b.replace('本人', '代收') })).toMatchObject({ httpStatus: 401 });
    expect((await receiveCourierWebhook(connection.db, { courier: 'EMS', rawBody: JSON.stringify({ events: [event] }), signature: null }, { secretFor: () => SECRET })).httpStatus).toBe(401);
    expect(await stateOf(parcel.id)).toEqual(before);
    // A well-signed body that is not valid is a 400, also without any change.
    expect(await post([{ ...event, status: 'teleported' }])).toMatchObject({ httpStatus: 400 });
    expect(await stateOf(parcel.id)).toEqual(before);
  });

  it('moves a parcel to in transit and delivered, with the signer, and a duplicate event makes no second transition', async () => {
    const parcel = await handedParcel();
    const inTransit = { eventId: 'ems-100', trackingNumber: parcel.trackingNumber, status: 'in_transit', occurredAt: '2026-11-28T08:00:00+08:00' };
    const delivered = { eventId: 'ems-101', trackingNumber: parcel.trackingNumber.toLowerCase(), status: 'delivered', occurredAt: '2026-11-28T15:30:00+08:00', signedBy: '王芳' };
    expect(await post([inTransit])).toEqual({ httpStatus: 200, body: { results: [{ eventId: 'ems-100', outcome: 'applied' }] } });
    expect(await post([delivered])).toEqual({ httpStatus: 200, body: { results: [{ eventId: 'ems-101', outcome: 'applied' }] } });
    const after = await stateOf(parcel.id);
    expect(after).toMatchObject({ status: 'delivered', signedBy: '王芳' });
    // The courier redelivers both.
    expect(await post([delivered, inTransit])).toEqual({
      httpStatus: 200,
      body: { results: [{ eventId: 'ems-100', outcome: 'duplicate' }, { eventId: 'ems-101', outcome: 'duplicate' }] },
    });
    expect(await stateOf(parcel.id)).toEqual(after);
    const [dispatch] = await connection.db.select().from(mailDispatches).where(eq(mailDispatches.id, parcel.id));
    expect(dispatch!.deliveredAt?.toISOString()).toBe('2026-11-28T07:30:00.000Z');
  });

  it('refuses an event dated beyond now and a small clock skew, so a 2099 event cannot freeze the parcel', async () => {
    const parcel = await handedParcel();
    const before = await stateOf(parcel.id);
    const future = { eventId: 'ems-900', trackingNumber: parcel.trackingNumber, status: 'delivered', occurredAt: '2099-01-01T00:00:00+08:00', signedBy: '某人' };
    expect((await post([future])).body.results).toEqual([{ eventId: 'ems-900', outcome: 'future' }]);
    expect(await stateOf(parcel.id)).toEqual(before);
    // The real events that follow still move it (they would all have been "stale" after 2099).
    const inTransit = { eventId: 'ems-901', trackingNumber: parcel.trackingNumber, status: 'in_transit', occurredAt: new Date(Date.now() - 60_000).toISOString() };
    expect((await post([inTransit])).body.results).toEqual([{ eventId: 'ems-901', outcome: 'applied' }]);
    // A courier clock a minute ahead of ours is fine.
    const delivered = { eventId: 'ems-902', trackingNumber: parcel.trackingNumber, status: 'delivered', occurredAt: new Date(Date.now() + 60_000).toISOString(), signedBy: '王芳' };
    expect((await post([delivered])).body.results).toEqual([{ eventId: 'ems-902', outcome: 'applied' }]);
  });

  it('ends in the right state when events arrive out of order, and never moves a parcel backwards', async () => {
    const parcel = await handedParcel();
    const events = {
      transit: { eventId: 'ems-200', trackingNumber: parcel.trackingNumber, status: 'in_transit', occurredAt: '2026-11-28T08:00:00+08:00' },
      delivered: { eventId: 'ems-201', trackingNumber: parcel.trackingNumber, status: 'delivered', occurredAt: '2026-11-28T16:00:00+08:00', signedBy: '门卫代收' },
    };
    // Delivered arrives first, the earlier in-transit event an hour later.
    expect((await post([events.delivered])).body.results).toEqual([{ eventId: 'ems-201', outcome: 'applied' }]);
    expect((await post([events.transit])).body.results).toEqual([{ eventId: 'ems-200', outcome: 'stale' }]);
    expect(await stateOf(parcel.id)).toMatchObject({ status: 'delivered', events: 4 /* queued, printed, handed, delivered */ });

    // One batch listing a later event before an earlier one is applied in event time.
    const other = await handedParcel();
    const batch = await post([
      { eventId: 'ems-301', trackingNumber: other.trackingNumber, status: 'returned', occurredAt: '2026-11-29T10:00:00+08:00', reason: '地址错误 / Wrong address' },
      { eventId: 'ems-300', trackingNumber: other.trackingNumber, status: 'in_transit', occurredAt: '2026-11-28T10:00:00+08:00' },
    ]);
    expect(batch.body.results).toEqual([{ eventId: 'ems-300', outcome: 'applied' }, { eventId: 'ems-301', outcome: 'applied' }]);
    const [returned] = await connection.db.select().from(mailDispatches).where(eq(mailDispatches.id, other.id));
    expect(returned).toMatchObject({ status: 'returned', returnReason: '地址错误 / Wrong address' });
    // A late "delivered" for a returned parcel is kept but changes nothing.
    expect((await post([{ eventId: 'ems-302', trackingNumber: other.trackingNumber, status: 'delivered', occurredAt: '2026-11-29T11:00:00+08:00' }])).body.results).toEqual([
      { eventId: 'ems-302', outcome: 'not_applicable' },
    ]);
    const timeline = await connection.db.select().from(dispatchEvents).where(eq(dispatchEvents.dispatchId, other.id)).orderBy(dispatchEvents.createdAt);
    expect(timeline.map((e) => e.toStatus)).toEqual(['queued', 'printed', 'handed_to_courier', 'in_transit', 'returned']);
    expect(timeline.at(-1)!.actorId).toBe('courier:EMS');
  });

  it('answers 404 for an unknown courier and records an unknown waybill without touching any parcel', async () => {
    expect((await post([], { courier: 'DHL' })).httpStatus).toBe(404);
    const result = await post([{ eventId: 'ems-999', trackingNumber: 'EM000000000CN', status: 'in_transit', occurredAt: '2026-11-28T08:00:00+08:00' }]);
    expect(result.body.results).toEqual([{ eventId: 'ems-999', outcome: 'unknown_tracking' }]);
  });

  describe('manifest import', () => {
    const header = 'courier,tracking_number,event_id,status,occurred_at,signed_by,reason';

    it('refuses the whole file with a message per bad line and imports nothing', async () => {
      const parcel = await handedParcel();
      const before = await stateOf(parcel.id);
      const csv = [
        header,
        `EMS,${parcel.trackingNumber},m-1,in_transit,2026-11-28T08:00:00+08:00,,`,
        `EMS,${parcel.trackingNumber},m-2,lost,2026-11-28T09:00:00+08:00,,`,
        `UPS,${parcel.trackingNumber},m-3,delivered,yesterday,,`,
        `EMS,${parcel.trackingNumber},m-4,returned,2026-11-28T10:00:00+08:00,,`,
      ].join('\n');
      const result = await importTrackingManifest(connection.db, supervisor, csv);
      expect(result.status).toBe('invalid');
      const lines = result.status === 'invalid' ? result.fieldErrors!.lines! : [];
      expect(lines).toHaveLength(3);
      for (const line of lines) expect(line).toMatch(/^problems\.delivery\.line\?/);
      const en = lines.map((line) => readableText(line, 'en'));
      expect(en[0]).toMatch(/^Line 3: status/);
      expect(en[1]).toMatch(/^Line 4: courier.*occurred_at/);
      expect(en[2]).toMatch(/^Line 5: reason/);
      expect(readableText(lines[0]!, 'zh-CN')).toMatch(/^第 3 行：status/);
      expect(await stateOf(parcel.id)).toEqual(before);
    });

    it('rolls everything back when one row names an unknown waybill', async () => {
      const parcel = await handedParcel();
      const before = await stateOf(parcel.id);
      const csv = `${header}\nEMS,${parcel.trackingNumber},m-10,in_transit,2026-11-28T08:00:00+08:00,,\nEMS,EM111111111CN,m-11,in_transit,2026-11-28T09:00:00+08:00,,\n`;
      const result = await importTrackingManifest(connection.db, supervisor, csv);
      expect(result).toMatchObject({ status: 'invalid', message: msg('problems.delivery.unknownTracking'), fieldErrors: { lines: [expect.any(String)] } });
      const [line] = result.status === 'invalid' ? result.fieldErrors!.lines! : [];
      expect(readableText(line!, 'zh-CN')).toBe('第 3 行：EMS EM111111111CN 不是本局寄出的邮件');
      expect(readableText(line!, 'en')).toBe('Line 3: EMS EM111111111CN is not one of our parcels');
      expect(await stateOf(parcel.id)).toEqual(before);
    });

    it('applies a good file in event time, quoted fields and duplicates included; clerks may not import', async () => {
      const parcels = [await handedParcel(), await handedParcel()];
      const csv = [
        header,
        `EMS,${parcels[0]!.trackingNumber},m-21,delivered,2026-11-28T15:00:00+08:00,"王, 芳",`,
        `EMS,${parcels[0]!.trackingNumber},m-20,in_transit,2026-11-28T08:00:00+08:00,,`,
        `ems,${parcels[1]!.trackingNumber},m-22,returned,2026-11-28T12:00:00+08:00,,"无人签收 / Nobody home"`,
        `EMS,${parcels[0]!.trackingNumber},m-20,in_transit,2026-11-28T08:00:00+08:00,,`,
      ].join('\r\n');
      expect((await importTrackingManifest(connection.db, await staffByUsername(connection.db, 'clerk06'), csv)).status).toBe('forbidden');
      const result = await importTrackingManifest(connection.db, supervisor, csv);
      expect(result).toEqual({ status: 'ok', data: { rows: 4, outcomes: { applied: 3, duplicate: 1, stale: 0, not_applicable: 0, unknown_tracking: 0 } } });
      const rows = await connection.db.select().from(mailDispatches).where(inArray(mailDispatches.id, parcels.map((p) => p.id)));
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(byId.get(parcels[0]!.id)).toMatchObject({ status: 'delivered', signedBy: '王, 芳' });
      expect(byId.get(parcels[1]!.id)).toMatchObject({ status: 'returned', returnReason: '无人签收 / Nobody home' });
    });
  });
});
