'use server';

import { getDb } from '@/db/client';
import { approveQrSignIn } from '@/lib/auth/qr-sign-in';
import { getCitizenOrFailure, isFailure } from '@/lib/auth/session';
import { runMasked } from '@/lib/logging';
import type { Result } from '@/lib/result';

export type ConfirmState = Result<{ approved: true }> | null;

export async function confirmQrSignInAction(_prev: ConfirmState, formData: FormData): Promise<ConfirmState> {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return actor;
  return runMasked('qr-sign-in-approve', async () => approveQrSignIn(await getDb(), actor, formData.get('requestId')));
}
