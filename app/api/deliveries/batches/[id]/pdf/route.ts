import { getDb } from '@/db/client';
import { writeAudit } from '@/lib/audit/actions';
import { getActor } from '@/lib/auth/session';
import { renderPrintBatchPdf } from '@/lib/delivery/print-batch';
import { fileResponse, notFoundResponse, unauthorizedResponse } from '@/lib/http';
import { runMasked } from '@/lib/logging';

export const dynamic = 'force-dynamic';

/** One print batch as a PDF (certificates, address labels, packing list); supervisors only. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const [{ id }, actor, db] = await Promise.all([params, getActor(), getDb()]);
  if (!actor) return unauthorizedResponse();
  if (actor.kind !== 'staff') return notFoundResponse();
  return runMasked('print-batch-pdf', async () => {
    const batch = await renderPrintBatchPdf(db, actor, id);
    if (!batch) return notFoundResponse();
    await writeAudit(db, { action: 'dispatch.batch_pdf_downloaded', actorType: 'staff', actorId: actor.staffId, subjectType: 'print_batch', subjectId: id });
    return fileResponse(batch.pdf, { mimeType: 'application/pdf', fileName: `${batch.batchNumber}.pdf`, disposition: 'attachment' });
  });
}
