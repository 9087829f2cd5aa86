'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { submitHouseholdTransfer, type UploadedFile } from '@/lib/applications/submit-application';
import { transitionApplication } from '@/lib/applications/transition-application';
import { getCitizenOrFailure, isFailure } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { kickOutbox } from '@/lib/notifications/outbox-worker';
import { forbidden, type Result } from '@/lib/result';

export type SubmitState = Exclude<Result<never>, { status: 'ok' }> | null;

const FORM_FIELDS = ['toDistrictCode', 'toAddress', 'reason', 'employer', 'deliveryAddress', 'contactPhone', 'notificationEmail'] as const;

/** The citizen submits a household transfer; the operation itself validates everything and checks the caller. */
export async function submitHouseholdTransferAction(_prev: SubmitState, formData: FormData): Promise<SubmitState> {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return actor;
  const form = Object.fromEntries(FORM_FIELDS.map((f) => [f, formData.get(f) ?? undefined]));
  const files: UploadedFile[] = [];
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith('document.') || typeof value === 'string') continue;
    // An empty file input still posts a nameless, empty part: that is "no file", not an empty file.
    if (value.size === 0 && value.name === '') continue;
    files.push({ kind: key.slice('document.'.length), fileName: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  const result = await submitHouseholdTransfer(await getDb(), actor, {
    serviceId: formData.get('serviceId'),
    form,
    files,
    idempotencyKey: formData.get('idempotencyKey'),
  });
  if (result.status !== 'ok') return result;
  kickOutbox();
  redirect(`/me/applications/${result.data.applicationId}?submitted=1`);
}

export type CitizenTransitionState = Result<{ status: string }> | null;

/** Withdraw or resubmit, checked against the caller, the state machine and the row version. */
export async function citizenTransitionAction(_prev: CitizenTransitionState, formData: FormData): Promise<CitizenTransitionState> {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return actor;
  const transition = formData.get('transition');
  if (transition !== 'withdraw' && transition !== 'resubmit') return forbidden();
  const result = await transitionApplication(
    await getDb(),
    actor,
    { applicationId: formData.get('applicationId'), transition, expectedVersion: formData.get('expectedVersion') },
    { publicBaseUrl: getEnv().PUBLIC_BASE_URL },
  );
  if (result.status !== 'ok') return result;
  kickOutbox();
  revalidatePath(`/me/applications/${String(formData.get('applicationId'))}`);
  return { status: 'ok', data: { status: result.data.status } };
}
