'use server';

import { localized } from '@/lib/i18n/localize';
import { msg } from '@/lib/i18n/problem';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { getStaffOrFailure, isFailure } from '@/lib/auth/session';
import { reissueCertificate, revokeCertificate } from '@/lib/certificates/revoke-and-reissue';
import { getEnv } from '@/lib/env';
import { runMasked } from '@/lib/logging';
import type { StaffActionState } from './actions';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';

/** A supervisor revokes a certificate with a reason code; the operation checks the role again. */
export const revokeCertificateAction = localized(async function revokeCertificateAction(_prev: StaffActionState, formData: FormData): Promise<StaffActionState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.manageCertificates);
  if (isFailure(actor)) return actor;
  const input = { certificateId: formData.get('certificateId'), reasonCode: formData.get('reasonCode'), note: formData.get('note') ?? '' };
  const result = await runMasked('certificate-revoke', async () => revokeCertificate(await getDb(), actor, input));
  if (result.status !== 'ok') return result;
  revalidatePath(`/staff/cases/${String(formData.get('applicationId') ?? '')}`);
  return { status: 'ok', data: { status: 'revoked', message: msg('problems.certificates.revoked') } };
});

/** A supervisor reissues a certificate: a new serial supersedes it and is queued for mailing. */
export const reissueCertificateAction = localized(async function reissueCertificateAction(_prev: StaffActionState, formData: FormData): Promise<StaffActionState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.manageCertificates);
  if (isFailure(actor)) return actor;
  const input = { certificateId: formData.get('certificateId'), reasonCode: formData.get('reasonCode'), note: formData.get('note') ?? '' };
  const result = await runMasked('certificate-reissue', async () => reissueCertificate(await getDb(), actor, input, { publicBaseUrl: getEnv().PUBLIC_BASE_URL }));
  if (result.status !== 'ok') return result;
  revalidatePath(`/staff/cases/${String(formData.get('applicationId') ?? '')}`);
  revalidatePath('/staff/deliveries');
  return { status: 'ok', data: { status: 'reissued', message: msg('problems.certificates.reissued', { serial: result.data.serialNumber }) } };
});
