'use server';

import { localized } from '@/lib/i18n/localize';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { getStaffOrFailure, isFailure } from '@/lib/auth/session';
import { resetStaffTwoFactor } from '@/lib/auth/staff-totp';
import { runMasked } from '@/lib/logging';
import type { Result } from '@/lib/result';

export type ResetState = Result<{ endedSessions: number }> | null;

/** An admin resets another staff member's two-factor sign-in (checked again in lib: admin, not oneself). */
export const resetTwoFactorAction = localized(async function resetTwoFactorAction(_prev: ResetState, formData: FormData): Promise<ResetState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.resetStaffTwoFactor);
  if (isFailure(actor)) return actor;
  const result = await runMasked('totp-reset', async () => resetStaffTwoFactor(await getDb(), actor, formData.get('staffId')));
  revalidatePath('/staff/team');
  return result;
});
