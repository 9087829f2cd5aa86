'use server';

import { headers } from 'next/headers';
import { getDb } from '@/db/client';
import { clientAddressFrom } from '@/lib/http/client-address';
import { requestSignInCode } from '@/lib/auth/citizen-sign-in';
import { getAuthSecret } from '@/lib/auth/secret';
import { runMasked } from '@/lib/logging';
import { kickOutbox } from '@/lib/notifications/outbox-worker';
import type { Result } from '@/lib/result';

export type RequestCodeState = Result<{ challengeId: string; maskedPhone: string }> | null;

/** Gate 1: name + ID number + phone against the registry, then a code to the registered phone. */
export async function requestCodeAction(_prev: RequestCodeState, formData: FormData): Promise<RequestCodeState> {
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
  kickOutbox();
  return { status: 'ok', data: { challengeId: result.data.challengeId, maskedPhone: result.data.maskedPhone } };
}
