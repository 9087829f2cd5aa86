'use server';

import { localized } from '@/lib/i18n/localize';
import { cookies, headers } from 'next/headers';
import { getDb } from '@/db/client';
import { clientAddressFrom } from '@/lib/http/client-address';
import { CODE_TTL_MS, requestSignInCode, resendSignInCode, SIGN_IN_CHALLENGE_COOKIE } from '@/lib/auth/citizen-sign-in';
import { getAuthSecret } from '@/lib/auth/secret';
import { runMasked } from '@/lib/logging';
import { kickOutbox } from '@/lib/notifications/outbox-worker';
import type { Result } from '@/lib/result';

export type RequestCodeState = Result<{ challengeId: string; maskedPhone: string }> | null;

async function rememberChallenge(challengeId: string) {
  (await cookies()).set(SIGN_IN_CHALLENGE_COOKIE, challengeId, { httpOnly: true, sameSite: 'lax', path: '/sign-in', maxAge: CODE_TTL_MS / 1000 });
}

/** Gate 1: name + ID number + phone against the registry, then a code to the registered phone. */
export const requestCodeAction = localized(async function requestCodeAction(_prev: RequestCodeState, formData: FormData): Promise<RequestCodeState> {
  const result = await runMasked('request-sign-in-code', async () =>
    requestSignInCode(
      await getDb(),
      { name: formData.get('name'), idNumber: formData.get('idNumber'), phone: formData.get('phone') },
      getAuthSecret(),
      new Date(),
      clientAddressFrom(await headers()),
    ),
  );
  if (result.status !== 'ok') return result;
  await rememberChallenge(result.data.challengeId);
  kickOutbox();
  return { status: 'ok', data: { challengeId: result.data.challengeId, maskedPhone: result.data.maskedPhone } };
});

/** "Send a new code" from the code step: to the phone of this browser's current challenge (its cookie). */
export const resendCodeAction = localized(async function resendCodeAction(): Promise<RequestCodeState> {
  const current = (await cookies()).get(SIGN_IN_CHALLENGE_COOKIE)?.value;
  const result = await runMasked('resend-sign-in-code', async () => resendSignInCode(await getDb(), current, getAuthSecret(), new Date(), clientAddressFrom(await headers())));
  if (result.status !== 'ok') return result;
  await rememberChallenge(result.data.challengeId);
  kickOutbox();
  return { status: 'ok', data: { challengeId: result.data.challengeId, maskedPhone: result.data.maskedPhone } };
});

/** Back to the details: this browser forgets its code step. */
export const startOverAction = localized(async function startOverAction(): Promise<void> {
  (await cookies()).delete({ name: SIGN_IN_CHALLENGE_COOKIE, path: '/sign-in' });
});
