// Reason codes a clerk picks when rejecting (the citizen sees the label and the clerk's text).
// Client-safe: the decision panel imports it.
// The labels are in the dictionary (problems.applications.rejection.*); the case page sends them in
// both languages (lib/applications/rejection-labels.ts), since the stored reason carries both.
export const REJECTION_REASON_CODES = ['documents_invalid', 'registry_mismatch', 'not_eligible', 'address_invalid', 'other'] as const;

export type RejectionReasonCode = (typeof REJECTION_REASON_CODES)[number];

/** A code's label in both languages, as the stored reason carries it. */
export type RejectionLabel = { zh: string; en: string };

/** The reason as stored and told to the citizen: the code's label, then the clerk's words. */
export function composeRejectionReason(label: RejectionLabel, text: string): string {
  return `【${label.zh} / ${label.en}】${text.trim()}`;
}

/** What the citizen is asked for: the ticked documents, then the clerk's words. */
export function composeMaterialRequest(items: string[], text: string): string {
  const list = items.length > 0 ? `请补充：${items.join('、')}。` : '';
  return `${list}${text.trim()}`.trim();
}
