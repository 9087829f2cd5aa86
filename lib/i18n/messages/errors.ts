import { defineMessages } from '../define';

export const errors = defineMessages({
  'zh-CN': {
    notFoundTitle: '页面不存在',
    notFoundText: '您访问的页面不存在，或者您无权查看。请检查网址是否完整；如果是从短信或邮件中的链接进入，请先登录后再试。',
    myApplications: '我的办件',
    staffHome: '返回工作台',
    home: '返回首页',
    citizenSignIn: '群众登录',
    errorTitle: '系统暂时无法处理您的请求',
    errorText: '请稍后重试。您已提交的申请和材料不会因此丢失。如果问题持续出现，请拨打 12345 政务服务便民热线。',
    tryAgain: '重试',
    unavailableTitle: '系统暂时无法访问',
    unavailableText: '请稍后重试。您已提交的申请和材料不会因此丢失。',
  },
  en: {
    notFoundTitle: 'Page not found',
    notFoundText:
      'The page does not exist, or you are not allowed to see it. Check that the address is complete; if you followed a link from a text message or e-mail, sign in first and try again.',
    myApplications: 'My applications',
    staffHome: 'Staff home',
    home: 'Home page',
    citizenSignIn: 'Citizen sign-in',
    errorTitle: 'Something went wrong on our side',
    errorText:
      'Please try again in a moment. Applications and documents you have already submitted are not lost. If this keeps happening, call the 12345 government service hotline.',
    tryAgain: 'Try again',
    unavailableTitle: 'The service is temporarily unavailable',
    unavailableText: 'Please try again in a moment. Applications and documents you have already submitted are not lost.',
  },
});
