// A namespace of messages, both languages side by side so a missing one is seen in review.
// TypeScript makes English carry exactly the keys Chinese has; `messages.test.ts` checks it again at run
// time and checks that every `t('…')` key used in the code exists.

export type MessageTree = { readonly [key: string]: string | MessageTree };

type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export function defineMessages<const Zh extends MessageTree>(messages: { 'zh-CN': Zh; en: Widen<Zh> }) {
  return messages;
}
