'use client';

import { DEFAULT_LOCALE, htmlLang, type Locale } from '@/lib/i18n/config';
import { errors } from '@/lib/i18n/messages/errors';
import './globals.css';

// The layout (and so the translator's provider) may be what failed, and the language cookie is httpOnly:
// the page the reader was on tells their language (its <html lang>); else the portal's default.
function readerLocale(): Locale {
  if (typeof document === 'undefined') return DEFAULT_LOCALE;
  return document.documentElement.lang === htmlLang('en') ? 'en' : DEFAULT_LOCALE;
}

/** Last resort when the layout itself fails (e.g. the database is unreachable): no header, no details. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const locale = readerLocale();
  const m = errors[locale];
  return (
    <html lang={htmlLang(locale)}>
      <body>
        <main className="narrow status-page">
          <h1>{m.unavailableTitle}</h1>
          <div className="card">
            <p>{m.unavailableText}</p>
            <div className="actions">
              <button type="button" onClick={() => reset()}>{m.tryAgain}</button>
              {/* A plain link: the client router may be what failed. */}
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
              <a className="button secondary" href="/">{m.home}</a>
            </div>
          </div>
        </main>
      </body>
    </html>
  );
}
