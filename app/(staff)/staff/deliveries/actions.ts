'use server';

import { localized } from '@/lib/i18n/localize';
import { msg } from '@/lib/i18n/problem';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { getStaffOrFailure, isFailure } from '@/lib/auth/session';
import { importTrackingManifest } from '@/lib/delivery/couriers/import-tracking-manifest';
import { printBatch } from '@/lib/delivery/print-batch';
import { recordCounterPickup } from '@/lib/delivery/record-counter-pickup';
import { getIdentityQrCodec } from '@/lib/identity/identity-qr-service';
import { runMasked } from '@/lib/logging';
import { kickOutbox } from '@/lib/notifications/outbox-worker';
import type { FieldErrors, Result } from '@/lib/result';

export type BatchActionState = Result<{ batchId: string; batchNumber: string; count: number }> | null;
export type ManifestActionState = Result<{ message: string }> | (Result<never> & { fieldErrors?: FieldErrors }) | null;
export type PickupActionState = Result<{ message: string }> | null;

const MAX_MANIFEST_BYTES = 2 * 1024 * 1024;

/** Prints the checked certificates as one batch; the operation checks the role and that each is still queued. */
export const printBatchAction = localized(async function printBatchAction(_prev: BatchActionState, formData: FormData): Promise<BatchActionState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.manageDeliveries);
  if (isFailure(actor)) return actor;
  const result = await runMasked('print-batch', async () => printBatch(await getDb(), actor, { dispatchIds: formData.getAll('dispatchId').map(String) }));
  if (result.status === 'ok') revalidatePath('/staff/deliveries');
  return result;
});

/** Imports a courier's CSV manifest of tracking events: all rows or none. */
export const importManifestAction = localized(async function importManifestAction(_prev: ManifestActionState, formData: FormData): Promise<ManifestActionState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.manageDeliveries);
  if (isFailure(actor)) return actor;
  const file = formData.get('manifest');
  if (!(file instanceof File) || file.size === 0) return { status: 'invalid', message: msg('problems.delivery.chooseCsv') };
  if (file.size > MAX_MANIFEST_BYTES) return { status: 'invalid', message: msg('problems.delivery.fileTooLarge') };
  const text = await file.text();
  const result = await runMasked('manifest-import', async () => importTrackingManifest(await getDb(), actor, text));
  if (result.status !== 'ok') return result;
  kickOutbox();
  revalidatePath('/staff/deliveries');
  const o = result.data.outcomes;
  return { status: 'ok', data: { message: msg('problems.delivery.imported', { rows: result.data.rows, applied: o.applied, duplicate: o.duplicate, stale: o.stale, notApplicable: o.not_applicable }) } };
});

/** Counter hand-over of a held parcel after the collector's identity check. */
export const counterPickupAction = localized(async function counterPickupAction(_prev: PickupActionState, formData: FormData): Promise<PickupActionState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.handOverAtCounter);
  if (isFailure(actor)) return actor;
  const method = formData.get('method');
  const input = {
    dispatchId: formData.get('dispatchId'),
    expectedVersion: formData.get('expectedVersion'),
    method,
    ...(method === 'identity_qr' ? { identityQr: formData.get('identityQr') } : { idNumber: formData.get('idNumber') }),
  };
  const result = await runMasked('counter-pickup', async () => recordCounterPickup(await getDb(), actor, input, { codec: await getIdentityQrCodec() }));
  if (result.status !== 'ok') return result;
  kickOutbox();
  revalidatePath('/staff/deliveries');
  revalidatePath('/staff/counter');
  return { status: 'ok', data: { message: msg('problems.delivery.handedOver') } };
});
