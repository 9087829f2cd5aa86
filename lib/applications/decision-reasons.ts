// Reason codes a clerk picks when rejecting (the citizen sees the label and the clerk's text).
// Client-safe: the decision panel imports it.
export const REJECTION_REASONS = {
  documents_invalid: { zh: '材料不真实或无效', en: 'Documents not genuine or not valid' },
  registry_mismatch: { zh: '与户籍信息不符', en: 'Does not match the registry' },
  not_eligible: { zh: '不符合办理条件', en: 'Not eligible for this service' },
  address_invalid: { zh: '迁入地址不符合规定', en: 'The new address does not qualify' },
  other: { zh: '其他', en: 'Other' },
} as const;

export type RejectionReasonCode = keyof typeof REJECTION_REASONS;

/** The reason as stored and told to the citizen: the code's label, then the clerk's words. */
export function composeRejectionReason(code: RejectionReasonCode, text: string): string {
  const label = REJECTION_REASONS[code];
  return `【${label.zh} / ${label.en}】${text.trim()}`;
}

/** What the citizen is asked for: the ticked documents, then the clerk's words. */
export function composeMaterialRequest(items: string[], text: string): string {
  const list = items.length > 0 ? `请补充：${items.join('、')}。` : '';
  return `${list}${text.trim()}`.trim();
}
