import { describe, expect, it } from 'vitest';
import { addWorkingDays, toBeijingDate, workingDaysBetween } from './working-days';

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
  });

  it('takes the date in Beijing time', () => {
    expect(toBeijingDate(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
    expect(toBeijingDate(new Date('2026-11-27T15:59:00Z'))).toBe('2026-11-27');
  });
});
