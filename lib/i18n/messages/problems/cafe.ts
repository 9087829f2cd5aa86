import { defineMessages } from '../../define';

// What operations in lib/ report (refusals, invalid input, conflicts) about cafe: lib returns the key
// with msg() (lib/i18n/problem.ts) and the page or action translates it for the reader.
export const cafe = defineMessages({
  'zh-CN': {
    // Why a citizen's check-in is refused (CHECK_IN_REFUSALS in lib/cafe/check-in.ts).
    refusal: {
      invalid: '登记码无效，请扫描网吧终端上显示的二维码',
      expired: '登记码已过期，请扫描终端上刷新后的二维码',
      replayed: '登记码已被使用，请扫描终端上的新二维码',
      level: '网吧实名登记需要 L2 及以上的电子身份证，请先完成问卷验证',
      eid: '您的电子身份证未激活、已暂停或注销，无法登记',
      minor: '未满 18 周岁，网吧不得接纳',
    },
    checkInNotFound: '未找到该登记',
    alreadyEnded: '该座位已下机',
    searchBy: '请选择按人员或按网吧查询',
    enterQuery: '请输入查询内容',
    queryMax: '最多 40 个字',
    checkSearch: '请检查查询条件',
    // What the café terminal's routes answer (lib/cafe/terminal-requests.ts).
    onlyCafe: '只有网吧终端可以登记上网',
    throttled: '请求过于频繁，请稍后再试',
    badSeat: '座位号应为 1–8 个字母、数字或短横线',
    checkOutBody: '请求格式应为 {"checkInId": "<uuid>"}',
  },
  en: {
    refusal: {
      invalid: 'Not a valid check-in code: scan the QR shown on the café terminal',
      expired: 'The check-in code has expired: scan the new QR on the terminal',
      replayed: 'This check-in code has already been used: scan the new QR on the terminal',
      level: 'A café check-in needs an e-ID at L2 or above: verify with the questionnaire first',
      eid: 'Your e-ID is missing, suspended or revoked',
      minor: 'Under 18: an internet café may not admit you',
    },
    checkInNotFound: 'Check-in not found',
    alreadyEnded: 'This session has already ended',
    searchBy: 'Search by person or by café',
    enterQuery: 'Enter what to search for',
    queryMax: 'At most 40 characters',
    checkSearch: 'Please check the search',
    onlyCafe: 'Only an internet café terminal keeps a register',
    throttled: 'Too many requests; try again shortly',
    badSeat: 'A seat is 1–8 letters, digits or dashes',
    checkOutBody: 'The body must be JSON {"checkInId": "<uuid>"}',
  },
});
