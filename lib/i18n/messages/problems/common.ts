import { defineMessages } from '../../define';

// What operations in lib/ report (refusals, invalid input, conflicts) that is not about one area: lib
// returns the key with msg() (lib/i18n/problem.ts) and the page or action translates it for the reader.
export const common = defineMessages({
  'zh-CN': {
    forbidden: '您无权执行此操作',
    signIn: '请先登录',
    notFound: '未找到',
    invalidRequest: '请求无效',
    crossSite: '跨站请求被拒绝',
    checkForm: '请检查填写的内容',
    correctMarked: '请修改标出的内容后再提交',
    fillIn: '请填写此项',
    giveReason: '请填写理由',
    unavailable: '服务暂时不可用',
    higherLevel: '此事项需要更高的身份认证等级',
    needActiveEid: '需要有效的电子身份证',
    // retryWait() in lib/security/throttle.ts.
    wait: {
      seconds: '{n} 秒',
      minutes: '{n} 分钟',
      hours: '{n} 小时',
    },
    // inLanguages() in lib/i18n/problem.ts: a text that comes in both languages (a service's field label);
    // `{x||}` prints nothing, so each language shows its own half and both keep the same placeholders.
    inLanguages: '{zh}{en||}',
  },
  en: {
    forbidden: 'You are not allowed to do this',
    signIn: 'Please sign in',
    notFound: 'Not found',
    invalidRequest: 'Invalid request',
    crossSite: 'Cross-site request refused',
    checkForm: 'Please check the form',
    correctMarked: 'Please correct the marked fields and submit again',
    fillIn: 'Fill this in',
    giveReason: 'Give a reason',
    unavailable: 'Service unavailable',
    higherLevel: 'This service needs a higher e-ID level',
    needActiveEid: 'You need an active e-ID',
    wait: {
      seconds: '{n} s',
      minutes: '{n} min',
      hours: '{n} h',
    },
    inLanguages: '{en}{zh||}',
  },
});
