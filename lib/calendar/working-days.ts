import { isWorkday } from 'chinese-days';

// Working days follow the official calendar (chinese-days): weekends and public holidays are
// skipped, and the official make-up working days (调休上班) count.

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date in Beijing time, as YYYY-MM-DD. */
export function toBeijingDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

// chinese-days parses and formats the date on every call (a visible cost where a page counts the working
// days late of each of its rows), and a calendar day's answer never changes while the process runs:
// the answers are kept, up to about 30 years of days.
const WORKING_DAY_MEMO_LIMIT = 11_000;
const workingDayMemo = new Map<string, boolean>();

export function isWorkingDay(isoDate: string): boolean {
  let answer = workingDayMemo.get(isoDate);
  if (answer === undefined) {
    answer = isWorkday(isoDate);
    if (workingDayMemo.size >= WORKING_DAY_MEMO_LIMIT) workingDayMemo.clear();
    workingDayMemo.set(isoDate, answer);
  }
  return answer;
}

/** The date `days` working days after `isoDate` (the start day itself never counts). */
export function addWorkingDays(isoDate: string, days: number): string {
  let date = isoDate;
  let left = days;
  while (left > 0) {
    date = nextDay(date);
    if (isWorkingDay(date)) left -= 1;
  }
  return date;
}

// A page counting each row's working days late walks from today to every deadline a day at a time; the
// answer for a pair of dates never changes either, so it is kept too (same limit).
const betweenMemo = new Map<string, number>();

/** Working days from `fromIso` (exclusive) to `toIso` (inclusive); negative when overdue. */
export function workingDaysBetween(fromIso: string, toIso: string): number {
  if (fromIso === toIso) return 0;
  const key = `${fromIso}|${toIso}`;
  let answer = betweenMemo.get(key);
  if (answer === undefined) {
    answer = countWorkingDaysBetween(fromIso, toIso);
    if (betweenMemo.size >= WORKING_DAY_MEMO_LIMIT) betweenMemo.clear();
    betweenMemo.set(key, answer);
  }
  return answer;
}

function countWorkingDaysBetween(fromIso: string, toIso: string): number {
  const forward = fromIso < toIso;
  let a = forward ? fromIso : toIso;
  const b = forward ? toIso : fromIso;
  let count = 0;
  while (a < b) {
    a = nextDay(a);
    if (isWorkingDay(a)) count += 1;
  }
  return forward ? count : -count;
}

/** When an application submitted at `instant` is due: its deadline counted from that Beijing date. */
export function expectedCompletionDate(instant: Date, workingDays: number): string {
  return addWorkingDays(toBeijingDate(instant), workingDays);
}
