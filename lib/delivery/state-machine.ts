import type { DispatchStatus } from '@/db/schema';

// The life of a mailed certificate, written down once (server-enforced, read by the UI).
export type DispatchTransitionName = 'print' | 'hand_to_courier' | 'mark_in_transit' | 'deliver' | 'return' | 'resend' | 'hold_for_pickup';

type DispatchRule = { from: readonly DispatchStatus[]; to: DispatchStatus; needs: 'tracking' | 'reason' | null };

export const DISPATCH_TRANSITIONS: Record<DispatchTransitionName, DispatchRule> = {
  print: { from: ['queued'], to: 'printed', needs: null },
  hand_to_courier: { from: ['printed'], to: 'handed_to_courier', needs: 'tracking' },
  mark_in_transit: { from: ['handed_to_courier'], to: 'in_transit', needs: null },
  deliver: { from: ['handed_to_courier', 'in_transit'], to: 'delivered', needs: null },
  return: { from: ['handed_to_courier', 'in_transit'], to: 'returned', needs: 'reason' },
  resend: { from: ['returned'], to: 'queued', needs: null },
  hold_for_pickup: { from: ['returned'], to: 'held_for_pickup', needs: null },
};

export function availableDispatchTransitions(from: DispatchStatus): DispatchTransitionName[] {
  return (Object.keys(DISPATCH_TRANSITIONS) as DispatchTransitionName[]).filter((n) => DISPATCH_TRANSITIONS[n].from.includes(from));
}

export const DISPATCH_STATUS_LABELS: Record<DispatchStatus, { zh: string; en: string }> = {
  queued: { zh: '待打印', en: 'Queued for printing' },
  printed: { zh: '已打印', en: 'Printed' },
  handed_to_courier: { zh: '已交寄', en: 'Handed to courier' },
  in_transit: { zh: '运输中', en: 'In transit' },
  delivered: { zh: '已签收', en: 'Delivered' },
  returned: { zh: '已退回', en: 'Returned' },
  held_for_pickup: { zh: '待自取', en: 'Held for pickup' },
  collected: { zh: '已窗口领取', en: 'Collected at the counter' },
  resent: { zh: '已重新寄送', en: 'Sent again' },
};

export const DISPATCH_TRANSITION_LABELS: Record<DispatchTransitionName, { zh: string; en: string }> = {
  print: { zh: '标记已打印', en: 'Mark printed' },
  hand_to_courier: { zh: '交寄快递', en: 'Hand to courier' },
  mark_in_transit: { zh: '标记运输中', en: 'Mark in transit' },
  deliver: { zh: '标记已签收', en: 'Mark delivered' },
  return: { zh: '登记退件', en: 'Record returned mail' },
  resend: { zh: '重新寄送', en: 'Send again' },
  hold_for_pickup: { zh: '转为窗口自取', en: 'Hold for pickup' },
};
