import { getDb } from '@/db/client';
import { getCertificateForActor } from '@/lib/applications/queries';
import { writeAudit } from '@/lib/audit/actions';
import { getActor } from '@/lib/auth/session';
import { fileResponse, notFoundResponse, unauthorizedResponse } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** The certificate PDF, for its holder or staff who may see the case. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return unauthorizedResponse();
  const { id } = await params;
  const db = await getDb();
  const certificate = await getCertificateForActor(db, actor, id);
  if (!certificate) return notFoundResponse();
  await writeAudit(db, {
    action: 'certificate.downloaded',
    actorType: actor.kind,
    actorId: actor.kind === 'staff' ? actor.staffId : actor.accountId,
    subjectType: 'certificate',
    subjectId: certificate.id,
  });
  return fileResponse(certificate.pdf, { mimeType: 'application/pdf', fileName: `${certificate.serialNumber}.pdf`, disposition: 'attachment' });
}
