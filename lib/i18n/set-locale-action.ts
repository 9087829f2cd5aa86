'use server';

import { cookies } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { savePreferredLocale } from '@/lib/applications/citizen-notices';
import { getCitizenOrFailure, isFailure } from '@/lib/auth/session';
import { LOCALE_COOKIE, localeSchema } from './config';

/**
 * The language switcher's action: remembers the choice for a year and re-renders the page in it. For a
 * signed-in citizen the choice is kept on the account too, so that their e-mail and SMS follow it.
 */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const parsed = localeSchema.safeParse(formData.get('locale'));
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true });
  const citizen = await getCitizenOrFailure();
  if (!isFailure(citizen)) await savePreferredLocale(await getDb(), citizen.accountId, parsed.data);
  revalidatePath('/', 'layout');
}
