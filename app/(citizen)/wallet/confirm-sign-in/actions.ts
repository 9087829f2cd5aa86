'use server';

import { localized } from '@/lib/i18n/localize';
import { headers } from 'next/headers';
import { getDb } from '@/db/client';
import { answerQrSignIn, openQrSignIn } from '@/lib/auth/qr-sign-in';
import { getCitizenOrFailure, isFailure } from '@/lib/auth/session';
import { clientAddressFrom } from '@/lib/http/client-address';
import { runMasked } from '@/lib/logging';
import type { Result } from '@/lib/result';

export type OpenState = Result<{ requestId: string; browser: string; place: string; requestedAt: string; choices: number[] }> | null;
export type ConfirmState = Result<{ approved: true }> | null;

/** The wallet's scanner read a sign-in QR: show what asked, and the numbers to choose from. */
export const openQrSignInAction = localized(async function openQrSignInAction(_prev: OpenState, formData: FormData): Promise<OpenState> {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return actor;
  const phoneAddress = clientAddressFrom(await headers());
  const opened = await runMasked('qr-sign-in-open', async () => openQrSignIn(await getDb(), actor, formData.get('payload'), phoneAddress));
  if (opened.status !== 'ok') return opened;
  return { status: 'ok', data: { ...opened.data, requestedAt: opened.data.requestedAt.toISOString() } };
});

/** The person picks the number on the computer's screen (or says it is not them). */
export const confirmQrSignInAction = localized(async function confirmQrSignInAction(_prev: ConfirmState, formData: FormData): Promise<ConfirmState> {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return actor;
  return runMasked('qr-sign-in-answer', async () => answerQrSignIn(await getDb(), actor, { requestId: formData.get('requestId'), choice: formData.get('choice') }));
});
