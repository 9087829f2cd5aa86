import 'server-only';
import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';
import { kickOutbox, startOutboxPoller, stopOutbox } from '@/lib/notifications/outbox-worker';
import { instanceId } from './job-runs';
import { JOB_NAMES, runScheduledJob, SCHEDULED_JOBS, type JobName } from './scheduled-jobs';

// Background work of one process: outbox delivery and the scheduled jobs. Web instances run it
// unless RUN_WORKERS=false (then a worker process does: npm run worker). However many processes
// run it, a job runs once per slot (job_runs) and a message is sent once (leased outbox rows).
const state = globalThis as unknown as { __eidBackground?: { timers: NodeJS.Timeout[]; inFlight: Set<Promise<void>>; stopped: boolean } };

async function runJob(name: JobName): Promise<void> {
  try {
    const outcome = await runScheduledJob(await getDb(), name);
    if (!outcome.ran) {
      console.info(`[jobs] ${name}: slot ${outcome.slot.toISOString()} already run by ${outcome.heldBy}; skipped on ${instanceId()}`);
      return;
    }
    const total = Object.values(outcome.result).reduce((a, b) => a + b, 0);
    if (total > 0) console.info(`[jobs] ${name} (${instanceId()}): ${JSON.stringify(outcome.result)}`);
    if ((name === 'deadline-sweep' || name === 'pickup-reminders') && total > 0) kickOutbox();
  } catch (error) {
    console.error(`[jobs] ${name} failed:`, error instanceof Error ? error.message : error);
  }
}

function track(work: Promise<void>) {
  const s = state.__eidBackground!;
  s.inFlight.add(work);
  void work.finally(() => s.inFlight.delete(work));
}

/** Returns false when this process is configured not to run background work. */
export function startBackgroundWork(options: { force?: boolean } = {}): boolean {
  if (!options.force && getEnv().RUN_WORKERS === 'false') {
    console.info('[start] RUN_WORKERS=false: outbox delivery and scheduled jobs are left to the worker process');
    if (!getEnv().DATABASE_URL) console.warn('[start] RUN_WORKERS=false on the embedded database: no worker can share it, so nothing will be delivered');
    return false;
  }
  if (state.__eidBackground) return true;
  state.__eidBackground = { timers: [], inFlight: new Set(), stopped: false };
  startOutboxPoller();
  kickOutbox();
  for (const name of JOB_NAMES) {
    const tick = () => {
      if (!state.__eidBackground?.stopped) track(runJob(name));
    };
    tick();
    const timer = setInterval(tick, SCHEDULED_JOBS[name].everyMs);
    timer.unref();
    state.__eidBackground.timers.push(timer);
  }
  return true;
}

/** Graceful shutdown: take no more jobs, let the running ones and the outbox batch in flight finish. */
export async function stopBackgroundWork(): Promise<void> {
  const s = state.__eidBackground;
  if (s) {
    s.stopped = true;
    for (const timer of s.timers) clearInterval(timer);
    s.timers = [];
  }
  await Promise.all([stopOutbox(), ...(s ? [...s.inFlight] : [])]);
}
