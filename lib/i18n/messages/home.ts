import { defineMessages } from '../define';

export const home = defineMessages({
  'zh-CN': {
    title: '武汉公安 · 网上审批',
    description: '用电子身份证在网上办理户籍、交管业务',
    heroHeading: '数据多跑路，群众少跑腿',
    heroText: '用电子身份证证明“我是我”，在家即可办理户籍、交管业务：网上提交材料，民警网上审批，证件快递到家。',
    citizenSignIn: '群众登录办事',
    howItWorks: '办理流程',
    steps: {
      signIn: '电子身份证登录',
      signInHint: '姓名、身份证号码、手机验证码',
      apply: '网上提交申请和材料',
      applyHint: '如毕业证书、劳动合同',
      decide: '民警网上审批',
      decideHint: '随时查看办理进度',
      deliver: '证件快递到家',
      deliverHint: '凭运单号跟踪',
    },
    verifyHeading: '核验证件真伪',
    verifyText: '用手机扫描证件上的二维码，即可核验其是否由武汉市公安局签发、是否仍然有效。',
    staffHeading: '工作人员入口',
    staffText: '审批民警、审批处负责人请使用工作账号登录。',
    staffSignIn: '工作人员登录',
  },
  en: {
    title: 'Wuhan Public Security · e-ID approvals',
    description: 'Household and traffic services online with the e-ID',
    heroHeading: 'Let the data travel, not the people',
    heroText:
      'Prove who you are once with the e-ID, then do household-registration and traffic business from home: upload your documents, a clerk approves online, and the certificate arrives by express mail.',
    citizenSignIn: 'Citizen sign-in',
    howItWorks: 'How it works',
    steps: {
      signIn: 'Sign in with your e-ID',
      signInHint: 'Your name, ID number and a code sent to your phone',
      apply: 'Apply online and upload documents',
      applyHint: 'Such as your diploma or employment contract',
      decide: 'A clerk decides online',
      decideHint: 'Follow each step as it happens',
      deliver: 'The certificate comes by express mail',
      deliverHint: 'With a tracking number',
    },
    verifyHeading: 'Check a certificate',
    verifyText:
      'Scan the QR code printed on a certificate with your phone to check that the Wuhan Public Security Bureau issued it and that it is still valid.',
    staffHeading: 'For staff',
    staffText: 'Clerks and supervisors sign in with their work account.',
    staffSignIn: 'Staff sign-in',
  },
});
