import { describe, expect, it } from 'vitest';
import { workingDaysLate } from './lateness';

describe('workingDaysLate', () => {
  // 2026-06-01 is a Monday; the deadline Friday 2026-05-29.
  const open = { status: 'in_review' as const, deadlineDate: '2026-05-29', deadlinePausedDaysLeft: null };
  it('counts the working days an open case is past its promised date', () => {
    expect(workingDaysLate(open, '2026-06-01')).toBe(1);
    expect(workingDaysLate(open, '2026-06-03')).toBe(3);
    expect(workingDaysLate({ ...open, status: 'submitted' }, '2026-06-01')).toBe(1);
  });
  it('is not late on or before the date, when decided, without a date, or while waiting for the citizen', () => {
    expect(workingDaysLate(open, '2026-05-29')).toBeNull();
    expect(workingDaysLate(open, '2026-05-30')).toBeNull(); // a Saturday: no working day has passed
    expect(workingDaysLate({ ...open, status: 'approved' }, '2026-06-03')).toBeNull();
    expect(workingDaysLate({ ...open, deadlineDate: null }, '2026-06-03')).toBeNull();
    expect(workingDaysLate({ ...open, status: 'needs_more_material', deadlinePausedDaysLeft: 2 }, '2026-06-03')).toBeNull();
  });
});
