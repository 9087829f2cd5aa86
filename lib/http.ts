import type { Database } from '@/db/connect';
import { writeAudit, type AuditAction } from '@/lib/audit/actions';
import { actorRef, type Actor } from '@/lib/auth/actor';
import { localizedJson } from '@/lib/i18n/localize';
import { msg } from '@/lib/i18n/problem';

export function notFoundResponse(): Promise<Response> {
  return localizedJson({ status: 'not_found', message: msg('problems.common.notFound') }, { status: 404 });
}

export function unauthorizedResponse(): Promise<Response> {
  return localizedJson({ status: 'forbidden', message: msg('problems.common.signIn') }, { status: 401 });
}

/** Serves stored bytes privately: never cached by shared caches, never sniffed into another type. */
export function fileResponse(bytes: Uint8Array, options: { mimeType: string; fileName: string; disposition: 'inline' | 'attachment' }) {
  return new Response(Buffer.from(bytes), {
    headers: {
      'Content-Type': options.mimeType,
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': `${options.disposition}; filename="${options.fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(options.fileName)}`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

type PrivateFile = { subjectId: string; bytes: Uint8Array; mimeType: string; fileName: string; details?: Record<string, unknown> };

/**
 * A file only its owner or the case's staff may read: signed out → 401; outside the caller's
 * scope (or no such file) → 404; otherwise the access is audited and the bytes served.
 */
export async function servePrivateFile(
  db: Database,
  actor: Actor | null,
  load: (actor: Actor) => Promise<PrivateFile | undefined>,
  audit: { action: AuditAction; subjectType: 'document' | 'certificate'; disposition: 'inline' | 'attachment' },
) {
  if (!actor) return unauthorizedResponse();
  const file = await load(actor);
  if (!file) return notFoundResponse();
  await writeAudit(db, { action: audit.action, ...actorRef(actor), subjectType: audit.subjectType, subjectId: file.subjectId, details: file.details });
  return fileResponse(file.bytes, { mimeType: file.mimeType, fileName: file.fileName, disposition: audit.disposition });
}
