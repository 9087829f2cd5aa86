import { defineMessages } from '../../define';

// What operations in lib/ report (refusals, invalid input, conflicts) about terminals: lib returns the key
// with msg() (lib/i18n/problem.ts) and the page or action translates it for the reader.
export const terminals = defineMessages({
  'zh-CN': {
    enterName: '请填写终端名称',
    nameMin: '名称至少 2 个字',
    nameMax: '名称最多 60 个字',
    chooseKind: '请选择终端类型',
    chooseDistrict: '请选择所在区',
    notFound: '未找到该终端',
    alreadyDeactivated: '该终端已停用',
    // What POST /api/terminal/verify and the café terminal's routes answer (sent through localizedJson).
    badKey: '终端密钥无效或已停用',
    throttled: '核验过于频繁，请稍后再试',
    verifyBody: '请求格式应为 {"code": "<扫描内容>"}',
  },
  en: {
    enterName: 'Enter the terminal’s name',
    nameMin: 'At least 2 characters',
    nameMax: 'At most 60 characters',
    chooseKind: 'Choose the kind of terminal',
    chooseDistrict: 'Choose the district',
    notFound: 'Terminal not found',
    alreadyDeactivated: 'The terminal is already deactivated',
    badKey: 'The terminal key is wrong or deactivated',
    throttled: 'Too many scans; try again shortly',
    verifyBody: 'The body must be JSON {"code": "<scanned text>"}',
  },
});
