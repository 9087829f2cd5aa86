import { dictionaryFor } from '@/lib/i18n/messages';
import { createTranslator } from '@/lib/i18n/translate';
import { REJECTION_REASON_CODES, type RejectionLabel, type RejectionReasonCode } from './decision-reasons';

/**
 * Each rejection code's label in both languages, from the dictionary. Server only (it reads both
 * dictionaries): the case page passes these to the decision panel, which shows the reader's half and
 * stores both in the reason (composeRejectionReason), as reasons stored before were.
 */
export function rejectionLabels(): Record<RejectionReasonCode, RejectionLabel> {
  const zh = createTranslator('zh-CN', dictionaryFor('zh-CN')).t;
  const en = createTranslator('en', dictionaryFor('en')).t;
  return Object.fromEntries(
    REJECTION_REASON_CODES.map((code) => [code, { zh: zh(`problems.applications.rejection.${code}`), en: en(`problems.applications.rejection.${code}`) }]),
  ) as Record<RejectionReasonCode, RejectionLabel>;
}
