'use server';

import { localized } from '@/lib/i18n/localize';
import { headers } from 'next/headers';
import { getDb } from '@/db/client';
import { clientAddressFrom } from '@/lib/http/client-address';
import { beginStaffSignIn, type SignInStep } from '@/lib/auth/staff-sign-in';
import { runMasked } from '@/lib/logging';
import type { Result } from '@/lib/result';

/**
 * Step one of staff sign-in: the password. No session yet — an attempt token for step two, which goes
 * through next-auth (the 'staff' provider) with the code.
 */
export const beginStaffSignInAction = localized(async function beginStaffSignInAction(formData: FormData): Promise<Result<SignInStep>> {
  return runMasked('staff-sign-in-password', async () => beginStaffSignIn(await getDb(), { username: formData.get('username'), password: formData.get('password') }, new Date(), clientAddressFrom(await headers())));
});
