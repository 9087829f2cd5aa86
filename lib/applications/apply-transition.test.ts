import { describe, expect, it } from 'vitest';
import { addWorkingDays, toBeijingDate } from '@/lib/calendar/working-days';
import { claimChange, deadlineChange } from './apply-transition';
import { CLAIM_TTL_MS, TRANSITIONS, UNHELD_STATUSES, targetStatus, type TransitionName } from './state-machine';

const NOW = new Date('2026-11-27T02:00:00Z');
const names = Object.keys(TRANSITIONS) as TransitionName[];
const targets = (name: TransitionName) => [targetStatus(name, { needsCountersign: true }), targetStatus(name, { needsCountersign: false })];

describe('the state machine’s claim and deadline columns', () => {
  it('releases the claim exactly when a transition enters a status nobody holds', () => {
    for (const name of names) {
      const entersUnheld = targets(name).some((to) => UNHELD_STATUSES.includes(to));
      expect(TRANSITIONS[name].claim === 'release', name).toBe(entersUnheld);
    }
  });

  it('pauses the deadline when the case waits on the citizen and resumes it when it comes back', () => {
    for (const name of names) {
      const rule = TRANSITIONS[name];
      const expected = targets(name).includes('needs_more_material') ? 'pause' : rule.from.includes('needs_more_material') && !targets(name).includes('withdrawn') ? 'resume' : 'none';
      expect(rule.deadline, name).toBe(expected);
    }
  });

  it('turns each claim effect into the claim columns', () => {
    const until = new Date(NOW.getTime() + CLAIM_TTL_MS);
    expect(claimChange('take', 'clerk-a', NOW)).toEqual({ claimedByStaffId: 'clerk-a', claimedAt: NOW, claimExpiresAt: until });
    expect(claimChange('give', 'clerk-b', NOW)).toEqual({ claimedByStaffId: 'clerk-b', claimedAt: NOW, claimExpiresAt: until });
    expect(claimChange('release', undefined, NOW)).toEqual({ claimedByStaffId: null, claimedAt: null, claimExpiresAt: null });
    expect(claimChange('renew', undefined, NOW)).toEqual({ claimExpiresAt: until });
    expect(claimChange('keep', undefined, NOW)).toEqual({});
    expect(() => claimChange('take', undefined, NOW)).toThrow(/needs the staff member/);
  });

  it('turns each deadline effect into the deadline columns, keeping the working days left across a pause', () => {
    const today = toBeijingDate(NOW);
    const running = { deadlineDate: addWorkingDays(today, 5), deadlinePausedDaysLeft: null };
    expect(deadlineChange('pause', running, NOW)).toEqual({ deadlinePausedDaysLeft: 5 });
    expect(deadlineChange('resume', { deadlineDate: running.deadlineDate, deadlinePausedDaysLeft: 5 }, NOW)).toEqual({ deadlineDate: addWorkingDays(today, 5), deadlinePausedDaysLeft: null });
    // Resuming with no day left still gives the office one working day.
    expect(deadlineChange('resume', { deadlineDate: null, deadlinePausedDaysLeft: 0 }, NOW)).toEqual({ deadlineDate: addWorkingDays(today, 1), deadlinePausedDaysLeft: null });
    expect(deadlineChange('pause', { deadlineDate: null, deadlinePausedDaysLeft: null }, NOW)).toEqual({});
    expect(deadlineChange('resume', running, NOW)).toEqual({});
    expect(deadlineChange('none', running, NOW)).toEqual({});
  });
});
