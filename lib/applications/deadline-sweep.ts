// The deadline job: warns before a breach and escalates breached cases to the supervisor.
// Safe on several instances at once: each run takes its rows with FOR UPDATE SKIP LOCKED inside its
// transaction and marks them there (deadline_warned_for, escalated_at), so a case is warned once per
// deadline and escalated once, whoever runs first. The clock is a parameter, so tests control it.
import { and, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/connect';
import { applications, staffUsers } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import { addWorkingDays, toBeijingDate, workingDaysBetween } from '@/lib/calendar/working-days';
import { msg, readableText } from '@/lib/i18n/problem';
import { enqueueEmail } from '@/lib/notifications/outbox';
import { DUE_SOON_WORKING_DAYS } from './queue';
import { OPEN_STATUSES } from './state-machine';

// Staff accounts have no language of their own: a mail to staff carries both languages, as before.
const bothLanguages = (reference: string): string => `${readableText(reference, 'zh-CN')} / ${readableText(reference, 'en')}`;

/** Rows per transaction: a backlog is worked through in several short transactions, not one long lock. */
const BATCH = 200;

export type DeadlineSweepResult = { warned: number; escalated: number };

type Candidate = { id: string; referenceNumber: string; deadlineDate: string; claimedByStaffId: string | null; districtCode: string };

export async function runDeadlineSweep(db: Database, options: { now?: Date } = {}): Promise<DeadlineSweepResult> {
  const now = options.now ?? new Date();
  const today = toBeijingDate(now);
  const soonLimit = addWorkingDays(today, DUE_SOON_WORKING_DAYS);
  let warned = 0;
  let escalated = 0;

  // Warnings: still open, due between today and the next working day, not yet warned for this deadline.
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = await lockCandidates(
        tx,
        sql`${applications.deadlineDate} between ${today}::date and ${soonLimit}::date
            and ${applications.deadlineWarnedFor} is distinct from ${applications.deadlineDate}`,
      );
      if (rows.length === 0) return 0;
      const recipients = await loadRecipients(tx);
      for (const row of rows) {
        await tx.update(applications).set({ deadlineWarnedFor: row.deadlineDate }).where(eq(applications.id, row.id));
        const left = workingDaysBetween(today, row.deadlineDate);
        const when = left === 0 ? msg('problems.applications.mail.today') : msg('problems.applications.mail.dueIn', { date: row.deadlineDate, n: left });
        for (const to of recipients(row)) {
          await enqueueEmail(tx, {
            to,
            subject: bothLanguages(msg('problems.applications.mail.deadlineWarning', { reference: row.referenceNumber, when })),
            text: `案件 ${row.referenceNumber} 的承诺办结期限为 ${row.deadlineDate}，请及时办理。\nCase ${row.referenceNumber} is due on ${row.deadlineDate}.`,
          });
        }
        await writeAudit(tx, {
          action: 'application.deadline_warned',
          actorType: 'system',
          actorId: null,
          subjectType: 'application',
          subjectId: row.id,
          details: { deadlineDate: row.deadlineDate, workingDaysLeft: left },
        });
      }
      return rows.length;
    });
    warned += done;
    if (done < BATCH) break;
  }

  // Escalation: still open past the deadline and not yet escalated.
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = await lockCandidates(tx, and(lt(applications.deadlineDate, today), isNull(applications.escalatedAt))!);
      if (rows.length === 0) return 0;
      const recipients = await loadRecipients(tx);
      for (const row of rows) {
        await tx.update(applications).set({ escalatedAt: now }).where(eq(applications.id, row.id));
        const overdue = -workingDaysBetween(today, row.deadlineDate);
        for (const to of recipients(row)) {
          await enqueueEmail(tx, {
            to,
            subject: bothLanguages(msg('problems.applications.mail.deadlineBreached', { reference: row.referenceNumber })),
            text: `案件 ${row.referenceNumber} 的办结期限 ${row.deadlineDate} 已过（超期 ${overdue} 个工作日），已升级至审批处负责人。\nCase ${row.referenceNumber} missed its deadline (${row.deadlineDate}) and was escalated to the supervisor.`,
          });
        }
        await writeAudit(tx, {
          action: 'application.escalated',
          actorType: 'system',
          actorId: null,
          subjectType: 'application',
          subjectId: row.id,
          details: { deadlineDate: row.deadlineDate, workingDaysOverdue: overdue, reason: 'deadline_breached' },
        });
      }
      return rows.length;
    });
    escalated += done;
    if (done < BATCH) break;
  }
  return { warned, escalated };
}

async function lockCandidates(tx: Transaction, condition: ReturnType<typeof sql>): Promise<Candidate[]> {
  return tx
    .select({
      id: applications.id,
      referenceNumber: applications.referenceNumber,
      deadlineDate: applications.deadlineDate,
      claimedByStaffId: applications.claimedByStaffId,
      districtCode: applications.districtCode,
    })
    .from(applications)
    .where(and(inArray(applications.status, [...OPEN_STATUSES]), isNotNull(applications.deadlineDate), condition))
    .orderBy(applications.deadlineDate, applications.id)
    .limit(BATCH)
    .for('update', { skipLocked: true }) as Promise<Candidate[]>;
}

/** The case's holder (or, unclaimed, the district's clerks) and every supervisor, by e-mail. */
async function loadRecipients(tx: Transaction) {
  const staff = await tx
    .select({ id: staffUsers.id, role: staffUsers.role, email: staffUsers.email, districtCodes: staffUsers.districtCodes })
    .from(staffUsers)
    .where(and(eq(staffUsers.isActive, true), isNotNull(staffUsers.email)));
  const supervisors = staff.filter((s) => s.role === 'supervisor');
  return (row: Candidate): string[] => {
    const handlers = row.claimedByStaffId
      ? staff.filter((s) => s.id === row.claimedByStaffId)
      : staff.filter((s) => s.role === 'clerk' && s.districtCodes.includes(row.districtCode));
    return [...new Set([...handlers, ...supervisors].map((s) => s.email!))];
  };
}
