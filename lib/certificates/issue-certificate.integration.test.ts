import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { applications, certificateSerials, certificates, residents } from '@/db/schema';
import { transitionApplication } from '@/lib/applications/transition-application';
import { approveForTest, staffByUsername } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import { getCertificateKeyRing, isCertificateSignatureValid } from './certificate-signature';
import { allocateSerialNumber } from './issue-certificate';

function pdfText(bytes: Uint8Array): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'issued-'));
  try {
    writeFileSync(path.join(dir, 'c.pdf'), bytes);
    return execFileSync('/usr/bin/pdftotext', ['-layout', path.join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Copies of an in-review case, claimed by clerk06 in 420106, ready to be approved. */
async function casesReadyToApprove(connection: Connection, count: number, tag: string) {
  const { db } = connection;
  const clerk = await staffByUsername(db, 'clerk06');
  const [template] = await db.select().from(applications).where(eq(applications.status, 'in_review')).limit(1);
  const rows = Array.from({ length: count }, (_, i) => ({
    ...template!,
    id: crypto.randomUUID(),
    referenceNumber: `WH${tag}${String(i).padStart(6, '0')}`,
    idempotencyKey: crypto.randomUUID(),
    districtCode: '420106',
    claimedByStaffId: clerk.staffId,
    version: 1,
  }));
  await db.insert(applications).values(rows);
  return { clerk, ids: rows.map((r) => r.id) };
}

describe.each(TEST_TARGETS)('certificate issuance on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  it('issues on approval a signed migration permit whose text carries the holder’s Chinese name, the serial and the issuing authority', async () => {
    const { db } = connection;
    const { ids } = await casesReadyToApprove(connection, 1, '9');
    // The household transfer is countersigned: the certificate is issued when the supervisor signs.
    await approveForTest(db, ids[0]!, 1, new Date('2026-11-27T02:00:00Z'));
    const [row] = await db
      .select({ certificate: certificates, name: residents.name })
      .from(certificates)
      .innerJoin(residents, eq(residents.id, certificates.residentId))
      .where(eq(certificates.applicationId, ids[0]!));
    const certificate = row!.certificate;
    expect(certificate).toMatchObject({ kind: 'migration_permit', copyNumber: 1, status: 'valid', issuingAuthority: '武汉市公安局武昌区分局', signingKeyId: expect.any(String) });
    expect(createHash('sha256').update(certificate.pdf).digest('hex')).toBe(certificate.sha256);
    const ring = await getCertificateKeyRing();
    expect(isCertificateSignatureValid(certificate.sha256, certificate.signature, certificate.signingKeyId, ring)).toBe(true);
    expect(isCertificateSignatureValid(certificate.sha256.replace(/^./, (c) => (c === '0' ? '1' : '0')), certificate.signature, certificate.signingKeyId, ring)).toBe(false);
    const text = pdfText(certificate.pdf);
    expect(text).toContain(row!.name);
    expect(text).toContain(certificate.serialNumber);
    expect(text).toContain('武汉市公安局武昌区分局');
    expect(text).toContain('2026年11月27日');
  });

  it('keeps an issued file immutable: no UPDATE of the file, hash or signature and no DELETE, while the status may change', async () => {
    const { db } = connection;
    const [certificate] = await db.select().from(certificates).limit(1);
    await expect(db.update(certificates).set({ pdf: new Uint8Array([1, 2, 3]) }).where(eq(certificates.id, certificate!.id))).rejects.toThrow();
    await expect(db.update(certificates).set({ sha256: '0'.repeat(64) }).where(eq(certificates.id, certificate!.id))).rejects.toThrow();
    await expect(db.update(certificates).set({ signature: null }).where(eq(certificates.id, certificate!.id))).rejects.toThrow();
    await expect(db.delete(certificates).where(eq(certificates.id, certificate!.id))).rejects.toThrow();
    await db.update(certificates).set({ status: 'revoked', revokedAt: new Date() }).where(eq(certificates.id, certificate!.id));
    await db.update(certificates).set({ status: 'valid', revokedAt: null }).where(eq(certificates.id, certificate!.id));
    const [after] = await db.select().from(certificates).where(eq(certificates.id, certificate!.id));
    expect(after!.sha256).toBe(certificate!.sha256);
    expect(Buffer.from(after!.pdf).equals(Buffer.from(certificate!.pdf))).toBe(true);
  });

  it('gives a rolled-back transaction’s serial back, so serials stay consecutive per kind and year', async () => {
    const { db } = connection;
    const first = await db.transaction((tx) => allocateSerialNumber(tx, 'household_register_page', 2031));
    await expect(
      db.transaction(async (tx) => {
        await allocateSerialNumber(tx, 'household_register_page', 2031);
        throw new Error('approval failed later');
      }),
    ).rejects.toThrow('approval failed later');
    const second = await db.transaction((tx) => allocateSerialNumber(tx, 'household_register_page', 2031));
    const otherYear = await db.transaction((tx) => allocateSerialNumber(tx, 'household_register_page', 2032));
    expect([first, second, otherYear]).toEqual(['HK2031000001', 'HK2031000002', 'HK2032000001']);
  });
});

// Concurrency is PostgreSQL's to prove: PGlite runs one connection at a time.
describe.each(TEST_TARGETS.filter((t) => t.kind === 'postgresql'))('serials under concurrent approvals on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  it(
    '100 concurrent approvals of one kind get 100 distinct consecutive serials',
    async () => {
      const { db } = connection;
      const { clerk, ids } = await casesReadyToApprove(connection, 100, '8');
      const now = new Date('2030-03-02T02:00:00Z'); // a year of its own: the counter starts at 1
      // The clerk approves each; the certificates are issued by the supervisor's countersigns, all at once.
      for (const applicationId of ids) expect((await transitionApplication(db, clerk, { applicationId, transition: 'approve', expectedVersion: 1 }, { publicBaseUrl: TEST_BASE_URL, now })).status).toBe('ok');
      const supervisor = await staffByUsername(db, 'supervisor');
      const started = performance.now();
      const results = await Promise.all(
        ids.map((applicationId) => transitionApplication(db, supervisor, { applicationId, transition: 'countersign', expectedVersion: 2 }, { publicBaseUrl: TEST_BASE_URL, now })),
      );
      const elapsed = performance.now() - started;
      console.log(`100 concurrent countersigns with render + SM2 signature: ${elapsed.toFixed(0)} ms, ${(elapsed / 100).toFixed(1)} ms per certificate`);
      expect(results.map((r) => r.status)).toEqual(Array(100).fill('ok'));
      const issued = await db.select({ serialNumber: certificates.serialNumber }).from(certificates).where(inArray(certificates.applicationId, ids));
      const serials = issued.map((c) => c.serialNumber).sort();
      expect(serials).toEqual(Array.from({ length: 100 }, (_, i) => `ZQ2030${String(i + 1).padStart(6, '0')}`));
      const [counter] = await db
        .select()
        .from(certificateSerials)
        .where(and(eq(certificateSerials.kind, 'migration_permit'), eq(certificateSerials.year, 2030)));
      expect(counter!.lastValue).toBe(100);
      const [{ n }] = (await db.execute(sql`select count(*)::int as n from certificates where serial_number like 'ZQ2030%'`)) as unknown as [{ n: number }];
      expect(n).toBe(100);
    },
    120_000,
  );
});
