import { defineMessages } from '../define';

// The citizen's own pages: the list of applications and the services they can apply for.
export const myApplications = defineMessages({
  'zh-CN': {
    title: '我的办件',
    applyTransfer: '申请户口迁移（落户）',
    allServices: '全部事项',
    emptyTitle: '您还没有办件',
    emptyBody: '在“在线办理”中选择事项并提交申请，办理进度和证件邮寄情况都会显示在这里。',
    needsAction: '需要您处理',
    inProgress: '办理中',
    finished: '已办结',
    reference: '申请编号',
    submitted: '提交 {time}',
    due: '承诺办结 {date}',
    next: {
      needs_more_material: '请查看需要补正的材料',
      submitted: '等待民警受理',
      in_review: '民警正在审核',
      awaiting_countersign: '等待负责人复核',
    },
    applyTitle: '在线办理',
    applyLead: '选择要办理的事项。提交后由民警网上审批，批准的证件将快递到您填写的地址或到窗口领取。',
    back: '← 我的办件',
  },
  en: {
    title: 'My applications',
    applyTransfer: 'Apply for a household transfer',
    allServices: 'All services',
    emptyTitle: 'You have no applications yet',
    emptyBody: 'Choose a service under “Apply”; the progress of each application and the mailing of its certificate appear here.',
    needsAction: 'Needs your action',
    inProgress: 'In progress',
    finished: 'Finished',
    reference: 'Ref.',
    submitted: 'Submitted {time}',
    due: 'Due {date}',
    next: {
      needs_more_material: 'See what material is needed',
      submitted: 'Waiting for a clerk',
      in_review: 'A clerk is reviewing it',
      awaiting_countersign: 'Waiting for the supervisor’s countersign',
    },
    applyTitle: 'Services you can apply for online',
    applyLead: 'Choose a service. A clerk decides online and the certificate is mailed to the address you give or collected at a counter.',
    back: '← My applications',
  },
});
