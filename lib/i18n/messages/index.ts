import type { Locale } from '../config';
import { common } from './common';
import { services } from './services';
import { myApplications } from './my-applications';

// Every namespace, by name. A key is `namespace.path.to.message`.
export const NAMESPACES = { common, services, myApplications } as const;

type Namespaces = typeof NAMESPACES;
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every valid message key, e.g. `common.signOut`. */
export type MessageKey = { [N in keyof Namespaces & string]: Leaves<Namespaces[N]['zh-CN'], `${N}.`> }[keyof Namespaces & string];

export type Dictionary = { [N in keyof Namespaces]: Namespaces[N]['zh-CN'] };

export function dictionaryFor(locale: Locale): Dictionary {
  return Object.fromEntries(Object.entries(NAMESPACES).map(([name, ns]) => [name, ns[locale]])) as unknown as Dictionary;
}
