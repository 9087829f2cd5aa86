'use server';

import { localized } from '@/lib/i18n/localize';
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
  if (!(file instanceof File) || file.size === 0) return { status: 'invalid', message: '请选择 CSV 文件 / Choose a CSV file' };
  if (file.size > MAX_MANIFEST_BYTES) return { status: 'invalid', message: '文件过大（最大 2 MB）/ File too large (2 MB at most)' };
  const text = await file.text();
  const result = await runMasked('manifest-import', async () => importTrackingManifest(await getDb(), actor, text));
  if (result.status !== 'ok') return result;
  kickOutbox();
  revalidatePath('/staff/deliveries');
  const o = result.data.outcomes;
  return { status: 'ok', data: { message: `已导入 ${result.data.rows} 行：生效 ${o.applied}，重复 ${o.duplicate}，过时 ${o.stale}，不适用 ${o.not_applicable} / Imported ${result.data.rows} rows: ${o.applied} applied, ${o.duplicate} duplicates, ${o.stale} stale, ${o.not_applicable} not applicable` } };
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
  return { status: 'ok', data: { message: '已核验身份并交付 / Identity checked; handed over' } };
});
