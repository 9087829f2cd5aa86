import { defineMessages } from '../../define';

// What operations in lib/ report (refusals, invalid input, conflicts) about notifications: lib returns the key
// with msg() (lib/i18n/problem.ts) and the page or action translates it for the reader.
export const notifications = defineMessages({
  'zh-CN': {
    messageNotFound: '未找到该消息',
    notFailed: '该消息不在失败列表中',
  },
  en: {
    messageNotFound: 'Message not found',
    notFailed: 'The message is not waiting for a retry',
  },
});
