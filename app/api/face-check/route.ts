import { getDb } from '@/db/client';
import { getCitizenOrFailure, isFailure } from '@/lib/auth/session';
import { issueFaceCheck } from '@/lib/face/face-check';
import { isSameOriginRequest, resultResponse } from '@/lib/http/responses';
import { runMasked } from '@/lib/logging';
import { msg } from '@/lib/i18n/problem';
import { forbidden } from '@/lib/result';

export const dynamic = 'force-dynamic';

/** Gate 2: a new random challenge for the signed-in citizen. */
export async function POST(request: Request) {
  return runMasked('face-check-issue', async () => {
    if (!isSameOriginRequest(request)) return resultResponse(forbidden(msg('problems.common.crossSite')));
    const actor = await getCitizenOrFailure();
    if (isFailure(actor)) return resultResponse(actor, { unauthenticated: true });
    return resultResponse(await issueFaceCheck(await getDb(), actor));
  });
}
