// Batch printing: the supervisor picks certificates queued for printing; they are marked printed in
// one transaction (each with its timeline and audit entry) and come out as one PDF: the certificates,
// then their address labels, then a packing list to check the envelopes against.
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { z } from 'zod';
import type { Database, Executor } from '@/db/connect';
import { applications, certificates, mailDispatches, printBatches } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { StaffActor } from '@/lib/auth/actor';
import { toBeijingDate } from '@/lib/calendar/working-days';
import { embedNotoSansSc } from '@/lib/certificates/fonts';
import { issuingAuthorityFor } from '@/lib/certificates/issue-certificate';
import { formatChineseDate } from '@/lib/certificates/render-certificate';
import { districtName } from '@/lib/places';
import { maskName } from '@/lib/privacy/mask';
import { msg } from '@/lib/i18n/problem';
import { conflict, forbidden, invalid, notFound, ok, OperationFailure, type Result } from '@/lib/result';
import { applyDispatchTransition } from './transition-dispatch';
import { canManageDeliveries } from '@/lib/auth/permissions';

export const printBatchSchema = z.object({
  dispatchIds: z
    .array(z.uuid())
    .min(1, msg('problems.delivery.selectOne'))
    .max(200, msg('problems.delivery.batchMax'))
    .refine((ids) => new Set(ids).size === ids.length, msg('problems.delivery.duplicateDispatch')),
});

/** Marks the chosen queued dispatches printed as one batch; all or nothing. */
export async function printBatch(db: Database, actor: StaffActor, rawInput: unknown, now = new Date()): Promise<Result<{ batchId: string; batchNumber: string; count: number }>> {
  if (!canManageDeliveries(actor)) return forbidden();
  const parsed = printBatchSchema.safeParse(rawInput);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message ?? msg('problems.common.invalidRequest'), z.flattenError(parsed.error).fieldErrors);
  const ids = parsed.data.dispatchIds;
  try {
    const outcome = await db.transaction(async (tx) => {
      const found = await tx
        .select({ dispatch: mailDispatches, certificateStatus: certificates.status })
        .from(mailDispatches)
        .innerJoin(certificates, eq(certificates.id, mailDispatches.certificateId))
        .where(inArray(mailDispatches.id, ids));
      if (found.length !== ids.length) throw new OperationFailure(notFound(msg('problems.delivery.dispatchMissing')));
      if (found.some((r) => r.dispatch.status !== 'queued')) throw new OperationFailure(conflict(msg('problems.delivery.alreadyPrinted')));
      // A revoked or superseded certificate must not go out.
      if (found.some((r) => r.certificateStatus !== 'valid')) throw new OperationFailure(conflict(msg('problems.delivery.certificatesInvalid')));
      const rows = found.map((r) => r.dispatch);
      const today = toBeijingDate(now).replaceAll('-', '');
      const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(printBatches);
      const batchNumber = `PB${today}-${String(n + 1).padStart(4, '0')}`;
      const [batch] = await tx.insert(printBatches).values({ batchNumber, createdByStaffId: actor.staffId, dispatchCount: rows.length, createdAt: now }).returning({ id: printBatches.id });
      if (!batch) throw new Error('batch insert returned nothing');
      // Same order as the PDF: by serial.
      for (const dispatch of rows) {
        await applyDispatchTransition(tx, dispatch, { transition: 'print', note: msg('problems.delivery.batchNote', { batch: batchNumber }) }, { kind: 'staff', staffId: actor.staffId }, now);
        await tx.update(mailDispatches).set({ printBatchId: batch.id }).where(eq(mailDispatches.id, dispatch.id));
      }
      await writeAudit(tx, { action: 'dispatch.batch_printed', actorType: 'staff', actorId: actor.staffId, subjectType: 'print_batch', subjectId: batch.id, details: { batchNumber, dispatchIds: ids } });
      return { batchId: batch.id, batchNumber, count: rows.length };
    });
    return ok(outcome);
  } catch (error) {
    if (error instanceof OperationFailure) return error.failure;
    // Two batches started in the same instant drew the same number: the later one is told to retry.
    if (isUniqueViolation(error)) return conflict(msg('problems.delivery.batchRace'));
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  // drizzle wraps the driver's error in `cause`.
  for (let depth = 0; e && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export async function listRecentPrintBatches(db: Executor, actor: StaffActor, limit = 10) {
  if (!canManageDeliveries(actor)) return [];
  return db.select().from(printBatches).orderBy(desc(printBatches.createdAt)).limit(limit);
}

type BatchItem = {
  serialNumber: string;
  referenceNumber: string;
  recipientName: string;
  address: string;
  phone: string;
  districtCode: string;
  pdf: Uint8Array;
};

/** The batch's PDF for the supervisor: certificates, address labels, packing list. */
export async function renderPrintBatchPdf(db: Executor, actor: StaffActor, batchId: string): Promise<{ batchNumber: string; pdf: Uint8Array } | undefined> {
  if (!canManageDeliveries(actor) || !z.uuid().safeParse(batchId).success) return undefined;
  const [batch] = await db.select().from(printBatches).where(eq(printBatches.id, batchId));
  if (!batch) return undefined;
  const items: BatchItem[] = await db
    .select({
      serialNumber: certificates.serialNumber,
      referenceNumber: applications.referenceNumber,
      recipientName: mailDispatches.recipientName,
      address: mailDispatches.address,
      phone: mailDispatches.phone,
      districtCode: applications.districtCode,
      pdf: certificates.pdf,
    })
    .from(mailDispatches)
    .innerJoin(certificates, eq(certificates.id, mailDispatches.certificateId))
    .innerJoin(applications, eq(applications.id, mailDispatches.applicationId))
    .where(and(eq(mailDispatches.printBatchId, batch.id)))
    .orderBy(asc(certificates.serialNumber));
  return { batchNumber: batch.batchNumber, pdf: await composeBatchPdf(batch.batchNumber, batch.createdAt, items) };
}

const A4: [number, number] = [595.28, 841.89];
const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.4, 0.4, 0.4);

async function composeBatchPdf(batchNumber: string, createdAt: Date, items: BatchItem[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(`打印批次 Print batch ${batchNumber}`);
  doc.setCreationDate(createdAt);
  doc.setModificationDate(createdAt);
  for (const item of items) {
    const source = await PDFDocument.load(item.pdf, { updateMetadata: false });
    for (const page of await doc.copyPages(source, source.getPageIndices())) doc.addPage(page);
  }
  const font = await embedNotoSansSc(doc);
  drawLabels(doc, font, items);
  drawPackingList(doc, font, batchNumber, createdAt, items);
  return doc.save();
}

/** Eight labels per A4 page (2 × 4), each with the sender, the recipient and the serial inside. */
function drawLabels(doc: PDFDocument, font: PDFFont, items: BatchItem[]) {
  const columns = 2;
  const rows = 4;
  const margin = 28;
  const width = (A4[0] - 2 * margin) / columns;
  const height = (A4[1] - 2 * margin) / rows;
  items.forEach((item, index) => {
    const slot = index % (columns * rows);
    const page = slot === 0 ? doc.addPage(A4) : doc.getPage(doc.getPageCount() - 1);
    const x = margin + (slot % columns) * width;
    const top = A4[1] - margin - Math.floor(slot / columns) * height;
    page.drawRectangle({ x: x + 4, y: top - height + 4, width: width - 8, height: height - 8, borderColor: MUTED, borderWidth: 0.6, borderDashArray: [3, 3] });
    let y = top - 24;
    const text = (value: string, size: number, color = INK) => {
      for (const line of wrap(font, value, size, width - 32)) {
        page.drawText(line, { x: x + 16, y, size, font, color });
        y -= size * 1.4;
      }
    };
    text('寄件 From', 7, MUTED);
    text(issuingAuthorityFor(item.districtCode), 9);
    y -= 6;
    text('收件人 To', 7, MUTED);
    text(`${item.recipientName}  ${item.phone}`, 13);
    text(item.address, 11);
    y -= 6;
    text(`证件 ${item.serialNumber} · 申请 ${item.referenceNumber}`, 8, MUTED);
  });
}

/** One line per envelope: serial, reference, masked recipient, district, a box to tick. */
function drawPackingList(doc: PDFDocument, font: PDFFont, batchNumber: string, createdAt: Date, items: BatchItem[]) {
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - 60;
  const header = () => {
    page.drawText(`装箱清单 Packing list  ${batchNumber}`, { x: 48, y, size: 16, font, color: INK });
    y -= 20;
    page.drawText(`${formatChineseDate(createdAt)} · 共 ${items.length} 件 / ${items.length} items`, { x: 48, y, size: 10, font, color: MUTED });
    y -= 26;
    const cols = ['序号 No.', '证件编号 Serial', '申请编号 Reference', '收件人 Recipient', '区 District', '核对 ✓'];
    cols.forEach((c, i) => page.drawText(c, { x: COLUMN_X[i]!, y, size: 9, font, color: MUTED }));
    y -= 6;
    page.drawLine({ start: { x: 48, y }, end: { x: A4[0] - 48, y }, thickness: 0.6, color: MUTED });
    y -= 16;
  };
  header();
  items.forEach((item, index) => {
    if (y < 60) {
      page = doc.addPage(A4);
      y = A4[1] - 60;
      header();
    }
    const cells = [String(index + 1), item.serialNumber, item.referenceNumber, maskName(item.recipientName), districtName(item.districtCode), '□'];
    cells.forEach((c, i) => page.drawText(c, { x: COLUMN_X[i]!, y, size: 10, font, color: INK }));
    y -= 18;
  });
}

const COLUMN_X = [48, 90, 200, 330, 420, 500];

function wrap(font: PDFFont, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of Array.from(text)) {
    if (line && font.widthOfTextAtSize(line + char, size) > maxWidth) {
      lines.push(line);
      line = char.trim() ? char : '';
    } else line += char;
  }
  if (line) lines.push(line);
  return lines;
}
