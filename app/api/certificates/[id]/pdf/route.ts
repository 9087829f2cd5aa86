import { getDb } from '@/db/client';
import { getCertificateForActor } from '@/lib/applications/queries';
import { getActor } from '@/lib/auth/session';
import { servePrivateFile } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** The certificate PDF, for its holder or staff who may see the case. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const [{ id }, actor, db] = await Promise.all([params, getActor(), getDb()]);
  return servePrivateFile(
    db,
    actor,
    async (caller) => {
      const certificate = await getCertificateForActor(db, caller, id);
      return certificate && { subjectId: certificate.id, bytes: certificate.pdf, mimeType: 'application/pdf', fileName: `${certificate.serialNumber}.pdf` };
    },
    { action: 'certificate.downloaded', subjectType: 'certificate', disposition: 'attachment' },
  );
}
