// The scheduled jobs and how often each slot comes round. Every job is also safe row by row
// (FOR UPDATE SKIP LOCKED and marks in its own transaction); job_runs adds "once per slot".
import type { Database } from '@/db/connect';
import { runDeadlineSweep } from '@/lib/applications/deadline-sweep';
import { purgeExpiredDrafts } from '@/lib/applications/draft-documents';
import { remindUncollectedPickups } from '@/lib/delivery/pickup-reminders';
import { purgeEndedTicketLists } from '@/lib/events/manage-events';
import { purgeExpiredFaceFrames } from '@/lib/face/face-check';
import { purgeExpiredThrottleBuckets } from '@/lib/security/throttle';
import { runOncePerSlot, type SlotOutcome } from './job-runs';

export type JobSummary = Record<string, number>;

export const SCHEDULED_JOBS = {
  /** Warns before a deadline and escalates breached cases (queues e-mail). */
  'deadline-sweep': {
    everyMs: 5 * 60_000,
    run: async (db: Database, now: Date): Promise<JobSummary> => runDeadlineSweep(db, { now }),
  },
  /** Reminds holders of certificates uncollected at the counter after 30 working days, once each. */
  'pickup-reminders': {
    everyMs: 60 * 60_000,
    run: async (db: Database, now: Date): Promise<JobSummary> => remindUncollectedPickups(db, { now }),
  },
  /** Deletes face-check frames past the audit window, in batches. */
  'face-frame-purge': {
    everyMs: 60 * 60_000,
    run: async (db: Database, now: Date): Promise<JobSummary> => {
      let checks = 0;
      let frames = 0;
      for (;;) {
        const batch = await purgeExpiredFaceFrames(db, now);
        checks += batch.checks;
        frames += batch.frames;
        if (batch.checks < 1000) break; // a full batch means there may be more
      }
      return { checks, frames };
    },
  },
  /** Deletes drafts (and the files kept with them) untouched for 30 days. */
  'draft-purge': {
    everyMs: 60 * 60_000,
    run: async (db: Database, now: Date): Promise<JobSummary> => purgeExpiredDrafts(db, now),
  },
  /** Deletes rate-limit buckets whose window has closed (throttle_buckets otherwise only grows). */
  'throttle-purge': {
    everyMs: 60 * 60_000,
    run: async (db: Database, now: Date): Promise<JobSummary> => purgeExpiredThrottleBuckets(db, now),
  },
  /** Deletes the ticket lists of real-name events that have ended. */
  'event-ticket-purge': {
    everyMs: 60 * 60_000,
    run: async (db: Database, now: Date): Promise<JobSummary> => purgeEndedTicketLists(db, now),
  },
} as const;

export type JobName = keyof typeof SCHEDULED_JOBS;
export const JOB_NAMES = Object.keys(SCHEDULED_JOBS) as JobName[];

export function runScheduledJob(db: Database, name: JobName, options: { now?: Date; instance?: string } = {}): Promise<SlotOutcome<JobSummary>> {
  const job = SCHEDULED_JOBS[name];
  const now = options.now ?? new Date();
  return runOncePerSlot(db, name, job.everyMs, () => job.run(db, now), { ...options, now });
}
