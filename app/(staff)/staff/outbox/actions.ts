'use server';

import { localized } from '@/lib/i18n/localize';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { getStaffOrFailure, isFailure } from '@/lib/auth/session';
import { runMasked } from '@/lib/logging';
import { kickOutbox } from '@/lib/notifications/outbox-worker';
import { retryOutboxMessage } from '@/lib/notifications/dead-letter';
import type { Result } from '@/lib/result';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';

export type RetryMessageState = Result<{ id: number }> | null;

/** A supervisor or admin puts a failed or dead message back in the queue (audited), and it is sent now. */
export const retryMessageAction = localized(async function retryMessageAction(_prev: RetryMessageState, formData: FormData): Promise<RetryMessageState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.seeOutbox);
  if (isFailure(actor)) return actor;
  const result = await runMasked('outbox-retry', async () => retryOutboxMessage(await getDb(), actor, formData.get('messageId')));
  if (result.status === 'ok') kickOutbox();
  revalidatePath('/staff/outbox');
  return result;
});
