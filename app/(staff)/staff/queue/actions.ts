'use server';

import { localized } from '@/lib/i18n/localize';
import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { getDb } from '@/db/client';
import { bulkTransition, type BulkItemOutcome } from '@/lib/applications/bulk-transition';
import { getStaffOrFailure, isFailure } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { parseIdNumber } from '@/lib/identity/id-number';
import { ID_SEARCH_COOKIE, ID_SEARCH_MAX_AGE_SECONDS } from '@/lib/applications/queue-search';
import { runMasked } from '@/lib/logging';
import { invalid, ok, type Result } from '@/lib/result';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';

/**
 * A search by ID number travels in a short-lived, HttpOnly cookie instead of the URL, so the number
 * never lands in browser history, shared links or access logs. The URL only says "by ID number".
 */
export const setQueueIdSearchAction = localized(async function setQueueIdSearchAction(idNumber: string): Promise<Result<null>> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.workTheQueue);
  if (isFailure(actor)) return actor;
  const parsed = parseIdNumber(idNumber);
  if (!parsed.ok) return invalid(parsed.message);
  (await cookies()).set(ID_SEARCH_COOKIE, parsed.value.idNumber, { httpOnly: true, sameSite: 'strict', path: '/staff/queue', maxAge: ID_SEARCH_MAX_AGE_SECONDS });
  return ok(null);
});

/** Claim the selected cases, or (a supervisor) assign them to a clerk: each case checked on its own. */
export const bulkQueueAction = localized(async function bulkQueueAction(input: unknown): Promise<Result<{ outcomes: BulkItemOutcome[]; succeeded: number }>> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.workTheQueue);
  if (isFailure(actor)) return actor;
  const result = await runMasked('queue-bulk', async () => bulkTransition(await getDb(), actor, input, { publicBaseUrl: getEnv().PUBLIC_BASE_URL }));
  if (result.status === 'ok') revalidatePath('/staff/queue');
  return result;
});
