'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from './config';
import type { Dictionary } from './messages';
import { mergeMessages, type PartialMessages } from './client-scopes';
import { createTranslator, type Translator } from './translate';

const I18nContext = createContext<{ locale: Locale; messages: PartialMessages } | null>(null);

/**
 * Gives client components below it the reader's locale and the messages they use. The root layout sends
 * a few shared ones; a page's <ClientMessages scope> (lib/i18n/client-messages.tsx) adds its own, merged
 * with what the parent provider has. Never the whole dictionary: it would travel with every page.
 */
export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: PartialMessages; children: ReactNode }) {
  const parent = useContext(I18nContext);
  const value = useMemo(() => ({ locale, messages: parent ? mergeMessages(parent.messages, messages) : messages }), [locale, messages, parent]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The translator for client components (a key its page did not send shows as the key, as a missing one does). */
export function useTranslator(): Translator {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useTranslator outside I18nProvider');
  return useMemo(() => createTranslator(context.locale, context.messages as unknown as Dictionary), [context]);
}
