'use server';

import { localized } from '@/lib/i18n/localize';
import { msg } from '@/lib/i18n/problem';
import QRCode from 'qrcode';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { getTotpSealing } from '@/lib/auth/secret';
import { getActorForTwoFactorEnrolment, getStaffOrFailure, isFailure } from '@/lib/auth/session';
import { confirmOwnTotpEnrolment, regenerateOwnRecoveryCodes, startTotpEnrolment } from '@/lib/auth/staff-totp';
import { runMasked } from '@/lib/logging';
import { conflict, forbidden, ok, type Result } from '@/lib/result';

export type EnrolmentStart = Result<{ secret: string; qrSvgDataUrl: string }> | null;
export type EnrolmentState = Result<{ enrolled: true; recoveryCodes: string[] }> | null;
export type RecoveryCodesState = Result<{ recoveryCodes: string[] }> | null;

// Enrolment is the one thing a session that has passed only the password may do.
async function enrollingStaff() {
  return (await getActorForTwoFactorEnrolment()) ?? forbidden(msg('problems.common.signIn'));
}

/** A fresh secret for the signed-in staff member, shown once as a QR and as text. */
export const startEnrolmentAction = localized(async function startEnrolmentAction(): Promise<EnrolmentStart> {
  const actor = await enrollingStaff();
  if (isFailure(actor)) return actor;
  return runMasked('totp-enrol-start', async () => {
    const enrolment = await startTotpEnrolment(await getDb(), { staffId: actor.staffId, username: actor.staffNumber }, getTotpSealing());
    if (!enrolment) return conflict(msg('problems.auth.totp.alreadyOn'));
    const svg = await QRCode.toString(enrolment.uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return ok({ secret: enrolment.secret, qrSvgDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` });
  });
});

export const confirmEnrolmentAction = localized(async function confirmEnrolmentAction(_prev: EnrolmentState, formData: FormData): Promise<EnrolmentState> {
  const actor = await enrollingStaff();
  if (isFailure(actor)) return actor;
  return runMasked('totp-enrol-confirm', async () => confirmOwnTotpEnrolment(await getDb(), actor, formData.get('code'), getTotpSealing()));
});

/** New recovery codes, for a fully signed-in staff member who enters a current code. */
export const regenerateRecoveryCodesAction = localized(async function regenerateRecoveryCodesAction(_prev: RecoveryCodesState, formData: FormData): Promise<RecoveryCodesState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.useThePortal);
  if (isFailure(actor)) return actor;
  const result = await runMasked('totp-recovery-codes', async () => regenerateOwnRecoveryCodes(await getDb(), actor, formData.get('code'), getTotpSealing()));
  revalidatePath('/staff/two-factor');
  return result;
});
