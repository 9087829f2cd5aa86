'use server';

import { localized } from '@/lib/i18n/localize';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { getCitizenOrFailure, isFailure } from '@/lib/auth/session';
import { revokePhotoConsent } from '@/lib/face/face-check';
import { resumeEid, suspendEid } from '@/lib/identity/eid-status';
import { runMasked } from '@/lib/logging';
import type { Result } from '@/lib/result';

export type EidStatusState = Result<{ status: string }> | null;

/** Lost phone: the citizen suspends the e-ID, and every identity code stops verifying at once. */
export const changeEidStatusAction = localized(async function changeEidStatusAction(_prev: EidStatusState, formData: FormData): Promise<EidStatusState> {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return actor;
  const change = formData.get('change') === 'resume' ? resumeEid : suspendEid;
  const result = await runMasked('eid-status', async () => change(await getDb(), actor));
  revalidatePath('/wallet');
  return result;
});

/** Withdraws consent to reuse the face-check photo on traffic documents; the kept copy is deleted. */
export const revokePhotoConsentAction = localized(async function revokePhotoConsentAction(): Promise<void> {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return;
  await runMasked('photo-consent-revoke', async () => revokePhotoConsent(await getDb(), actor));
  revalidatePath('/wallet');
});
