import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { auditEvents, certificates, dispatchEvents, mailDispatches, outboxMessages } from '@/db/schema';
import { printBatch } from '@/lib/delivery/print-batch';
import { transitionDispatch } from '@/lib/delivery/transition-dispatch';
import { approvedDispatchForTest } from '@/lib/testing/delivery-fixtures';
import { staffByUsername } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import { listCertificateCopies, reissueCertificate, revokeCertificate } from './revoke-and-reissue';
import { verifyCertificate } from './verify-certificate';

describe.each(TEST_TARGETS)('revoking and reissuing certificates on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  it('reissues with a reason code: a new serial supersedes the old one, is mailed, and the case lists both copies', async () => {
    const { db } = connection;
    const supervisor = await staffByUsername(db, 'supervisor');
    const [old] = await db.select().from(certificates).where(eq(certificates.status, 'valid')).limit(1);
    const result = await reissueCertificate(db, supervisor, { certificateId: old!.id, reasonCode: 'lost_in_mail' }, { publicBaseUrl: TEST_BASE_URL });
    if (result.status !== 'ok') throw new Error(JSON.stringify(result));
    expect(result.data.serialNumber).not.toBe(old!.serialNumber);
    expect(await verifyCertificate(db, old!.verifyToken)).toMatchObject({ status: 'superseded', serialNumber: old!.serialNumber });
    const [fresh] = await db.select().from(certificates).where(eq(certificates.id, result.data.certificateId));
    expect(fresh).toMatchObject({ copyNumber: 2, supersedesCertificateId: old!.id, status: 'valid' });
    expect(await verifyCertificate(db, fresh!.verifyToken)).toMatchObject({ status: 'valid', serialNumber: result.data.serialNumber });
    const [dispatch] = await db.select().from(mailDispatches).where(eq(mailDispatches.id, result.data.dispatchId));
    expect(dispatch).toMatchObject({ status: 'queued', certificateId: fresh!.id });
    const copies = await listCertificateCopies(db, supervisor, old!.applicationId);
    expect(copies.map((c) => [c.copyNumber, c.status])).toEqual([[1, 'superseded'], [2, 'valid']]);
    // A superseded certificate cannot be reissued or revoked again.
    expect((await reissueCertificate(db, supervisor, { certificateId: old!.id, reasonCode: 'lost' }, { publicBaseUrl: TEST_BASE_URL })).status).toBe('conflict');
    expect((await revokeCertificate(db, supervisor, { certificateId: old!.id, reasonCode: 'issued_in_error' })).status).toBe('conflict');
  });

  it('revokes with a reason code, audited; the QR then says revoked; clerks may not, unknown codes are invalid', async () => {
    const { db } = connection;
    const supervisor = await staffByUsername(db, 'supervisor');
    const [certificate] = await db.select().from(certificates).where(eq(certificates.status, 'valid')).limit(1);
    expect((await revokeCertificate(db, await staffByUsername(db, 'clerk06'), { certificateId: certificate!.id, reasonCode: 'issued_in_error' })).status).toBe('forbidden');
    expect((await revokeCertificate(db, supervisor, { certificateId: certificate!.id, reasonCode: 'because' })).status).toBe('invalid');
    expect(await verifyCertificate(db, certificate!.verifyToken)).toMatchObject({ status: 'valid' });
    expect((await revokeCertificate(db, supervisor, { certificateId: certificate!.id, reasonCode: 'obtained_by_fraud', note: '材料伪造' })).status).toBe('ok');
    expect(await verifyCertificate(db, certificate!.verifyToken)).toMatchObject({ status: 'revoked' });
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, certificate!.id)).then((rows) => rows.filter((r) => r.action === 'certificate.revoked'));
    expect(audit).toMatchObject({ actorId: supervisor.staffId, details: { reasonCode: 'obtained_by_fraud', note: '材料伪造' } });
  });

  it('revoking stops a parcel still in the office, tells the citizen, and records one already with the courier', async () => {
    const { db } = connection;
    const supervisor = await staffByUsername(db, 'supervisor');
    const queued = await approvedDispatchForTest(db);
    const smsBefore = (await db.select().from(outboxMessages)).length;
    expect((await revokeCertificate(db, supervisor, { certificateId: queued.certificateId, reasonCode: 'issued_in_error' })).status).toBe('ok');
    const [stopped] = await db.select().from(mailDispatches).where(eq(mailDispatches.id, queued.id));
    expect(stopped).toMatchObject({ status: 'cancelled', version: queued.version + 1 });
    const events = await db.select().from(dispatchEvents).where(eq(dispatchEvents.dispatchId, queued.id));
    expect(events.at(-1)).toMatchObject({ fromStatus: 'queued', toStatus: 'cancelled', actorId: supervisor.staffId });
    expect((await db.select().from(outboxMessages)).length).toBeGreaterThan(smsBefore);
    // It can no longer be printed, and nobody can cancel mail by hand.
    expect((await printBatch(db, supervisor, { dispatchIds: [queued.id] })).status).not.toBe('ok');
    const other = await approvedDispatchForTest(db);
    expect((await transitionDispatch(db, supervisor, { dispatchId: other.id, transition: 'cancel', expectedVersion: other.version, reason: '手工取消' })).status).toBe('forbidden');

    // A parcel already handed over stays open (the office must intercept it) and the audit says so.
    const handed = await transitionDispatch(db, supervisor, { dispatchId: other.id, transition: 'print', expectedVersion: other.version });
    expect(handed.status).toBe('ok');
    expect((await transitionDispatch(db, supervisor, { dispatchId: other.id, transition: 'hand_to_courier', expectedVersion: other.version + 1, courier: 'EMS', trackingNumber: 'EMS12345678' })).status).toBe('ok');
    expect((await revokeCertificate(db, supervisor, { certificateId: other.certificateId, reasonCode: 'decision_withdrawn' })).status).toBe('ok');
    expect((await db.select().from(mailDispatches).where(eq(mailDispatches.id, other.id)))[0]).toMatchObject({ status: 'handed_to_courier' });
    const [audit] = (await db.select().from(auditEvents).where(eq(auditEvents.subjectId, other.certificateId))).filter((r) => r.action === 'certificate.revoked');
    expect(audit!.details).toMatchObject({ cancelledDispatchIds: [], dispatchesWithCourier: [other.id] });
  });

  it('reissuing stops the superseded copy’s unsent parcel so that only the new copy goes out', async () => {
    const { db } = connection;
    const supervisor = await staffByUsername(db, 'supervisor');
    const queued = await approvedDispatchForTest(db);
    const result = await reissueCertificate(db, supervisor, { certificateId: queued.certificateId, reasonCode: 'content_corrected' }, { publicBaseUrl: TEST_BASE_URL });
    if (result.status !== 'ok') throw new Error(JSON.stringify(result));
    const parcels = await db.select().from(mailDispatches).where(eq(mailDispatches.applicationId, queued.applicationId));
    expect(parcels.map((p) => [p.certificateId === queued.certificateId ? 'old' : 'new', p.status]).sort()).toEqual([['new', 'queued'], ['old', 'cancelled']]);
  });
});
