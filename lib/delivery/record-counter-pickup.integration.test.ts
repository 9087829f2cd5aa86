import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { applications, auditEvents, citizenAccounts, dispatchEvents, eids, mailDispatches, residents } from '@/db/schema';
import { readableText } from '@/lib/i18n/problem';
import { maskIdNumber } from '@/lib/privacy/mask';
import { createKeyRing } from '@/lib/crypto/authority-keys';
import { createIdentityQrCodec } from '@/lib/identity/identity-qr';
import { approvedDispatchForTest } from '@/lib/testing/delivery-fixtures';
import { staffByUsername } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { recordCounterPickup } from './record-counter-pickup';
import { transitionDispatch } from './transition-dispatch';

describe.each(TEST_TARGETS)('counter pickup on $kind', (target) => {
  let connection: Connection;
  const codec = createIdentityQrCodec(createKeyRing());
  const now = new Date('2026-11-28T02:00:00Z');
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  async function heldParcel() {
    const { db } = connection;
    const supervisor = await staffByUsername(db, 'supervisor');
    const dispatch = await approvedDispatchForTest(db);
    let version = dispatch.version;
    for (const [transition, extra] of [['print', {}], ['hand_to_courier', { trackingNumber: 'EM555000111CN' }], ['return', { reason: '无人签收' }], ['hold_for_pickup', {}]] as const) {
      const r = await transitionDispatch(db, supervisor, { dispatchId: dispatch.id, transition, expectedVersion: version, ...extra });
      if (r.status !== 'ok') throw new Error(JSON.stringify(r));
      version = r.data.version;
    }
    const [holder] = await db
      .select({ idNumber: residents.idNumber, subjectRef: eids.subjectRef })
      .from(applications)
      .innerJoin(residents, eq(residents.id, applications.residentId))
      .innerJoin(citizenAccounts, eq(citizenAccounts.residentId, residents.id))
      .innerJoin(eids, eq(eids.citizenAccountId, citizenAccounts.id))
      .where(eq(applications.id, dispatch.applicationId));
    return { id: dispatch.id, version, holder: holder! };
  }

  it('hands over only after the collector’s ID number matches the holder; a mismatch is audited and changes nothing', async () => {
    const { db } = connection;
    const clerk = await staffByUsername(db, 'clerk06');
    const parcel = await heldParcel();
    const wrong = parcel.holder.idNumber.slice(0, 16) + (parcel.holder.idNumber[16] === '1' ? '2' : '1') + parcel.holder.idNumber[17];
    const refused = await recordCounterPickup(db, clerk, { dispatchId: parcel.id, expectedVersion: parcel.version, method: 'id_number', idNumber: wrong }, { codec, now });
    expect(refused.status).toBe('forbidden');
    expect((await db.select().from(mailDispatches).where(eq(mailDispatches.id, parcel.id)))[0]).toMatchObject({ status: 'held_for_pickup', version: parcel.version });
    const failures = await db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, parcel.id), eq(auditEvents.action, 'dispatch.pickup_identity_failed')));
    expect(failures).toHaveLength(1);
    expect(JSON.stringify(failures[0]!.details)).not.toContain(wrong);

    const handed = await recordCounterPickup(db, clerk, { dispatchId: parcel.id, expectedVersion: parcel.version, method: 'id_number', idNumber: parcel.holder.idNumber.toLowerCase() }, { codec, now });
    expect(handed).toMatchObject({ status: 'ok', data: { status: 'collected' } });
    // The timeline note is a reference (with the check as a nested one), read in either language.
    const [collected] = await db.select({ note: dispatchEvents.note }).from(dispatchEvents).where(and(eq(dispatchEvents.dispatchId, parcel.id), eq(dispatchEvents.toStatus, 'collected')));
    const masked = maskIdNumber(parcel.holder.idNumber.toUpperCase());
    expect(readableText(collected!.note!, 'zh-CN')).toBe(`窗口领取，核验：公民身份号码 ${masked}`);
    expect(readableText(collected!.note!, 'en')).toBe(`Collected after identity check: ID number ${masked}`);
  });

  it('hands over after scanning the holder’s wallet identity QR, once; another person’s or a replayed code is refused', async () => {
    const { db } = connection;
    const supervisor = await staffByUsername(db, 'supervisor');
    const parcel = await heldParcel();
    const stranger = await recordCounterPickup(db, supervisor, { dispatchId: parcel.id, expectedVersion: parcel.version, method: 'identity_qr', identityQr: codec.issue(crypto.randomUUID(), now).code }, { codec, now });
    expect(stranger.status).toBe('forbidden');
    const code = codec.issue(parcel.holder.subjectRef, now).code;
    const ok = await recordCounterPickup(db, supervisor, { dispatchId: parcel.id, expectedVersion: parcel.version, method: 'identity_qr', identityQr: code }, { codec, now });
    expect(ok).toMatchObject({ status: 'ok', data: { status: 'collected' } });

    const another = await heldParcel();
    const replayed = await recordCounterPickup(db, supervisor, { dispatchId: another.id, expectedVersion: another.version, method: 'identity_qr', identityQr: code }, { codec, now });
    expect(replayed.status).toBe('forbidden');
    const expired = await recordCounterPickup(db, supervisor, { dispatchId: another.id, expectedVersion: another.version, method: 'identity_qr', identityQr: codec.issue(another.holder.subjectRef, now).code }, { codec, now: new Date(now.getTime() + 120_000) });
    expect(expired.status).toBe('forbidden');
    // A clerk of another district does not see the parcel at all.
    expect((await recordCounterPickup(db, await staffByUsername(db, 'clerk02'), { dispatchId: another.id, expectedVersion: another.version, method: 'id_number', idNumber: another.holder.idNumber }, { codec, now })).status).toBe('not_found');
  });
});
