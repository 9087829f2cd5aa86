import type { Locale } from '../config';
import { cafe } from './cafe';
import { common } from './common';
import { components } from './components';
import { enrol } from './enrol';
import { errors } from './errors';
import { home } from './home';
import { myApplications } from './my-applications';
import { problems } from './problems';
import { services } from './services';
import { signIn } from './signIn';
import { staff } from './staff';
import { terminal } from './terminal';
import { verify } from './verify';
import { wallet } from './wallet';

// Every namespace, by name. A key is `namespace.path.to.message`.
export const NAMESPACES = { cafe, common, components, enrol, errors, home, myApplications, problems, services, signIn, staff, terminal, verify, wallet } as const;

type Namespaces = typeof NAMESPACES;
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every valid message key, e.g. `common.signOut`. */
export type MessageKey = { [N in keyof Namespaces & string]: Leaves<Namespaces[N]['zh-CN'], `${N}.`> }[keyof Namespaces & string];

export type Dictionary = { [N in keyof Namespaces]: Namespaces[N]['zh-CN'] };

const dictionaries = new Map<Locale, Dictionary>();

/** The locale's dictionary: one object per locale for the process (the translator indexes it once, lib/i18n/translate.ts). */
export function dictionaryFor(locale: Locale): Dictionary {
  let dictionary = dictionaries.get(locale);
  if (!dictionary) {
    dictionary = Object.freeze(Object.fromEntries(Object.entries(NAMESPACES).map(([name, ns]) => [name, ns[locale]]))) as unknown as Dictionary;
    dictionaries.set(locale, dictionary);
  }
  return dictionary;
}
