// Chinese resident ID number (公民身份号码), GB 11643-1999:
// 6-digit area code (GB/T 2260) + 8-digit birth date + 3-digit sequence (odd = male) + check digit.
import { msg } from '@/lib/i18n/problem';
import { isKnownAreaCode } from './area-codes';

export { WUHAN_DISTRICTS, isKnownAreaCode, findWuhanDistrict } from './area-codes';
export type { AreaCode } from './area-codes';
// Masking lives in lib/privacy/mask.ts (one home); re-exported for callers that think "ID number".
export { maskIdNumber, maskName, maskPhone } from '@/lib/privacy/mask';

export type IdNumberError = 'length' | 'characters' | 'area' | 'birth_date' | 'check_digit';

export type ParsedIdNumber = {
  idNumber: string;
  areaCode: string;
  birthDate: string; // YYYY-MM-DD
  sequence: string;
  sex: 'male' | 'female';
};

export type ParseIdNumberResult =
  | { ok: true; value: ParsedIdNumber }
  | { ok: false; error: IdNumberError; message: string };

export type ParseIdNumberOptions = {
  // Injected so tests (and the registry import job) can pin "today"; defaults to the current time.
  now?: Date;
};

const ERROR_MESSAGES: Record<IdNumberError, string> = {
  length: msg('problems.identity.idNumber.length'),
  characters: msg('problems.identity.idNumber.characters'),
  area: msg('problems.identity.idNumber.area'),
  birth_date: msg('problems.identity.idNumber.birthDate'),
  check_digit: msg('problems.identity.idNumber.checkDigit'),
};

// ISO 7064 MOD 11-2: weight i = 2^(17-i) mod 11.
const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH_DATE = '1900-01-01';

export function computeCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('computeCheckDigit expects exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (CHECK_WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/**
 * Builds a well-formed number, for seed data and tests. The date must be a real calendar date; the area
 * code is only shape-checked, so tests can build numbers that fail nothing but the area check.
 */
export function makeIdNumber(areaCode: string, birthDate: string, sequence: number): string {
  if (!/^\d{6}$/.test(areaCode)) throw new RangeError(`Area code must be 6 digits: ${areaCode}`);
  if (!isRealCalendarDate(birthDate)) throw new RangeError(`Not a real date (YYYY-MM-DD): ${birthDate}`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`Sequence must be an integer 0..999: ${sequence}`);
  }
  const first17 = areaCode + birthDate.replaceAll('-', '') + String(sequence).padStart(3, '0');
  return first17 + computeCheckDigit(first17);
}

export function parseIdNumber(raw: string, options: ParseIdNumberOptions = {}): ParseIdNumberResult {
  // People paste numbers with spaces in them ("420106 19900101 123x"), and type a lower-case x.
  const idNumber = raw.replace(/[\s\u3000]/g, '').toUpperCase();

  if (idNumber.length !== 18) return fail('length');
  if (!/^\d{17}[\dX]$/.test(idNumber)) return fail('characters');

  const areaCode = idNumber.slice(0, 6);
  if (!isKnownAreaCode(areaCode)) return fail('area');

  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  const today = formatShanghaiDate(options.now ?? new Date());
  // ISO dates compare correctly as strings.
  if (!isRealCalendarDate(birthDate) || birthDate < EARLIEST_BIRTH_DATE || birthDate > today) {
    return fail('birth_date');
  }

  if (computeCheckDigit(idNumber.slice(0, 17)) !== idNumber.charAt(17)) return fail('check_digit');

  const sequence = idNumber.slice(14, 17);
  const sex = Number(sequence.charAt(2)) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: { idNumber, areaCode, birthDate, sequence, sex } };
}

function fail(error: IdNumberError): ParseIdNumberResult {
  return { ok: false, error, message: ERROR_MESSAGES[error] };
}

function isRealCalendarDate(isoDate: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Round-trip through UTC: 1999-02-30 would roll over to March and no longer match.
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

// Birth dates are civil dates in China, so "today" is today in Beijing time, not the server's zone.
function formatShanghaiDate(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}
