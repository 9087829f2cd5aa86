import { getDb } from '@/db/client';
import { keepDraftDocument } from '@/lib/applications/draft-documents';
import { getCitizenOrFailure, isFailure } from '@/lib/auth/session';
import { isSameOriginRequest, resultResponse } from '@/lib/http/responses';
import { localizedJson } from '@/lib/i18n/localize';
import { runMasked } from '@/lib/logging';
import { forbidden, invalid } from '@/lib/result';
import { MAX_DOCUMENT_BYTES } from '@/lib/uploads/inspect';
import { countUploadInspections } from '@/lib/uploads/upload-throttle';
import { msg } from '@/lib/i18n/problem';

export const dynamic = 'force-dynamic';

// The largest document any service takes, plus room for the multipart envelope and the other fields.
const MAX_BODY_BYTES = MAX_DOCUMENT_BYTES + 256 * 1024;

/**
 * One file picked in the wizard, kept with the citizen's draft of the service: multipart with `kind`
 * (the document it is for), `clientUploadId` (a UUID the browser made for this file; a retry sends the
 * same one and gets the same answer), optionally `idempotencyKey` (the wizard's submit key), and `file`.
 * Answers 201 with the kept file's id, name, size and pages, or a refusal with its reason code.
 */
export async function POST(request: Request, { params }: { params: Promise<{ serviceId: string }> }) {
  return runMasked('draft-document-upload', async () => {
    if (!isSameOriginRequest(request)) return resultResponse(forbidden(msg('problems.common.crossSite')));
    const actor = await getCitizenOrFailure();
    if (isFailure(actor)) return resultResponse(actor, { unauthenticated: true });
    const db = await getDb();
    const throttled = await countUploadInspections(db, actor.accountId, 1);
    if (throttled) {
      return localizedJson(
        { status: 'invalid', code: 'too_many_checks', message: throttled.message },
        { status: 429, headers: { 'Cache-Control': 'no-store', 'Retry-After': String(throttled.retryAfterSeconds) } },
      );
    }
    const body = await readCappedBody(request);
    if (body === 'too_large') {
      return localizedJson(
        { status: 'invalid', code: 'too_large', message: msg('problems.uploads.tooLarge', { mb: MAX_DOCUMENT_BYTES / 1024 / 1024 }) },
        { status: 413, headers: { 'Cache-Control': 'no-store' } },
      );
    }
    const form = await parseMultipart(body, request.headers.get('content-type'));
    if (!form) return resultResponse(invalid(msg('problems.applications.uploadRequestInvalid')));
    const file = form.get('file');
    const result = await keepDraftDocument(db, actor, {
      serviceId: (await params).serviceId,
      kind: form.get('kind'),
      clientUploadId: form.get('clientUploadId'),
      idempotencyKey: form.get('idempotencyKey') || undefined,
      file: file instanceof File ? { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null,
    });
    // Refusals carry references: they go out translated, as every JSON answer.
    if (result.status === 'ok') return localizedJson(result, { status: result.data.isRetry ? 200 : 201, headers: { 'Cache-Control': 'no-store' } });
    if ('code' in result) return localizedJson(result, { status: result.code === 'too_large' ? 413 : 400, headers: { 'Cache-Control': 'no-store' } });
    return resultResponse(result);
  });
}

/** The body, read no further than MAX_BODY_BYTES whatever Content-Length claims. */
async function readCappedBody(request: Request): Promise<Uint8Array | 'too_large'> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) return 'too_large';
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel();
      return 'too_large';
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

async function parseMultipart(body: Uint8Array, contentType: string | null): Promise<FormData | null> {
  if (!contentType?.toLowerCase().startsWith('multipart/form-data')) return null;
  try {
    return await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return null;
  }
}
