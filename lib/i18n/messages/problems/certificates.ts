import { defineMessages } from '../../define';

// What operations in lib/ report (refusals, invalid input, conflicts) about certificates: lib returns the key
// with msg() (lib/i18n/problem.ts) and the page or action translates it for the reader.
// What is printed on a certificate PDF is the document itself, not a message: it stays in
// lib/certificates/templates.ts and render-certificate.ts.
export const certificates = defineMessages({
  'zh-CN': {
    alreadyRevoked: '该证件已撤销，不能再操作',
    alreadyReplaced: '该证件已被替换，不能再操作',
    chooseRevokeReason: '请选择撤销原因',
    chooseReissueReason: '请选择补发原因',
    notFound: '未找到该证件',
    // Why the certificate's unsent mail was stopped (stored on the dispatch, told to the citizen).
    revokedCancel: '证件已撤销（{reason}）',
    // The words of REVOKE_REASONS and REISSUE_REASONS (lib/certificates/revoke-and-reissue.ts keeps the codes):
    // the staff case page's copies list, parameters of revokedCancel, the citizen's notice.
    revokeReason: {
      issued_in_error: '签发错误',
      obtained_by_fraud: '以欺骗手段取得',
      decision_withdrawn: '审批决定已撤回',
      holder_deceased: '持证人死亡',
    },
    reissueReason: {
      lost: '遗失',
      damaged: '损坏',
      content_corrected: '内容更正',
      lost_in_mail: '邮寄遗失',
    },
    supersededCancel: '已补发新证',
    revoked: '已撤销',
    reissued: '已补发 {serial}',
  },
  en: {
    alreadyRevoked: 'The certificate is already revoked',
    alreadyReplaced: 'The certificate is already superseded',
    chooseRevokeReason: 'Choose a reason',
    chooseReissueReason: 'Choose a reason',
    notFound: 'Certificate not found',
    revokedCancel: 'Certificate revoked ({reason})',
    revokeReason: {
      issued_in_error: 'Issued in error',
      obtained_by_fraud: 'Obtained by fraud',
      decision_withdrawn: 'Decision withdrawn',
      holder_deceased: 'Holder deceased',
    },
    reissueReason: {
      lost: 'Lost',
      damaged: 'Damaged',
      content_corrected: 'Content corrected',
      lost_in_mail: 'Lost in the mail',
    },
    supersededCancel: 'Superseded by a reissued copy',
    revoked: 'Revoked',
    reissued: 'Reissued {serial}',
  },
});
