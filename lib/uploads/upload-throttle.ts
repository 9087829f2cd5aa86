// Inspecting an upload costs CPU and memory (a PDF parsed, an image decoded), so each account may have
// only so many files inspected per hour, counted in the database so the limit holds across instances.
// Both doors that inspect a file before any submit count here: the wizard's one-file upload route and
// the documents-step check action.
import type { Executor } from '@/db/connect';
import { forbidden, type Failure } from '@/lib/result';
import { hitThrottle, retryWait, type ThrottleState } from '@/lib/security/throttle';
import { THROTTLE_RULES } from '@/lib/security/throttle-rules';
import { msg } from '@/lib/i18n/problem';

/** Counts `files` inspections against the account; a Failure (with when to try again) once over the limit. */
export async function countUploadInspections(db: Executor, accountId: string, files: number, now = new Date()): Promise<(Failure & { retryAfterSeconds: number }) | null> {
  let state: ThrottleState | null = null;
  for (let i = 0; i < files; i++) {
    state = await hitThrottle(db, `upload-check:account:${accountId}`, THROTTLE_RULES.uploadCheckPerAccount, now);
    if (!state.isAllowed) break;
  }
  if (!state || state.isAllowed) return null;
  return { ...forbidden(msg('problems.uploads.tooManyChecks', { wait: retryWait(state.retryAfterSeconds) })), retryAfterSeconds: state.retryAfterSeconds };
}
