import { getDb } from '@/db/client';
import { getCitizenOrFailure, isFailure } from '@/lib/auth/session';
import { getOwnRegistryPhoto } from '@/lib/identity/wallet';
import { fileResponse, notFoundResponse, unauthorizedResponse } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** The signed-in citizen's own registry photo, for the e-ID card thumbnail. */
export async function GET() {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return unauthorizedResponse();
  const photo = await getOwnRegistryPhoto(await getDb(), actor);
  if (!photo) return notFoundResponse();
  return fileResponse(photo.content, { mimeType: photo.mimeType, fileName: 'photo', disposition: 'inline' });
}
