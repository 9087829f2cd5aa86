import { describe, expect, it } from 'vitest';
import { addWorkingDays, expectedCompletionDate, isWorkingDay, toBeijingDate, workingDaysBetween } from './working-days';

describe('working days', () => {
  it('skips a weekend', () => {
    // Friday 2026-11-27 + 1 working day → Monday 2026-11-30
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-25', 3)).toBe('2026-11-30');
  });

  it('skips the National Day holiday and counts the make-up Saturday', () => {
    // 2026: 1–7 Oct off; Saturday 10 Oct is an official make-up working day.
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
  });

  it('counts the days left, negative when overdue', () => {
    expect(workingDaysBetween('2026-11-27', '2026-12-02')).toBe(3);
    expect(workingDaysBetween('2026-12-02', '2026-11-27')).toBe(-3);
    expect(workingDaysBetween('2026-11-27', '2026-11-27')).toBe(0);
    // Asked again (now from the kept answers), in both directions: the same.
    expect([workingDaysBetween('2026-11-27', '2026-12-02'), workingDaysBetween('2026-12-02', '2026-11-27')]).toEqual([3, -3]);
    expect(workingDaysBetween('2026-09-30', '2026-10-09')).toBe(2);
    expect(workingDaysBetween('2026-09-30', '2026-10-09')).toBe(2);
  });

  it('takes the date in Beijing time', () => {
    expect(toBeijingDate(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
    expect(toBeijingDate(new Date('2026-11-27T15:59:00Z'))).toBe('2026-11-27');
  });
});

// Real 2026 dates from the official calendar (chinese-days): the Spring Festival holiday runs
// 15–23 Feb 2026 with Saturday 14 Feb and Saturday 28 Feb as make-up working days; National Day runs
// 1–7 Oct with Saturday 10 Oct worked.
describe('working days across the 2026 official calendar', () => {
  it('knows the holidays and the make-up working days', () => {
    expect(isWorkingDay('2026-02-14')).toBe(true); // Saturday, make-up day
    expect(isWorkingDay('2026-02-16')).toBe(false); // Spring Festival eve holiday, a Monday
    expect(isWorkingDay('2026-02-28')).toBe(true); // Saturday, make-up day
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday, make-up day
    expect(isWorkingDay('2026-11-28')).toBe(false); // an ordinary Saturday
  });

  it('counts a make-up Saturday right before the Spring Festival and skips the whole holiday', () => {
    // Friday 13 Feb + 1 → Saturday 14 Feb (worked); + 2 → Tuesday 24 Feb, after the holiday.
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    // A 5-day deadline from Thursday 12 Feb: 13, 14 (Sat, worked), 24, 25, 26 Feb.
    expect(addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
  });

  it('gives the expected completion date a service page shows, across weekend, holiday and make-up day', () => {
    // Submitted Tuesday 29 Sep with a 3-working-day deadline: 30 Sep, 8 Oct, 9 Oct.
    expect(expectedCompletionDate(new Date('2026-09-29T02:00:00Z'), 3)).toBe('2026-10-09');
    // Submitted late on Friday 9 Oct Beijing time (still Friday): Sat 10 Oct (make-up), Mon 12 Oct.
    expect(expectedCompletionDate(new Date('2026-10-09T15:00:00Z'), 2)).toBe('2026-10-12');
    // Friday 27 Nov with 2 days: Mon 30 Nov, Tue 1 Dec (a plain weekend).
    expect(expectedCompletionDate(new Date('2026-11-27T02:00:00Z'), 2)).toBe('2026-12-01');
  });

  it('counts working days left across the National Day holiday', () => {
    expect(workingDaysBetween('2026-09-30', '2026-10-09')).toBe(2); // 8 and 9 Oct
    expect(workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3);
  });
});

describe('the remembered answers', () => {
  it('answers as the official calendar does for every day of 33 years, past the memo limit and asked twice', async () => {
    const { isWorkday } = await import('chinese-days');
    const start = Date.UTC(2004, 0, 1);
    for (const pass of [1, 2]) {
      for (let i = 0; i < 12_000; i += 1) {
        const day = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
        expect(isWorkingDay(day), `${day} (pass ${pass})`).toBe(isWorkday(day));
      }
    }
  });
});
