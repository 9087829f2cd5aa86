import { describe, expect, it } from 'vitest';
import { TRANSITIONS } from '@/lib/applications/state-machine';
import { canAssignCases, canCountersign, canManageCertificates, canResetStaffTwoFactor, canSeeEveryDistrict, canSeeOutbox, canWorkTheQueue, STAFF_ROLES_THAT } from './permissions';

const clerk = { role: 'clerk' as const };
const supervisor = { role: 'supervisor' as const };
const admin = { role: 'admin' as const };

describe('staff permissions', () => {
  it('take countersign and assign from the state machine, so the queue page and the transition agree', () => {
    expect([...STAFF_ROLES_THAT.countersign]).toEqual(TRANSITIONS.countersign.roles.filter((r) => r !== 'citizen'));
    expect([...STAFF_ROLES_THAT.assignCases]).toEqual(TRANSITIONS.assign.roles.filter((r) => r !== 'citizen'));
    expect([clerk, supervisor, admin].map(canCountersign)).toEqual([false, true, false]);
    expect([clerk, supervisor, admin].map(canAssignCases)).toEqual([false, true, false]);
  });

  it('answer per role as the pages and server checks expect', () => {
    expect([clerk, supervisor, admin].map(canWorkTheQueue)).toEqual([true, true, false]);
    expect([clerk, supervisor, admin].map(canSeeEveryDistrict)).toEqual([false, true, false]);
    expect([clerk, supervisor, admin].map(canManageCertificates)).toEqual([false, true, false]);
    expect([clerk, supervisor, admin].map(canSeeOutbox)).toEqual([false, true, true]);
    expect([clerk, supervisor, admin].map(canResetStaffTwoFactor)).toEqual([false, false, true]);
  });
});
