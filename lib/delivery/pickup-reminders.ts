// The pickup-reminder job: a certificate still waiting at the counter PICKUP_REMINDER_WORKING_DAYS
// working days after it became ready gets one reminder to its holder (e-mail + SMS, their language).
// Safe on several instances: rows are taken FOR UPDATE SKIP LOCKED and marked (pickup_reminded_at) in
// the same transaction as the notice; job_runs (lib/jobs) adds "once per slot" on top.
import { and, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Database } from '@/db/connect';
import { applications, mailDispatches } from '@/db/schema';
import { queueCitizenNotice } from '@/lib/applications/citizen-notices';
import { writeAudit } from '@/lib/audit/actions';
import { addWorkingDays, toBeijingDate } from '@/lib/calendar/working-days';
import { pickupOfficeFor } from './pickup-office';
import { PICKUP_REMINDER_WORKING_DAYS } from './state-machine';

const BATCH = 200;

/** The day a certificate that became ready at `readySince` is due a reminder (Beijing date). */
export function pickupReminderDueOn(readySince: Date): string {
  return addWorkingDays(toBeijingDate(readySince), PICKUP_REMINDER_WORKING_DAYS);
}

function shiftDate(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The instant before which a certificate became ready for its reminder to be due today: the start of
 * the day after the latest Beijing date whose due day is today or earlier (due days only grow with it).
 */
export function pickupReminderCutoff(now: Date): Date {
  const today = toBeijingDate(now);
  let latest = shiftDate(today, -PICKUP_REMINDER_WORKING_DAYS);
  while (addWorkingDays(latest, PICKUP_REMINDER_WORKING_DAYS) > today) latest = shiftDate(latest, -1);
  return new Date(`${shiftDate(latest, 1)}T00:00:00+08:00`);
}

export async function remindUncollectedPickups(db: Database, options: { now?: Date } = {}): Promise<{ reminded: number }> {
  const now = options.now ?? new Date();
  const cutoff = pickupReminderCutoff(now);
  let reminded = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      // While held, a dispatch's updated_at is when it became ready (only a move changes it).
      const due = await tx
        .select({ id: mailDispatches.id, updatedAt: mailDispatches.updatedAt, applicationId: mailDispatches.applicationId })
        .from(mailDispatches)
        .where(and(eq(mailDispatches.status, 'held_for_pickup'), isNull(mailDispatches.pickupRemindedAt), lt(mailDispatches.updatedAt, cutoff)))
        .orderBy(mailDispatches.updatedAt)
        .limit(BATCH)
        .for('update', { skipLocked: true });
      if (due.length === 0) return 0;
      const cases = await tx
        .select({ id: applications.id, citizenAccountId: applications.citizenAccountId, referenceNumber: applications.referenceNumber, districtCode: applications.districtCode })
        .from(applications)
        .where(inArray(applications.id, due.map((r) => r.applicationId)));
      for (const row of due) {
        const application = cases.find((c) => c.id === row.applicationId);
        await tx.update(mailDispatches).set({ pickupRemindedAt: now }).where(eq(mailDispatches.id, row.id));
        if (application) {
          await queueCitizenNotice(tx, application.citizenAccountId, application.referenceNumber, { kind: 'pickup_reminder', pickup: pickupOfficeFor(application.districtCode), readySince: row.updatedAt });
        }
        await writeAudit(tx, {
          action: 'dispatch.pickup_reminded',
          actorType: 'system',
          actorId: null,
          subjectType: 'dispatch',
          subjectId: row.id,
          details: { readySince: row.updatedAt.toISOString(), dueOn: pickupReminderDueOn(row.updatedAt), workingDays: PICKUP_REMINDER_WORKING_DAYS },
        });
      }
      return due.length;
    });
    reminded += done;
    if (done < BATCH) break;
  }
  return { reminded };
}
