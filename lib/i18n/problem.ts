import type { Locale } from './config';
import { dictionaryFor, type MessageKey } from './messages';
import { isMessageReference, pickLanguage, translateReference, type MessageVars } from './translate';

export { isMessageReference, parseReference, translateReference } from './translate';

// The one message channel from lib/ to the reader. An operation never writes a sentence in a language:
// it returns a message reference — a key of the `problems` namespace with its parameters — made by
// msg(). Zod schemas take the same references as their error texts, so field errors travel the same
// way. The UI translates a reference in the reader's language: server components through the
// translator's pick(), server actions and route handlers through localized()/localizedJson()
// (lib/i18n/localize.ts) before the result reaches the browser.
//
// A reference is a plain string, `problems.area.name` or `problems.area.name?max=80&field=…`
// (the parameters URL-encoded), so it survives zod, JSON, the database and the audit log unchanged.

export type ProblemKey = Extract<MessageKey, `problems.${string}`>;

/** A message reference for `key` with its parameters. */
export function msg(key: ProblemKey, vars?: MessageVars): string {
  if (!vars || Object.keys(vars).length === 0) return key;
  const query = new URLSearchParams(Object.entries(vars).map(([name, value]) => [name, String(value)]));
  return `${key}?${query.toString()}`;
}

/**
 * A text that arrives in both languages — a service's field or document label, a status word from a
 * {zh, en} list of data — as a reference for a message's parameter: each reader sees their own half.
 */
export function inLanguages(text: { zh: string; en: string }): string {
  return msg('problems.common.inLanguages', { zh: text.zh, en: text.en });
}

/**
 * Every message reference in a value (a Result, field errors, a JSON body) replaced by its text in
 * `locale`. Other strings, numbers and dates are left as they are; the input is not changed.
 */
/** Whether a message reference is anywhere in the value (where localizeValue would translate something). */
export function containsMessageReference(value: unknown): boolean {
  if (typeof value === 'string') return isMessageReference(value);
  if (Array.isArray(value)) return value.some(containsMessageReference);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).some(containsMessageReference);
  return false;
}

export function localizeValue<T>(value: T, locale: Locale): T {
  const dictionary = dictionaryFor(locale);
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      if (!isMessageReference(node)) return node;
      const text = translateReference(node, dictionary);
      if (text === undefined) console.error(`[i18n] missing message ${node} (${locale})`);
      return text ?? node;
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object' && Object.getPrototypeOf(node) === Object.prototype) {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    }
    return node;
  };
  return walk(value) as T;
}

/**
 * Stored text in the reader's language: a message reference, or a "中文 / English" text written
 * before references existed (a reason kept in an old row) — rows are never rewritten for this.
 */
export function readableText(text: string, locale: Locale): string {
  if (isMessageReference(text)) return translateReference(text, dictionaryFor(locale)) ?? text;
  return pickLanguage(text, locale);
}
