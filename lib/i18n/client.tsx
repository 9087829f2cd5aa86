'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from './config';
import type { Dictionary } from './messages';
import { createTranslator, type Translator } from './translate';

const I18nContext = createContext<{ locale: Locale; dictionary: Dictionary } | null>(null);

export function I18nProvider({ locale, dictionary, children }: { locale: Locale; dictionary: Dictionary; children: ReactNode }) {
  const value = useMemo(() => ({ locale, dictionary }), [locale, dictionary]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The translator for client components (the root layout provides the dictionary). */
export function useTranslator(): Translator {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useTranslator outside I18nProvider');
  return useMemo(() => createTranslator(context.locale, context.dictionary), [context]);
}
