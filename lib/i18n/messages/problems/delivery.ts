import type { DispatchStatus } from '@/db/schema';
import { DISPATCH_STATUS_LABELS } from '@/lib/delivery/state-machine';
import { defineMessages } from '../../define';

// A dispatch's status as a message, so a refusal can name it in the reader's language (a parameter is
// translated only when it is a reference); the words stay those of DISPATCH_STATUS_LABELS.
const statusIn = (language: 'zh' | 'en') =>
  Object.fromEntries(Object.entries(DISPATCH_STATUS_LABELS).map(([status, label]) => [status, label[language]])) as Record<DispatchStatus, string>;

// What operations in lib/ report (refusals, invalid input, conflicts) about delivery: lib returns the key
// with msg() (lib/i18n/problem.ts) and the page or action translates it for the reader.
// Timeline notes (batch, signed by, sent again, counter hand-over) are stored as references too and read
// with pick()/readableText, which still read the bilingual notes of older rows.
export const delivery = defineMessages({
  'zh-CN': {
    chooseCsv: '请选择 CSV 文件',
    fileTooLarge: '文件过大（最大 2 MB）',
    missingColumns: '第 1 行缺少列：{columns}',
    noRows: '文件中没有数据行',
    tooManyRows: '一次最多导入 {max} 行',
    badLines: '清单有 {n} 行错误，未导入任何数据',
    // One line of a manifest and what is wrong with it (`problem` is a reference or the zod text).
    line: '第 {line} 行：{problem}',
    tooManyColumns: '列数过多',
    // {column} is the CSV column's name (occurred_at), not a word to translate.
    inTheFuture: '{column} 晚于当前时间',
    unknownTracking: '运单号不存在，未导入任何数据',
    notOurParcel: '{parcel} 不是本局寄出的邮件',
    imported: '已导入 {rows} 行：生效 {applied}，重复 {duplicate}，过时 {stale}，不适用 {notApplicable}',
    handedOver: '已核验身份并交付',
    selectOne: '请至少选择一件',
    batchMax: '一批最多 200 件',
    duplicateDispatch: '重复的邮件',
    dispatchMissing: '有邮件不存在',
    alreadyPrinted: '所选邮件中有已打印或已寄出的，请刷新',
    certificatesInvalid: '所选证件中有已撤销或已被替换的',
    batchNote: '批次 {batch}',
    batchRace: '另一批次刚刚创建，请重试',
    idNumber: '请输入 18 位公民身份号码',
    notHolder: '领取人身份与持证人不符，不能交付',
    dispatchNotFound: '未找到该邮件',
    statusNow: '该邮件当前状态为“{status}”',
    status: statusIn('zh'),
    updatedElsewhere: '该邮件已被他人更新，请刷新',
    checkedByQr: '电子身份证二维码',
    checkedByIdNumber: '公民身份号码 {masked}',
    collectedNote: '窗口领取，核验：{checkedBy}',
    trackingNumber: '请填写运单号（8–20 位字母或数字）',
    giveReturnReason: '请填写退件原因',
    signedBy: '签收人：{name}',
    sentAgain: '重新寄送（{tracking}）',
    useCounterCheck: '请通过窗口领取核验身份',
    cancelledByCertificate: '撤销或补发证件时自动取消邮寄',
    counterPickup: '窗口领取',
    returnReason: {
      wrongAddress: '地址错误',
      nobodyHome: '无人签收',
      refused: '拒收',
      movedAway: '收件人搬迁',
    },
  },
  en: {
    chooseCsv: 'Choose a CSV file',
    fileTooLarge: 'File too large (2 MB at most)',
    missingColumns: 'Line 1 lacks columns: {columns}',
    noRows: 'The file has no rows',
    tooManyRows: 'At most {max} rows per file',
    badLines: '{n|# bad line|# bad lines}; nothing was imported',
    line: 'Line {line}: {problem}',
    tooManyColumns: 'too many columns',
    inTheFuture: '{column} is in the future',
    unknownTracking: 'Unknown tracking number; nothing was imported',
    notOurParcel: '{parcel} is not one of our parcels',
    imported: 'Imported {rows} rows: {applied} applied, {duplicate} duplicates, {stale} stale, {notApplicable} not applicable',
    handedOver: 'Identity checked; handed over',
    selectOne: 'Select at least one',
    batchMax: 'At most 200 per batch',
    duplicateDispatch: 'Duplicate dispatch',
    dispatchMissing: 'A dispatch was not found',
    alreadyPrinted: 'Some of these were already printed; reload',
    certificatesInvalid: 'Some of these certificates were revoked or replaced',
    batchNote: 'Batch {batch}',
    batchRace: 'Another batch was just created; try again',
    idNumber: 'Enter the 18-character ID number',
    notHolder: 'The collector is not the holder: nothing was handed over',
    dispatchNotFound: 'Dispatch not found',
    statusNow: 'The dispatch is now “{status}”',
    status: statusIn('en'),
    updatedElsewhere: 'Someone else updated this dispatch; reload',
    checkedByQr: 'e-ID identity QR',
    checkedByIdNumber: 'ID number {masked}',
    collectedNote: 'Collected after identity check: {checkedBy}',
    trackingNumber: 'Enter the tracking number (8–20 letters or digits)',
    giveReturnReason: 'Give the reason the mail came back',
    signedBy: 'Signed by: {name}',
    sentAgain: 'Sent again ({tracking})',
    useCounterCheck: 'Use the counter hand-over with the identity check',
    cancelledByCertificate: 'Mailing is cancelled by revoking or reissuing the certificate',
    counterPickup: 'Counter pickup',
    returnReason: {
      wrongAddress: 'Wrong address',
      nobodyHome: 'Nobody home',
      refused: 'Refused',
      movedAway: 'Moved away',
    },
  },
});
