'use server';

import { cookies } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { LOCALE_COOKIE, localeSchema } from './config';

/** The language switcher's action: remembers the choice for a year and re-renders the page in it. */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const parsed = localeSchema.safeParse(formData.get('locale'));
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true });
  revalidatePath('/', 'layout');
}
