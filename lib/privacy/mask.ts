// The single home of display masking. Lists, pages and the logger import from here so that a full
// ID number, name or phone number is never shown or written where it is not needed.

// Anything too short to mask meaningfully is hidden entirely rather than partially leaked.
function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  const chars = Array.from(value);
  if (chars.length <= keepStart + keepEnd) return '*'.repeat(chars.length);
  const hidden = chars.length - keepStart - keepEnd;
  return chars.slice(0, keepStart).join('') + '*'.repeat(hidden) + chars.slice(chars.length - keepEnd).join('');
}

/** '42010619900101123X' → '420***********123X' (first 3 and last 4 kept, the middle 11 masked). */
export function maskIdNumber(id: string): string {
  return maskMiddle(id.trim(), 3, 4);
}

/** '张三' → '张*', '欧阳娜娜' → '欧***', '张' → '*'. Only the first character (usually the surname) stays. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*'.repeat(chars.length);
  return (chars[0] ?? '') + '*'.repeat(chars.length - 1);
}

/** '13812345678' → '138****5678'; '+86 138 1234 5678' → '+86138****5678'. */
export function maskPhone(phone: string): string {
  const compact = phone.replace(/[\s-]/g, '');
  const mainland = /^(\+?86)?(1\d{10})$/.exec(compact);
  if (mainland) return (mainland[1] ?? '') + maskMiddle(mainland[2] ?? '', 3, 4);
  return maskMiddle(compact, 3, 4);
}

// 17 digits + digit/X, not part of a longer run of digits (so a 19-digit tracking number is left alone).
const ID_NUMBER_IN_TEXT = /(?<!\d)\d{17}[\dXx](?!\d)/g;

/** Masks every 18-character ID-number-looking token in free text; used by the logger. */
export function maskIdNumbersInText(text: string): string {
  return text.replace(ID_NUMBER_IN_TEXT, (match) => maskIdNumber(match));
}
