import 'server-only';
import { getDb } from '@/db/client';
import { purgeExpiredFaceFrames } from '@/lib/face/face-check';

// Deletes face-check frames past the audit window: once at start, then hourly. Every instance may
// run it; the purge locks the rows it takes (SKIP LOCKED), so instances never fight over a batch.
const HOUR_MS = 3_600_000;
const state = globalThis as unknown as { __eidFacePurge?: NodeJS.Timeout };

async function runPurge(): Promise<void> {
  try {
    const db = await getDb();
    for (;;) {
      const { checks, frames } = await purgeExpiredFaceFrames(db);
      if (checks > 0) console.info(`[jobs] purged ${frames} face frame(s) of ${checks} check(s) past the audit window`);
      if (checks < 1000) break; // a full batch means there may be more
    }
  } catch (error) {
    console.error('[jobs] face frame purge failed:', error instanceof Error ? error.message : error);
  }
}

export function startFaceFramePurge(): void {
  if (state.__eidFacePurge) return;
  void runPurge();
  state.__eidFacePurge = setInterval(() => void runPurge(), HOUR_MS);
  state.__eidFacePurge.unref();
}
