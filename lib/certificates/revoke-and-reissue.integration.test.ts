import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { auditEvents, certificates, mailDispatches } from '@/db/schema';
import { seedForTest, staffByUsername } from '@/lib/testing/fixtures';
import { openCleanDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import { listCertificateCopies, reissueCertificate, revokeCertificate } from './revoke-and-reissue';
import { verifyCertificate } from './verify-certificate';

describe.each(TEST_TARGETS)('revoking and reissuing certificates on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openCleanDatabase(target);
    await seedForTest(connection.db);
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
});
