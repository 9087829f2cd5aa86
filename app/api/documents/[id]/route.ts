import { getDb } from '@/db/client';
import { getDocumentForActor } from '@/lib/applications/queries';
import { writeAudit } from '@/lib/audit/actions';
import { getActor } from '@/lib/auth/session';
import { fileResponse, notFoundResponse, unauthorizedResponse } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** An uploaded document, for its owner or a clerk of the case's district; anyone else gets 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return unauthorizedResponse();
  const { id } = await params;
  const db = await getDb();
  const document = await getDocumentForActor(db, actor, id);
  if (!document) return notFoundResponse();
  await writeAudit(db, {
    action: 'document.viewed',
    actorType: actor.kind,
    actorId: actor.kind === 'staff' ? actor.staffId : actor.accountId,
    subjectType: 'document',
    subjectId: document.id,
    details: { applicationId: document.applicationId },
  });
  return fileResponse(document.content, { mimeType: document.mimeType, fileName: document.fileName, disposition: 'inline' });
}
