import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { DEFAULT_LOCALE, LOCALE_COOKIE, parseLocale, type Locale } from './config';
import { dictionaryFor } from './messages';
import { createTranslator, type Translator } from './translate';

/** The reader's language: the cookie they chose, else Chinese (the portal's default, whatever the browser says). */
export const getLocale = cache(async (): Promise<Locale> => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  return chosen ? parseLocale(chosen) : DEFAULT_LOCALE;
});

export const getTranslator = cache(async (): Promise<Translator> => {
  const locale = await getLocale();
  return createTranslator(locale, dictionaryFor(locale));
});
