import { z } from 'zod';
import { getDb } from '@/db/client';
import { getCitizenOrFailure, isFailure } from '@/lib/auth/session';
import { getFaceConfig } from '@/lib/face/config';
import { faceEvidenceSchema, submitFaceEvidence } from '@/lib/face/face-check';
import { isSameOriginRequest, resultResponse } from '@/lib/http/responses';
import { runMasked } from '@/lib/logging';
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
    if (!isSameOriginRequest(request)) return resultResponse(forbidden('跨站请求被拒绝 / Cross-site request refused'));
    const actor = await getCitizenOrFailure();
    if (isFailure(actor)) return resultResponse(actor, { unauthenticated: true });
    const { id } = await params;
    if (!z.uuid().safeParse(id).success) return resultResponse(invalid('核验编号无效 / Invalid check id'));
    const config = getFaceConfig();
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > config.maxFrameBytes * 5 + 64 * 1024) return resultResponse(invalid('上传内容过大 / The upload is too large'));

    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return resultResponse(invalid('上传内容无法读取 / The upload could not be read'));
    }
    let metaJson: unknown;
    try {
      metaJson = JSON.parse(String(form.get('meta') ?? ''));
    } catch {
      return resultResponse(invalid('上传的核验数据格式无效 / The uploaded evidence is malformed'));
    }
    const meta = metaSchema.safeParse(metaJson);
    if (!meta.success) return resultResponse(invalid('上传的核验数据格式无效 / The uploaded evidence is malformed'));
    const frames = [];
    for (const [index, frame] of meta.data.frames.entries()) {
      const file = form.get(`frame${index}`);
      if (!(file instanceof File)) return resultResponse(invalid('缺少核验画面 / A captured frame is missing'));
      if (file.size > config.maxFrameBytes) return resultResponse(invalid('画面过大 / A frame is too large'));
      frames.push({ ...frame, bytes: new Uint8Array(await file.arrayBuffer()) });
    }
    const result = await submitFaceEvidence(await getDb(), actor, { checkId: id, frames, consentToPhotoReuse: meta.data.consentToPhotoReuse });
    return resultResponse(result);
  });
}
