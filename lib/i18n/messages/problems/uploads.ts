import { defineMessages } from '../../define';

// What operations in lib/ report (refusals, invalid input, conflicts) about uploads: lib returns the key
// with msg() (lib/i18n/problem.ts) and the page or action translates it for the reader.
export const uploads = defineMessages({
  'zh-CN': {
    empty: '文件为空',
    tooLarge: '文件超过 {mb} MB',
    unsupportedType: '只接受 PDF、JPEG 或 PNG 文件',
    // `types` is a services.label reference: the list written as each language lists.
    typeNotAllowed: '此材料只接受 {types} 文件',
    extensionMismatch: '文件扩展名与内容不符（内容是 {detail}）',
    polyglot: '文件中混有其他类型的内容，请重新扫描或导出后上传',
    tooManyPixels: '图片像素过多（超过 {n} 百万像素），请缩小后上传',
    imageTooLarge: '图片解码后超过 {mb} MB（像素过多或色深过高），请导出为普通 8 位 JPEG 或 PNG 后上传',
    corruptImage: '图片已损坏，无法打开',
    unreadablePdf: 'PDF 文件无法打开（已损坏或已加密）',
    pdfActiveContent: 'PDF 含有脚本、附件、外部链接、表单提交或启动操作，不予接收；请打印为普通 PDF 后上传',
    pdfTooComplex: 'PDF 过于复杂（超过 {max} 页或对象过多），请打印为普通 PDF 后上传',
    tooManyChecks: '上传检查过于频繁，请 {wait}后再试',
  },
  en: {
    empty: 'The file is empty',
    tooLarge: 'The file is larger than {mb} MB',
    unsupportedType: 'Only PDF, JPEG or PNG files are accepted',
    typeNotAllowed: 'Only {types} files are accepted for this document',
    extensionMismatch: 'The file name’s extension does not match its content ({detail})',
    polyglot: 'The file hides content of another type; scan or export it again',
    tooManyPixels: 'The image has more than {n} megapixels; make it smaller',
    imageTooLarge: 'The image would take more than {mb} MB once decoded (too many pixels or too deep colour); export it as an ordinary 8-bit JPEG or PNG',
    corruptImage: 'The image is damaged and cannot be opened',
    unreadablePdf: 'The PDF cannot be opened (damaged or encrypted)',
    pdfActiveContent: 'The PDF contains scripts, attachments, outside links, form submission or launch actions; print it to a plain PDF and upload that',
    pdfTooComplex: 'The PDF is too complex to check (over {max|# page|# pages} or too many objects); print it to a plain PDF and upload that',
    tooManyChecks: 'Too many files checked; try again in {wait}',
  },
});
