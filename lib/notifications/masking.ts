import { maskIdNumbersInText, maskPhone } from '@/lib/privacy/mask';

// Recipients of queued messages are personal data: staff views and stored errors show them masked.

/** 'li.ming@example.com' → 'l******@example.com'; a phone → '138****5678'. */
export function maskRecipient(kind: 'email' | 'sms', to: string): string {
  if (kind === 'sms') return maskPhone(to);
  const at = to.lastIndexOf('@');
  if (at < 1) return '*'.repeat(to.length);
  const local = Array.from(to.slice(0, at));
  return (local[0] ?? '') + '*'.repeat(Math.max(3, local.length - 1)) + to.slice(at);
}

const EMAIL_IN_TEXT = /[^\s<>"'@]+@[^\s<>"'@]+\.[^\s<>"'@]+/g;
const MOBILE_IN_TEXT = /(?<!\d)1\d{10}(?!\d)/g;

/** Masks e-mail addresses, mainland mobile numbers and ID numbers in free text (SMTP errors quote them). */
export function maskRecipientsInText(text: string): string {
  return maskIdNumbersInText(text)
    .replace(EMAIL_IN_TEXT, (m) => maskRecipient('email', m))
    .replace(MOBILE_IN_TEXT, (m) => maskPhone(m));
}
