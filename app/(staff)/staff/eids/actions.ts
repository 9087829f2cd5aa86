'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { getStaffOrFailure, isFailure } from '@/lib/auth/session';
import { revokeEid } from '@/lib/identity/eid-status';
import { runMasked } from '@/lib/logging';
import { kickOutbox } from '@/lib/notifications/outbox-worker';
import type { Result } from '@/lib/result';

export type RevokeState = Result<{ status: string }> | null;

export async function revokeEidAction(_prev: RevokeState, formData: FormData): Promise<RevokeState> {
  const actor = await getStaffOrFailure(['supervisor', 'admin']);
  if (isFailure(actor)) return actor;
  const result = await runMasked('revoke-eid', async () => revokeEid(await getDb(), actor, { eidId: formData.get('eidId'), reason: formData.get('reason') }));
  if (result.status === 'ok') {
    kickOutbox();
    revalidatePath('/staff/eids');
  }
  return result;
}
