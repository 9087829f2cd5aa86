import { defineMessages } from '../../define';

// What operations in lib/ report (refusals, invalid input, conflicts) about identity: lib returns the key
// with msg() (lib/i18n/problem.ts) and the page or action translates it for the reader.
export const identity = defineMessages({
  'zh-CN': {
    eidNotFound: '未找到该电子身份证',
    giveRevokeReason: '请填写注销原因',
    reasonTooLong: '原因最多 {max} 字',
    // Why a status change is refused: the e-ID is already in this status.
    status: {
      active: '电子身份证当前为正常状态',
      suspended: '电子身份证已暂停',
      revoked: '电子身份证已注销，不能恢复，请到户籍窗口重新申领',
    },
    noEid: '您还没有电子身份证',
    noEidYet: '您还没有电子身份证',
    resumeNeedsQuestionnaire: '恢复电子身份证前，请先完成问卷验证',
    alreadyRevoked: '电子身份证已注销',
    changedMeanwhile: '电子身份证状态已变化，请刷新',
    enrolment: {
      outOfOrder: '请按顺序完成认证步骤',
      locked: '24 小时内已答题 {max} 次，问卷已锁定，{when} 后可再试',
      alreadyPassed: '本次登录已通过问卷验证',
      tooManyFromDevice: '此设备答题过于频繁，请 {wait}后再试',
      recordsTooThin: '您的户籍记录不足以生成问卷，请携带身份证到公安窗口办理',
      invalidAnswers: '答案格式无效',
      alreadySubmitted: '这次答题已经提交过',
    },
    idNumber: {
      length: '身份证号码应为 18 位',
      characters: '身份证号码只能由数字组成，最后一位可以是 X',
      area: '身份证号码的地区码无效',
      birthDate: '身份证号码中的出生日期无效',
      checkDigit: '身份证号码校验位不正确',
    },
    wallet: {
      notActive: '电子身份证已暂停或注销，无法出示',
      questionnaireFirst: '请先完成问卷验证后再出示身份码',
    },
  },
  en: {
    eidNotFound: 'e-ID not found',
    giveRevokeReason: 'Give the reason',
    reasonTooLong: 'At most {max} characters',
    status: {
      active: 'The e-ID is already active',
      suspended: 'The e-ID is already suspended',
      revoked: 'The e-ID has been revoked and cannot be resumed; apply again at a counter',
    },
    noEid: 'You have no e-ID',
    noEidYet: 'You have no e-ID yet',
    resumeNeedsQuestionnaire: 'Verify with the questionnaire before resuming your e-ID',
    alreadyRevoked: 'The e-ID is already revoked',
    changedMeanwhile: 'The e-ID changed meanwhile; reload',
    enrolment: {
      outOfOrder: 'Please complete the verification steps in order',
      locked: 'Locked after {max} attempts in 24 hours; try again after {when} (Beijing time)',
      alreadyPassed: 'You already passed the questionnaire in this session',
      tooManyFromDevice: 'Too many attempts from this device; try again in {wait}',
      recordsTooThin: 'Your records are not enough for a questionnaire; please visit a police service counter with your ID card',
      invalidAnswers: 'Invalid answers',
      alreadySubmitted: 'These answers were already submitted',
    },
    idNumber: {
      length: 'The ID number must be 18 characters long',
      characters: 'The ID number may contain only digits, and X as the last character',
      area: 'The area code at the start of the ID number is not valid',
      birthDate: 'The date of birth in the ID number is not valid',
      checkDigit: 'The check digit is wrong',
    },
    wallet: {
      notActive: 'Your e-ID is suspended or revoked',
      questionnaireFirst: 'Verify with the questionnaire to show your identity code',
    },
  },
});
