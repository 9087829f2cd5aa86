import 'server-only';
import { DEFAULT_LOCALE, type Locale } from './config';
import { containsMessageReference, localizeValue } from './problem';
import { getLocale } from './server';

/** The reader's locale in a request; the default outside one (a test calling an action directly). */
export async function requestLocale(): Promise<Locale> {
  try {
    return await getLocale();
  } catch {
    return DEFAULT_LOCALE;
  }
}

/**
 * A server action whose result reaches the browser in the reader's language: every message reference
 * lib/ put in it (lib/i18n/problem.ts) is translated on the way out. Client components get plain text
 * and need none of the `problems` messages in their payload.
 */
export function localized<Args extends unknown[], R>(action: (...args: Args) => Promise<R>): (...args: Args) => Promise<R> {
  return async (...args: Args) => localizeValue(await action(...args), await requestLocale());
}

/**
 * A route handler's JSON body with its message references translated for the caller. A plain Response:
 * NextResponse adds a cookie jar and a parsed URL no route here uses, and cost a tenth of a terminal
 * verify's CPU (docs/benchmarks.md). A body with no reference (a terminal's accepted scan) is sent as it
 * is, without reading the caller's language.
 */
export async function localizedJson(body: unknown, init?: ResponseInit): Promise<Response> {
  return Response.json(containsMessageReference(body) ? localizeValue(body, await requestLocale()) : body, init);
}
