'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { runMasked } from '@/lib/logging';
import { getActor } from './session';
import { signOutEverywhere } from './sign-out-everywhere';

// next-auth's session cookie, plain and (over https) with the __Secure- prefix.
const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

/** "Sign out everywhere" for whoever is signed in: every server session ends, this cookie is dropped. */
export async function signOutEverywhereAction(): Promise<void> {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  await runMasked('sign-out-everywhere', async () => signOutEverywhere(await getDb(), actor));
  const jar = await cookies();
  for (const name of SESSION_COOKIES) jar.delete(name);
  redirect(actor.kind === 'staff' ? '/staff/sign-in' : '/sign-in');
}
