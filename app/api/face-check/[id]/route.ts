import { z } from 'zod';
import { getDb } from '@/db/client';
import { getCitizenOrFailure, isFailure } from '@/lib/auth/session';
import { getFaceConfig } from '@/lib/face/config';
import { faceEvidenceSchema, submitFaceEvidence } from '@/lib/face/face-check';
import { isSameOriginRequest, resultResponse } from '@/lib/http/responses';
import { runMasked } from '@/lib/logging';
import { msg } from '@/lib/i18n/problem';
import { forbidden, invalid } from '@/lib/result';

export const dynamic = 'force-dynamic';
// The face models need Node (WASM backend) and about a second per evidence set.
export const runtime = 'nodejs';
export const maxDuration = 60;

const metaSchema = faceEvidenceSchema.omit({ checkId: true });

/**
 * The evidence for one challenge: multipart with `meta` (JSON: frames' actions and offsets, consent)
 * and the frames as files `frame0` … `frameN` in order. Decided here, on the server.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return runMasked('face-check-submit', async () => {
    if (!isSameOriginRequest(request)) return resultResponse(forbidden(msg('problems.common.crossSite')));
    const actor = await getCitizenOrFailure();
    if (isFailure(actor)) return resultResponse(actor, { unauthenticated: true });
    const { id } = await params;
    if (!z.uuid().safeParse(id).success) return resultResponse(invalid(msg('problems.face.invalidCheckId')));
    const config = getFaceConfig();
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > config.maxFrameBytes * 5 + 64 * 1024) return resultResponse(invalid(msg('problems.face.uploadTooLarge')));

    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return resultResponse(invalid(msg('problems.face.uploadUnreadable')));
    }
    let metaJson: unknown;
    try {
      metaJson = JSON.parse(String(form.get('meta') ?? ''));
    } catch {
      return resultResponse(invalid(msg('problems.face.malformed')));
    }
    const meta = metaSchema.safeParse(metaJson);
    if (!meta.success) return resultResponse(invalid(msg('problems.face.malformed')));
    const frames = [];
    for (const [index, frame] of meta.data.frames.entries()) {
      const file = form.get(`frame${index}`);
      if (!(file instanceof File)) return resultResponse(invalid(msg('problems.face.frameMissing')));
      if (file.size > config.maxFrameBytes) return resultResponse(invalid(msg('problems.face.frameTooLarge')));
      frames.push({ ...frame, bytes: new Uint8Array(await file.arrayBuffer()) });
    }
    const result = await submitFaceEvidence(await getDb(), actor, { checkId: id, frames, consentToPhotoReuse: meta.data.consentToPhotoReuse });
    return resultResponse(result);
  });
}
