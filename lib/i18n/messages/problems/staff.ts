import { defineMessages } from '../../define';

// What operations in lib/ report (refusals, invalid input, conflicts) about staff: lib returns the key
// with msg() (lib/i18n/problem.ts) and the page or action translates it for the reader.
export const staff = defineMessages({
  'zh-CN': {
    // What a staff action reports when it went through (app/(staff)/staff/actions.ts).
    saved: '已保存',
    updated: '已更新',
    noteAdded: '已添加备注',
    escalated: '已升级至负责人',
  },
  en: {
    saved: 'Saved',
    updated: 'Updated',
    noteAdded: 'Note added',
    escalated: 'Escalated to the supervisor',
  },
});
