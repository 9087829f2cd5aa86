'use server';

import { localized } from '@/lib/i18n/localize';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { fileApplicationAtCounter, identifyCitizenAtCounter, type CounterCitizen } from '@/lib/applications/counter-assist';
import { readPostedServiceForm, readPostedUploads } from '@/lib/applications/posted-form';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { getAuthSecret } from '@/lib/auth/secret';
import { getStaffOrFailure, isFailure } from '@/lib/auth/session';
import { getIdentityQrCodec } from '@/lib/identity/identity-qr-service';
import { runMasked } from '@/lib/logging';
import { kickOutbox } from '@/lib/notifications/outbox-worker';
import type { Result } from '@/lib/result';

export type CounterScanState = Result<CounterCitizen> | null;
export type CounterFilingState = Result<{ referenceNumber: string; isDuplicate: boolean }> | null;

/** The clerk scans the citizen's wallet identity QR; the operation checks the role and the code. */
export const identifyCitizenAtCounterAction = localized(async function identifyCitizenAtCounterAction(_prev: CounterScanState, formData: FormData): Promise<CounterScanState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.assistAtCounter);
  if (isFailure(actor)) return actor;
  return runMasked('counter-identify', async () =>
    identifyCitizenAtCounter(await getDb(), actor, { identityQr: formData.get('identityQr') }, { codec: await getIdentityQrCodec(), secret: getAuthSecret() }),
  );
});

/** The clerk files an application on the identified citizen's behalf, with the documents handed over at the counter. */
export const fileApplicationAtCounterAction = localized(async function fileApplicationAtCounterAction(_prev: CounterFilingState, formData: FormData): Promise<CounterFilingState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.assistAtCounter);
  if (isFailure(actor)) return actor;
  const serviceId = formData.get('serviceId');
  const result = await runMasked('counter-file', async () =>
    fileApplicationAtCounter(
      await getDb(),
      actor,
      {
        assistPass: formData.get('assistPass'),
        serviceId,
        form: await readPostedServiceForm(await getDb(), serviceId, formData),
        files: await readPostedUploads(formData),
        idempotencyKey: formData.get('idempotencyKey'),
      },
      { secret: getAuthSecret() },
    ),
  );
  if (result.status !== 'ok') return result;
  kickOutbox();
  revalidatePath('/staff/queue');
  return { status: 'ok', data: { referenceNumber: result.data.referenceNumber, isDuplicate: result.data.isDuplicate } };
});
