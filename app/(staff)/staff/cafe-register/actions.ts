'use server';

import { localized } from '@/lib/i18n/localize';
import { getDb } from '@/db/client';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { getStaffOrFailure, isFailure } from '@/lib/auth/session';
import { searchCafeRegister } from '@/lib/cafe/search-register';
import { runMasked } from '@/lib/logging';
import type { Result } from '@/lib/result';
import type { RegisterRow } from '@/lib/cafe/check-in';

export type CafeRegisterSearchState = Result<{ rows: RegisterRow[] }> | null;

/** Searched by POST, so an ID number never sits in a URL or an access log; every search is audited. */
export const searchCafeRegisterAction = localized(async function searchCafeRegisterAction(_prev: CafeRegisterSearchState, formData: FormData): Promise<CafeRegisterSearchState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.searchCafeRegister);
  if (isFailure(actor)) return actor;
  return runMasked('cafe-register-search', async () => searchCafeRegister(await getDb(), actor, { by: formData.get('by'), query: formData.get('query') }));
});
