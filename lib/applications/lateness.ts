import type { ApplicationStatus } from '@/db/schema';
import { workingDaysBetween } from '@/lib/calendar/working-days';
import { FINAL_STATUSES } from './state-machine';

/**
 * How many working days an open case is past its promised date, or null when it is not late: decided
 * cases, cases without a deadline, and cases whose clock is paused while the citizen is asked for more
 * material are never late. One rule for the citizen's list and status page.
 */
export function workingDaysLate(
  row: { status: ApplicationStatus; deadlineDate: string | null; deadlinePausedDaysLeft: number | null },
  todayIso: string,
): number | null {
  if (FINAL_STATUSES.includes(row.status) || !row.deadlineDate || row.deadlinePausedDaysLeft !== null) return null;
  const left = workingDaysBetween(todayIso, row.deadlineDate);
  return left < 0 ? -left : null;
}
