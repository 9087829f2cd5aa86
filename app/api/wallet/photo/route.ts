import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { residentPhotos } from '@/db/schema';
import { getCitizenOrFailure, isFailure } from '@/lib/auth/session';
import { fileResponse, notFoundResponse, unauthorizedResponse } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** The signed-in citizen's own registry photo, for the e-ID card thumbnail. */
export async function GET() {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return unauthorizedResponse();
  const [photo] = await (await getDb()).select().from(residentPhotos).where(eq(residentPhotos.residentId, actor.residentId));
  if (!photo) return notFoundResponse();
  return fileResponse(photo.content, { mimeType: photo.mimeType, fileName: 'photo', disposition: 'inline' });
}
