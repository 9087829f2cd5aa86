import { htmlLang, type Locale } from './config';
import type { Dictionary, MessageKey } from './messages';

export type MessageVars = Record<string, string | number>;

// Every page looks up dozens of keys: each key is walked once per dictionary, then read from a map.
const lookups = new WeakMap<Dictionary, Map<string, string | undefined>>();

/** Finds `a.b.c` in a dictionary; undefined when a key is missing. */
export function lookupMessage(dictionary: Dictionary, key: string): string | undefined {
  let found = lookups.get(dictionary);
  if (!found) lookups.set(dictionary, (found = new Map()));
  if (found.has(key)) return found.get(key);
  let node: unknown = dictionary;
  for (const part of key.split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  const message = typeof node === 'string' ? node : undefined;
  found.set(key, message);
  return message;
}

/**
 * `{name}` is the value; `{name|one|other}` picks the English singular or plural form by the number,
 * with `#` standing for it: `More than {days|# day|# days}` → "More than 1 day", "More than 3 days".
 */
export function interpolate(template: string, vars: MessageVars | undefined): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g, (whole, name: string, one?: string, other?: string) => {
    if (!(name in vars)) return whole;
    const value = String(vars[name]);
    if (one === undefined || other === undefined) return value;
    return (Number(vars[name]) === 1 ? one : other).replaceAll('#', value);
  });
}

// A message reference (lib/i18n/problem.ts): `problems.area.name`, optionally `?name=value&…`.
const REFERENCE = /^problems\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)+(?:\?[^\s]*)?$/;

export function isMessageReference(text: unknown): text is string {
  return typeof text === 'string' && REFERENCE.test(text);
}

/** The key and parameters of a reference. */
export function parseReference(reference: string): { key: string; vars: MessageVars } {
  const at = reference.indexOf('?');
  if (at === -1) return { key: reference, vars: {} };
  return { key: reference.slice(0, at), vars: Object.fromEntries(new URLSearchParams(reference.slice(at + 1))) };
}

/** The reference in the dictionary's language; undefined when the dictionary lacks the key. */
export function translateReference(reference: string, dictionary: Dictionary): string | undefined {
  const { key, vars } = parseReference(reference);
  const template = lookupMessage(dictionary, key);
  if (template === undefined) return undefined;
  // A parameter may itself be a reference (a field's name, a reason from a fixed list).
  for (const [name, value] of Object.entries(vars)) {
    if (isMessageReference(value)) vars[name] = translateReference(value, dictionary) ?? value;
  }
  return interpolate(template, vars);
}

/**
 * The half of a bilingual domain message ("中文 / English", as `lib/` results and labels carry them)
 * that the reader's language needs. Text that is not bilingual is returned as it is.
 */
export function pickLanguage(text: string, locale: Locale): string {
  const match = /^(.*?[^\x00-\x7F][^/]*?)\s*\/\s*([A-Za-z0-9“"‘'(].*)$/s.exec(text);
  if (!match) return text;
  return ((locale === 'en' ? match[2] : match[1]) ?? text).trim();
}

export type BilingualLabel = { readonly zh: string; readonly en: string };

export function pickLabel(label: BilingualLabel, locale: Locale): string {
  return locale === 'en' ? label.en : label.zh;
}

const BEIJING = 'Asia/Shanghai';

// Building an Intl.DateTimeFormat costs far more than formatting with one (it showed in the load
// benchmark's CPU profile: tables format a date per cell), so each locale's formatters are made once.
const dateFormatters = new Map<Locale, Intl.DateTimeFormat>();
const dateTimeFormatters = new Map<Locale, Intl.DateTimeFormat>();

function dateFormatter(locale: Locale): Intl.DateTimeFormat {
  let formatter = dateFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(htmlLang(locale), { timeZone: BEIJING, year: 'numeric', month: locale === 'en' ? 'short' : 'long', day: 'numeric' });
    dateFormatters.set(locale, formatter);
  }
  return formatter;
}

function dateTimeFormatter(locale: Locale): Intl.DateTimeFormat {
  let formatter = dateTimeFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(htmlLang(locale), {
      timeZone: BEIJING,
      year: 'numeric',
      month: locale === 'en' ? 'short' : '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    dateTimeFormatters.set(locale, formatter);
  }
  return formatter;
}

/** Dates as a reader of the language expects them, always in Beijing time. */
export function formatDate(value: Date | string | null | undefined, locale: Locale): string {
  if (!value) return '—';
  // A bare YYYY-MM-DD (deadlines) is a calendar date: format it without shifting the day.
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+08:00`) : new Date(value);
  return dateFormatter(locale).format(date);
}

export function formatDateTime(value: Date | string | null | undefined, locale: Locale): string {
  if (!value) return '—';
  return dateTimeFormatter(locale).format(new Date(value));
}

export type Translator = {
  locale: Locale;
  t: (key: MessageKey, vars?: MessageVars) => string;
  pick: (bilingual: string) => string;
  label: (label: BilingualLabel) => string;
  date: (value: Date | string | null | undefined) => string;
  dateTime: (value: Date | string | null | undefined) => string;
};

export function createTranslator(locale: Locale, dictionary: Dictionary): Translator {
  return {
    locale,
    t: (key, vars) => {
      const message = lookupMessage(dictionary, key);
      if (message === undefined) {
        // Never shown as a blank: the key itself tells a tester what is missing (and the messages test fails).
        console.error(`[i18n] missing message ${key} (${locale})`);
        return key;
      }
      return interpolate(message, vars);
    },
    // A message reference from lib/ (lib/i18n/problem.ts), or a legacy "中文 / English" text.
    pick: (text) => {
      if (!isMessageReference(text)) return pickLanguage(text, locale);
      const translated = translateReference(text, dictionary);
      if (translated === undefined) console.error(`[i18n] missing message ${text} (${locale})`);
      return translated ?? text;
    },
    label: (label) => pickLabel(label, locale),
    date: (value) => formatDate(value, locale),
    dateTime: (value) => formatDateTime(value, locale),
  };
}
