'use server';

import { localized } from '@/lib/i18n/localize';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { getStaffOrFailure, isFailure } from '@/lib/auth/session';
import { findEidByIdNumber } from '@/lib/identity/eid-lookup';
import { revokeEid } from '@/lib/identity/eid-status';
import { runMasked } from '@/lib/logging';
import { kickOutbox } from '@/lib/notifications/outbox-worker';
import type { Result } from '@/lib/result';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';

export type RevokeState = Result<{ status: string }> | null;

export const revokeEidAction = localized(async function revokeEidAction(_prev: RevokeState, formData: FormData): Promise<RevokeState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.manageEids);
  if (isFailure(actor)) return actor;
  const result = await runMasked('revoke-eid', async () => revokeEid(await getDb(), actor, { eidId: formData.get('eidId'), reason: formData.get('reason') }));
  if (result.status === 'ok') {
    kickOutbox();
    revalidatePath('/staff/eids');
  }
  return result;
});

export type LookupState = Awaited<ReturnType<typeof findEidByIdNumber>> | null;

/** Looked up by POST, so the ID number never sits in a URL, a browser history or an access log. */
export const lookupEidAction = localized(async function lookupEidAction(_prev: LookupState, formData: FormData): Promise<LookupState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.manageEids);
  if (isFailure(actor)) return { status: 'forbidden' };
  return runMasked('lookup-eid', async () => findEidByIdNumber(await getDb(), actor, String(formData.get('idNumber') ?? '')));
});
