import { defineMessages } from '../../define';

// What operations in lib/ report (refusals, invalid input, conflicts) about certificates: lib returns the key
// with msg() (lib/i18n/problem.ts) and the page or action translates it for the reader.
export const certificates = defineMessages({
  'zh-CN': {},
  en: {},
});
