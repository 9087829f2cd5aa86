import { getDb } from '@/db/client';
import { getDraftDocumentContent, removeDraftDocument } from '@/lib/applications/draft-documents';
import { getCitizenOrFailure, isFailure } from '@/lib/auth/session';
import { fileResponse, notFoundResponse, unauthorizedResponse } from '@/lib/http';
import { isSameOriginRequest, resultResponse } from '@/lib/http/responses';
import { runMasked } from '@/lib/logging';
import { forbidden } from '@/lib/result';
import { msg } from '@/lib/i18n/problem';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ serviceId: string; documentId: string }> };

/** A file kept with the citizen's own draft, to look at before submitting; anyone else gets 404. */
export async function GET(_request: Request, { params }: Params) {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return unauthorizedResponse();
  const { serviceId, documentId } = await params;
  const document = await getDraftDocumentContent(await getDb(), actor, serviceId, documentId);
  if (!document) return notFoundResponse();
  return fileResponse(document.content, { mimeType: document.mimeType, fileName: document.fileName, disposition: 'inline' });
}

/** Removes a kept file from the citizen's own draft; another citizen's file is not found. */
export async function DELETE(request: Request, { params }: Params) {
  return runMasked('draft-document-remove', async () => {
    if (!isSameOriginRequest(request)) return resultResponse(forbidden(msg('problems.common.crossSite')));
    const actor = await getCitizenOrFailure();
    if (isFailure(actor)) return resultResponse(actor, { unauthenticated: true });
    const { serviceId, documentId } = await params;
    return resultResponse(await removeDraftDocument(await getDb(), actor, serviceId, documentId));
  });
}
