import { getDb } from '@/db/client';
import { getDocumentForActor } from '@/lib/applications/queries';
import { getActor } from '@/lib/auth/session';
import { servePrivateFile } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** An uploaded document, for its owner or a clerk of the case's district; anyone else gets 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const [{ id }, actor, db] = await Promise.all([params, getActor(), getDb()]);
  return servePrivateFile(
    db,
    actor,
    async (caller) => {
      const document = await getDocumentForActor(db, caller, id);
      return document && { subjectId: document.id, bytes: document.content, mimeType: document.mimeType, fileName: document.fileName, details: { applicationId: document.applicationId } };
    },
    { action: 'document.viewed', subjectType: 'document', disposition: 'inline' },
  );
}
