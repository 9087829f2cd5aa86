// Shared by the server and the browser: when a citizen's session has ended mid-task, they are taken
// to sign in and brought back to where they were (the sign-in page checks `next` with safeLocalPath).
import type { Result } from '@/lib/result';

/** The sign-in page, with the same-site path to come back to afterwards. */
export function signInAgainPath(returnTo: string): string {
  return `/sign-in?next=${encodeURIComponent(returnTo)}`;
}

/** True for the failure an action or route answers when there is no session (`signedOut()` in lib/result.ts). */
export function isSignedOutResult(result: Result<unknown> | null | undefined): boolean {
  return result?.status === 'forbidden' && result.reason === 'signed_out';
}
