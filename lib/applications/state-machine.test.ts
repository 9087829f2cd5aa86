import { describe, expect, it } from 'vitest';
import { applicationStatusEnum } from '@/db/schema';
import { COUNTER_DISPATCH_STATUSES, statusesReachableFrom } from '@/lib/delivery/state-machine';
import { approverOf, availableTransitions, canTransition, escalationRefusal, FINAL_STATUSES, isBulkSelectable, isClaimLive, targetStatus, transitionsForCase, TRANSITIONS, type TransitionName } from './state-machine';

describe('the application state machine', () => {
  it('lets nobody move a decided application', () => {
    for (const status of FINAL_STATUSES) {
      for (const role of ['citizen', 'clerk', 'supervisor', 'admin'] as const) expect(availableTransitions(status, role)).toEqual([]);
    }
  });

  it('sends an approval to countersign only for services that need it', () => {
    expect(targetStatus('approve', { needsCountersign: false })).toBe('approved');
    expect(targetStatus('approve', { needsCountersign: true })).toBe('awaiting_countersign');
  });

  it('keeps decisions with staff and withdrawal with the citizen', () => {
    expect(canTransition('approve', 'in_review', 'citizen')).toBe(false);
    expect(canTransition('withdraw', 'in_review', 'clerk')).toBe(false);
    expect(canTransition('countersign', 'awaiting_countersign', 'clerk')).toBe(false);
    expect(canTransition('countersign', 'awaiting_countersign', 'supervisor')).toBe(true);
    expect(availableTransitions('submitted', 'citizen')).toEqual(['withdraw']);
    expect(availableTransitions('needs_more_material', 'citizen').sort()).toEqual(['resubmit', 'withdraw']);
    expect(availableTransitions('in_review', 'admin')).toEqual([]);
  });

  it('offers decisions only to the clerk holding the claim, and countersign to any supervisor', () => {
    const claimed = { status: 'in_review' as const, claimedByStaffId: 'clerk-a' };
    expect(transitionsForCase(claimed, { role: 'clerk', staffId: 'clerk-a' }).sort()).toEqual(['approve', 'reject', 'release', 'request_more_material']);
    expect(transitionsForCase(claimed, { role: 'clerk', staffId: 'clerk-b' })).toEqual([]);
    expect(transitionsForCase({ status: 'submitted', claimedByStaffId: null }, { role: 'clerk', staffId: 'clerk-b' })).toEqual(['claim']);
    expect(transitionsForCase({ status: 'awaiting_countersign', claimedByStaffId: 'clerk-a' }, { role: 'supervisor', staffId: 'sup' }).sort()).toEqual(['countersign', 'return_for_review']);
  });

  it('only uses statuses that exist, and every decision that refuses or asks needs a reason', () => {
    const statuses = new Set<string>(applicationStatusEnum.enumValues);
    for (const [name, rule] of Object.entries(TRANSITIONS) as [TransitionName, (typeof TRANSITIONS)[TransitionName]][]) {
      for (const from of rule.from) expect(statuses.has(from), `${name} from ${from}`).toBe(true);
      for (const ctx of [{ needsCountersign: true }, { needsCountersign: false }]) expect(statuses.has(targetStatus(name, ctx))).toBe(true);
    }
    expect(TRANSITIONS.reject.requiresReason).toBe(true);
    expect(TRANSITIONS.request_more_material.requiresReason).toBe(true);
    expect(TRANSITIONS.return_for_review.requiresReason).toBe(true);
  });

  it('lets another clerk take over a claim only once its lock has expired', () => {
    const now = new Date('2026-11-27T02:00:00Z');
    const held = { status: 'in_review' as const, claimedByStaffId: 'clerk-a', claimExpiresAt: new Date('2026-11-27T03:00:00Z') };
    const lapsed = { ...held, claimExpiresAt: new Date('2026-11-27T01:00:00Z') };
    expect(transitionsForCase(held, { role: 'clerk', staffId: 'clerk-b' }, now)).toEqual([]);
    expect(transitionsForCase(lapsed, { role: 'clerk', staffId: 'clerk-b' }, now)).toEqual(['claim']);
    expect(transitionsForCase(lapsed, { role: 'clerk', staffId: 'clerk-a' }, now)).not.toContain('claim');
    expect(isClaimLive(held, now)).toBe(true);
    expect(isClaimLive(lapsed, now)).toBe(false);
  });

  it('hides countersign from the supervisor who approved (four eyes), from the last approval on the timeline', () => {
    const waiting = { status: 'awaiting_countersign' as const, claimedByStaffId: 'sup-a' };
    const events = [
      { transition: 'approve', actorId: 'clerk-a' },
      { transition: 'return_for_review', actorId: 'sup-b' },
      { transition: 'approve', actorId: 'sup-a' },
    ];
    expect(approverOf(events)).toBe('sup-a');
    expect(transitionsForCase({ ...waiting, approvedByStaffId: approverOf(events) }, { role: 'supervisor', staffId: 'sup-a' })).toEqual(['return_for_review']);
    expect(transitionsForCase({ ...waiting, approvedByStaffId: approverOf(events) }, { role: 'supervisor', staffId: 'sup-b' }).sort()).toEqual(['countersign', 'return_for_review']);
  });

  it('lets only the holder of a case in review escalate it, once', () => {
    const held = { status: 'in_review' as const, claimedByStaffId: 'clerk-a', escalatedAt: null };
    expect(escalationRefusal(held, { staffId: 'clerk-a' })).toBeNull();
    expect(escalationRefusal(held, { staffId: 'clerk-b' })).toBe('not_holder');
    expect(escalationRefusal({ ...held, escalatedAt: new Date() }, { staffId: 'clerk-a' })).toBe('already_escalated');
    expect(escalationRefusal({ ...held, status: 'awaiting_countersign' }, { staffId: 'clerk-a' })).toBe('not_in_review');
  });

  it('ticks in the queue what a bulk claim or assign can take', () => {
    expect(isBulkSelectable({ status: 'submitted' }, { role: 'clerk' })).toBe(true);
    expect(isBulkSelectable({ status: 'in_review' }, { role: 'clerk' })).toBe(false);
    expect(isBulkSelectable({ status: 'in_review' }, { role: 'supervisor' })).toBe(true);
    expect(isBulkSelectable({ status: 'approved' }, { role: 'supervisor' })).toBe(false);
    expect(isBulkSelectable({ status: 'submitted' }, { role: 'admin' })).toBe(false);
  });

  it('derives the counter pickup states from the delivery state machine', () => {
    expect([...COUNTER_DISPATCH_STATUSES].sort()).toEqual(['cancelled', 'collected', 'held_for_pickup']);
    expect(statusesReachableFrom('queued')).toContain('delivered');
  });
});
