import { z } from 'zod';

// The portal speaks Simplified Chinese by default and English on request. The choice lives in a
// cookie (and, for a signed-in citizen, on the account so that mail and SMS follow it).
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'locale';

export const localeSchema = z.enum(LOCALES);

export function parseLocale(value: unknown): Locale {
  const parsed = localeSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_LOCALE;
}

/** The `lang` attribute and Intl locale for a portal locale. */
export function htmlLang(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : 'zh-CN';
}
