'use server';

import { localized } from '@/lib/i18n/localize';
import { getDb } from '@/db/client';
import { getAuthSecret } from '@/lib/auth/secret';
import { getCitizenOrFailure, isFailure } from '@/lib/auth/session';
import { confirmCafeCheckIn } from '@/lib/cafe/check-in';
import { runMasked } from '@/lib/logging';
import type { Result } from '@/lib/result';

export type CafeCheckInState = Result<{ checkInId: string; cafeName: string; seat: string }> | null;

/** The citizen confirms the café terminal's QR: the operation checks signature, expiry, single use and level. */
export const confirmCafeCheckInAction = localized(async function confirmCafeCheckInAction(_prev: CafeCheckInState, formData: FormData): Promise<CafeCheckInState> {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return actor;
  return runMasked('cafe-check-in', async () => confirmCafeCheckIn(await getDb(), actor, { token: formData.get('token') }, { secret: getAuthSecret() }));
});
