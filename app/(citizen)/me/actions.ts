'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import type { UploadedFile } from '@/lib/applications/documents';
import { submitHouseholdTransfer } from '@/lib/applications/submit-application';
import { transitionApplication } from '@/lib/applications/transition-application';
import { getCitizenOrFailure, isFailure } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { runMasked } from '@/lib/logging';
import { kickOutbox } from '@/lib/notifications/outbox-worker';
import { forbidden, type Failure, type Result } from '@/lib/result';

export type SubmitState = Failure | null;

const FORM_FIELDS = ['toDistrictCode', 'toAddress', 'reason', 'employer', 'deliveryAddress', 'contactPhone', 'notificationEmail'] as const;

/** Files posted as `document.<kind>`; an empty file input posts a nameless empty part, which is "no file". */
async function readUploads(formData: FormData): Promise<UploadedFile[]> {
  const files: UploadedFile[] = [];
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith('document.') || typeof value === 'string') continue;
    if (value.size === 0 && value.name === '') continue;
    files.push({ kind: key.slice('document.'.length), fileName: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  return files;
}

/** The citizen submits a household transfer; the operation itself validates everything and checks the caller. */
export async function submitHouseholdTransferAction(_prev: SubmitState, formData: FormData): Promise<SubmitState> {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return actor;
  const result = await runMasked('submit-application', async () =>
    submitHouseholdTransfer(await getDb(), actor, {
      serviceId: formData.get('serviceId'),
      form: Object.fromEntries(FORM_FIELDS.map((f) => [f, formData.get(f) ?? undefined])),
      files: await readUploads(formData),
      idempotencyKey: formData.get('idempotencyKey'),
    }),
  );
  if (result.status !== 'ok') return result;
  kickOutbox();
  redirect(`/me/applications/${result.data.applicationId}?submitted=1`);
}

export type CitizenTransitionState = Result<{ status: string }> | null;

/** Withdraw, or resubmit with the material the clerk asked for; checked against the caller, the state machine and the row version. */
export async function citizenTransitionAction(_prev: CitizenTransitionState, formData: FormData): Promise<CitizenTransitionState> {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return actor;
  const transition = formData.get('transition');
  if (transition !== 'withdraw' && transition !== 'resubmit') return forbidden();
  const applicationId = String(formData.get('applicationId') ?? '');
  const result = await runMasked('citizen-transition', async () =>
    transitionApplication(
      await getDb(),
      actor,
      { applicationId, transition, expectedVersion: formData.get('expectedVersion') },
      { publicBaseUrl: getEnv().PUBLIC_BASE_URL },
      transition === 'resubmit' ? await readUploads(formData) : [],
    ),
  );
  if (result.status !== 'ok') return result;
  kickOutbox();
  revalidatePath(`/me/applications/${applicationId}`);
  return { status: 'ok', data: { status: result.data.status } };
}
