'use server';

import { localized } from '@/lib/i18n/localize';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { getStaffOrFailure, isFailure } from '@/lib/auth/session';
import { runMasked } from '@/lib/logging';
import type { Result } from '@/lib/result';
import { publishServiceVersion, type PublishOutcome } from '@/lib/services/publish-service';

export type PublishState = Result<PublishOutcome> | null;

/** An administrator publishes the designed service as its next version (checked and audited in lib). */
export const publishServiceAction = localized(async function publishServiceAction(input: unknown): Promise<PublishState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.designServices);
  if (isFailure(actor)) return actor;
  const result = await runMasked('service-publish', async () => publishServiceVersion(await getDb(), actor, input));
  if (result.status === 'ok') {
    revalidatePath('/staff/catalogue');
    revalidatePath('/services');
  }
  return result;
});
