import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { certificates, dispatchEvents, mailDispatches } from '@/db/schema';
import { msg } from '@/lib/i18n/problem';
import { approvedDispatchForTest } from '@/lib/testing/delivery-fixtures';
import { staffByUsername } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { revokeCertificate } from '@/lib/certificates/revoke-and-reissue';
import { printBatch, renderPrintBatchPdf } from './print-batch';

describe.each(TEST_TARGETS)('batch printing on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  it('prints three ready certificates as one PDF with the certificates, their address labels and a packing list', async () => {
    const { db } = connection;
    const supervisor = await staffByUsername(db, 'supervisor');
    const dispatches = [await approvedDispatchForTest(db), await approvedDispatchForTest(db), await approvedDispatchForTest(db)];
    const result = await printBatch(db, supervisor, { dispatchIds: dispatches.map((d) => d.id) });
    if (result.status !== 'ok') throw new Error(JSON.stringify(result));
    expect(result.data).toMatchObject({ count: 3, batchNumber: expect.stringMatching(/^PB\d{8}-\d{4}$/) });
    const rows = await db.select().from(mailDispatches).where(inArray(mailDispatches.id, dispatches.map((d) => d.id)));
    expect(rows.every((r) => r.status === 'printed' && r.printBatchId === result.data.batchId)).toBe(true);
    const events = await db.select().from(dispatchEvents).where(inArray(dispatchEvents.dispatchId, dispatches.map((d) => d.id)));
    expect(events.filter((e) => e.toStatus === 'printed').map((e) => e.note)).toEqual(Array(3).fill(msg('problems.delivery.batchNote', { batch: result.data.batchNumber })));

    const rendered = await renderPrintBatchPdf(db, supervisor, result.data.batchId);
    const doc = await PDFDocument.load(rendered!.pdf);
    expect(doc.getPageCount()).toBe(5); // 3 certificates, 1 page of labels, 1 packing list
    const serials = (await db.select({ serialNumber: certificates.serialNumber }).from(certificates).where(inArray(certificates.id, dispatches.map((d) => d.certificateId)))).map((c) => c.serialNumber);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'batch-'));
    try {
      writeFileSync(path.join(dir, 'b.pdf'), rendered!.pdf);
      const page = (n: number) => execFileSync('/usr/bin/pdftotext', ['-f', String(n), '-l', String(n), '-layout', path.join(dir, 'b.pdf'), '-'], { encoding: 'utf8' });
      for (const [i, serial] of [...serials].sort().entries()) expect(page(i + 1)).toContain(serial);
      const labels = page(4);
      expect(labels).toContain(rows[0]!.address.slice(0, 6));
      expect(labels).toContain('武汉市公安局武昌区分局');
      const packing = page(5);
      expect(packing).toContain('装箱清单');
      expect(packing).toContain(result.data.batchNumber);
      for (const serial of serials) expect(packing).toContain(serial);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // A clerk gets nothing.
    expect(await renderPrintBatchPdf(db, await staffByUsername(db, 'clerk06'), result.data.batchId)).toBeUndefined();
  });

  it('refuses the whole batch if one of them is no longer queued or its certificate was revoked, and changes none', async () => {
    const { db } = connection;
    const supervisor = await staffByUsername(db, 'supervisor');
    const fresh = await approvedDispatchForTest(db);
    const [printed] = await db.select().from(mailDispatches).where(eq(mailDispatches.status, 'printed')).limit(1);
    expect((await printBatch(db, supervisor, { dispatchIds: [fresh.id, printed!.id] })).status).toBe('conflict');
    const [after] = await db.select().from(mailDispatches).where(eq(mailDispatches.id, fresh.id));
    expect(after).toMatchObject({ status: 'queued', version: 1, printBatchId: null });
    expect((await printBatch(db, supervisor, { dispatchIds: [] })).status).toBe('invalid');
    // A revoked certificate is not printed.
    await revokeCertificate(db, supervisor, { certificateId: fresh.certificateId, reasonCode: 'issued_in_error' });
    expect((await printBatch(db, supervisor, { dispatchIds: [fresh.id] })).status).toBe('conflict');
    expect((await printBatch(db, await staffByUsername(db, 'clerk06'), { dispatchIds: [fresh.id] })).status).toBe('forbidden');
  });
});
