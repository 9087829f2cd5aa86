import 'server-only';
import type { ReactNode } from 'react';
import { I18nProvider } from './client';
import { clientMessagesFor, type ClientMessageScope } from './client-scopes';
import { getLocale } from './server';

/** Sends the client components below it the messages of one scope (lib/i18n/client-scopes.ts), in the reader's language. */
export async function ClientMessages({ scope, children }: { scope: ClientMessageScope; children: ReactNode }) {
  const locale = await getLocale();
  return (
    <I18nProvider locale={locale} messages={clientMessagesFor(locale, scope)}>
      {children}
    </I18nProvider>
  );
}
