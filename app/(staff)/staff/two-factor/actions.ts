'use server';

import QRCode from 'qrcode';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { getAuthSecret } from '@/lib/auth/secret';
import { getStaffOrFailure, isFailure } from '@/lib/auth/session';
import { confirmOwnTotpEnrolment, startTotpEnrolment } from '@/lib/auth/staff-totp';
import { runMasked } from '@/lib/logging';
import { conflict, ok, type Result } from '@/lib/result';

const ALL_STAFF = ['clerk', 'supervisor', 'admin'] as const;

export type EnrolmentState = Result<{ secret: string; qrSvgDataUrl: string }> | Result<{ enrolled: true }> | null;

/** A fresh secret for the signed-in staff member, shown once as a QR and as text. */
export async function startEnrolmentAction(): Promise<EnrolmentState> {
  const actor = await getStaffOrFailure(ALL_STAFF);
  if (isFailure(actor)) return actor;
  return runMasked('totp-enrol-start', async () => {
    const enrolment = await startTotpEnrolment(await getDb(), { staffId: actor.staffId, username: actor.staffNumber }, getAuthSecret());
    if (!enrolment) return conflict('两步验证已开通 / Two-factor sign-in is already on');
    const svg = await QRCode.toString(enrolment.uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return ok({ secret: enrolment.secret, qrSvgDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` });
  });
}

export async function confirmEnrolmentAction(_prev: EnrolmentState, formData: FormData): Promise<EnrolmentState> {
  const actor = await getStaffOrFailure(ALL_STAFF);
  if (isFailure(actor)) return actor;
  const result = await runMasked('totp-enrol-confirm', async () => confirmOwnTotpEnrolment(await getDb(), actor, formData.get('code'), getAuthSecret()));
  revalidatePath('/staff/two-factor');
  return result;
}
