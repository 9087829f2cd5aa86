// Certificate PDFs: one A4 page with the title, the decision in a sentence, a bordered table of the
// facts, and a QR code that opens the public verify page. Each certificate kind is a template
// (lib/certificates/templates.ts) that fills this one layout; the migration permit is the first.
import 'server-only';
import { degrees, PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage, type RGB } from 'pdf-lib';
import QRCode from 'qrcode';
import { embedNotoSansSc } from './fonts';

export type CertificateRow = { label: string; labelEn: string; value: string };

/** What a template hands to the layout: everything that is printed, already worded. */
export type CertificateDocument = {
  titleZh: string;
  titleEn: string;
  statementZh: string;
  statementEn: string;
  rows: CertificateRow[];
  serialNumber: string;
  holderName: string;
  issuingAuthority: string;
  issuedAt: Date;
  verifyUrl: string;
  /** The authority key that signs this file's hash (printed, so a reader can match it to the published key). */
  signingKeyId?: string;
  subject: string; // PDF metadata
};

export type MigrationPermitInput = {
  serialNumber: string;
  holderName: string;
  idNumberMasked: string;
  sex: 'male' | 'female';
  fromAddress: string;
  toAddress: string;
  toDistrictName: string;
  reason: string;
  issuingAuthority: string; // e.g. '武汉市公安局江岸区分局'
  issuedAt: Date;
  verifyUrl: string;
  signingKeyId?: string;
  referenceNumber: string;
};

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const CONTENT_WIDTH = A4[0] - 2 * MARGIN;
const LABEL_WIDTH = 150;
const CELL_PADDING = 7;
const QR_SIZE = 140; // the symbol itself (inside the 2-module quiet zone) stays ≥ 120 pt for typical URLs
const BOTTOM_LIMIT = 44;
const STATEMENT_TOP = A4[1] - 150;

const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.4, 0.4, 0.4);
const ACCENT = rgb(0.62, 0.09, 0.09);
const RULE = rgb(0.25, 0.25, 0.25);

type Row = CertificateRow;

/** The migration permit (准予迁入证明) of an approved household transfer. */
export function migrationPermitDocument(input: MigrationPermitInput): CertificateDocument {
  return {
    titleZh: '准予迁入证明',
    titleEn: 'Migration Permit',
    statementZh: `经审核，准予下列人员户口迁入${input.toDistrictName}。`,
    statementEn: `Approved: the person below may transfer their household registration to ${input.toDistrictName}.`,
    rows: [
      { label: '编号', labelEn: 'Serial No.', value: input.serialNumber },
      { label: '姓名', labelEn: 'Name', value: input.holderName },
      { label: '性别', labelEn: 'Sex', value: input.sex === 'male' ? '男 / Male' : '女 / Female' },
      { label: '公民身份号码', labelEn: 'ID No.', value: input.idNumberMasked },
      { label: '迁出地址', labelEn: 'From', value: input.fromAddress },
      { label: '迁入地址', labelEn: 'To', value: input.toAddress },
      { label: '迁移原因', labelEn: 'Reason', value: input.reason },
      { label: '申请编号', labelEn: 'Application ref.', value: input.referenceNumber },
      { label: '签发机关', labelEn: 'Issuing authority', value: input.issuingAuthority },
      { label: '签发日期', labelEn: 'Date issued', value: formatChineseDate(input.issuedAt) },
    ],
    serialNumber: input.serialNumber,
    holderName: input.holderName,
    issuingAuthority: input.issuingAuthority,
    issuedAt: input.issuedAt,
    verifyUrl: input.verifyUrl,
    signingKeyId: input.signingKeyId,
    subject: `${input.holderName} 准予迁入${input.toDistrictName}`,
  };
}

export function renderMigrationPermitPdf(input: MigrationPermitInput): Promise<Uint8Array> {
  return renderCertificatePdf(migrationPermitDocument(input));
}

export async function renderCertificatePdf(input: CertificateDocument): Promise<Uint8Array> {
  const qrPng = await QRCode.toBuffer(input.verifyUrl, { errorCorrectionLevel: 'M', margin: 2, scale: 6 });

  // updateMetadata: false stops pdf-lib stamping "now" into the file; we set the dates from the input.
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await embedNotoSansSc(doc);
  const qrImage = await doc.embedPng(qrPng);

  doc.setTitle(`${input.titleZh} ${input.titleEn} ${input.serialNumber}`);
  doc.setAuthor(input.issuingAuthority);
  doc.setSubject(input.subject);
  doc.setCreator('e-ID approvals portal');
  doc.setProducer('e-ID approvals portal (pdf-lib)');
  doc.setCreationDate(input.issuedAt);
  doc.setModificationDate(input.issuedAt);
  doc.setLanguage('zh-CN');

  const rows = input.rows;
  const page = doc.addPage(A4);
  // Long addresses must never push the QR code off the page: shrink the text until everything fits.
  const sizes = [11, 10, 9, 8];
  const valueSize = sizes.find((size) => measureLayout(font, input, rows, size) <= 0) ?? 8;
  drawPermit(page, font, input, rows, valueSize, qrImage);

  return doc.save();
}

// Returns how far (in points) the content would run past the bottom margin; ≤ 0 means it fits.
function measureLayout(font: PDFFont, input: CertificateDocument, rows: Row[], valueSize: number): number {
  let y = headerBottom(font, input);
  for (const row of rows) y -= rowHeight(font, row, valueSize);
  return BOTTOM_LIMIT - (y - footerHeight(font, input));
}

function drawPermit(
  page: PDFPage,
  font: PDFFont,
  input: CertificateDocument,
  rows: Row[],
  valueSize: number,
  qrImage: PDFImage,
): void {
  const [pageWidth, pageHeight] = A4;

  // Double frame, as on printed certificates.
  page.drawRectangle({ x: 24, y: 24, width: pageWidth - 48, height: pageHeight - 48, borderColor: ACCENT, borderWidth: 1.6 });
  page.drawRectangle({ x: 29, y: 29, width: pageWidth - 58, height: pageHeight - 58, borderColor: ACCENT, borderWidth: 0.5 });

  drawCentered(page, font, input.titleZh, 28, pageHeight - 92, ACCENT);
  drawCentered(page, font, input.titleEn, 13, pageHeight - 114, MUTED);

  // The decision, in a sentence, above the facts.
  let y = STATEMENT_TOP;
  for (const line of wrapText(statementZh(input), font, 12, CONTENT_WIDTH)) {
    page.drawText(line, { x: MARGIN, y, size: 12, font, color: INK });
    y -= 17;
  }
  for (const line of wrapText(statementEn(input), font, 9, CONTENT_WIDTH)) {
    page.drawText(line, { x: MARGIN, y, size: 9, font, color: MUTED });
    y -= 13;
  }

  // The table: label column (Chinese over English) and value column, every cell bordered.
  y = headerBottom(font, input);
  const tableTop = y;
  for (const row of rows) {
    const height = rowHeight(font, row, valueSize);
    page.drawRectangle({ x: MARGIN, y: y - height, width: LABEL_WIDTH, height, color: rgb(0.96, 0.95, 0.93) });
    page.drawLine({ start: { x: MARGIN, y: y - height }, end: { x: MARGIN + CONTENT_WIDTH, y: y - height }, thickness: 0.6, color: RULE });

    page.drawText(row.label, { x: MARGIN + CELL_PADDING, y: y - CELL_PADDING - 10.5, size: 10.5, font, color: INK });
    page.drawText(row.labelEn, { x: MARGIN + CELL_PADDING, y: y - CELL_PADDING - 10.5 - 12, size: 8, font, color: MUTED });

    let lineY = y - CELL_PADDING - valueSize;
    for (const line of wrapText(row.value, font, valueSize, valueColumnWidth())) {
      page.drawText(line, { x: MARGIN + LABEL_WIDTH + CELL_PADDING, y: lineY, size: valueSize, font, color: INK });
      lineY -= lineHeight(valueSize);
    }
    y -= height;
  }
  page.drawRectangle({ x: MARGIN, y, width: CONTENT_WIDTH, height: tableTop - y, borderColor: RULE, borderWidth: 1 });
  page.drawLine({ start: { x: MARGIN + LABEL_WIDTH, y }, end: { x: MARGIN + LABEL_WIDTH, y: tableTop }, thickness: 0.6, color: RULE });
  // The authority's seal, stamped over the issuing authority and the date (the last rows), as on paper.
  drawSeal(page, font, input.issuingAuthority, { x: MARGIN + CONTENT_WIDTH - SEAL_RADIUS - 12, y: y + SEAL_RADIUS * 0.55 });

  // QR code with its caption, and the same URL as text for people who cannot scan.
  const qrTop = y - 28;
  page.drawImage(qrImage, { x: MARGIN, y: qrTop - QR_SIZE, width: QR_SIZE, height: QR_SIZE });
  const caption = '扫码核验真伪 / Scan to verify';
  const captionSize = fitSize(font, caption, 9, QR_SIZE + 10);
  const captionX = MARGIN + (QR_SIZE - font.widthOfTextAtSize(caption, captionSize)) / 2;
  page.drawText(caption, { x: captionX, y: qrTop - QR_SIZE - 14, size: captionSize, font, color: INK });

  const textX = MARGIN + QR_SIZE + 20;
  const textWidth = MARGIN + CONTENT_WIDTH - textX;
  let textY = qrTop - 12;
  for (const block of footerBlocks(input)) {
    for (const line of wrapText(block.text, font, block.size, textWidth)) {
      page.drawText(line, { x: textX, y: textY, size: block.size, font, color: block.color });
      textY -= lineHeight(block.size);
    }
    textY -= block.gapAfter;
  }
}

type FooterBlock = { text: string; size: number; color: RGB; gapAfter: number };

function footerBlocks(input: CertificateDocument): FooterBlock[] {
  return [
    { text: '核验网址 / Verification URL', size: 9, color: MUTED, gapAfter: 2 },
    { text: input.verifyUrl, size: 9.5, color: INK, gapAfter: 6 },
    ...(input.signingKeyId
      ? [
          { text: '签名密钥（SM2，签署本文件的 SHA-256）/ Signing key (SM2, over the SHA-256 of this file)', size: 8, color: MUTED, gapAfter: 2 },
          { text: `key id: ${input.signingKeyId}`, size: 9.5, color: INK, gapAfter: 8 },
        ]
      : []),
    {
      text: '本证件为电子签发。扫描二维码或访问上述网址，可核验其真伪及是否已被撤销。',
      size: 9,
      color: INK,
      gapAfter: 3,
    },
    {
      text: 'This certificate was issued electronically. Scan the QR code or open the URL above to check that it is genuine and has not been revoked.',
      size: 8,
      color: MUTED,
      gapAfter: 0,
    },
  ];
}

function statementZh(input: CertificateDocument): string {
  return input.statementZh;
}

function statementEn(input: CertificateDocument): string {
  return input.statementEn;
}

// Top of the table: 18 pt below the last baseline of the statement.
function headerBottom(font: PDFFont, input: CertificateDocument): number {
  const zhLines = wrapText(statementZh(input), font, 12, CONTENT_WIDTH).length;
  const enLines = wrapText(statementEn(input), font, 9, CONTENT_WIDTH).length;
  const lastBaseline = STATEMENT_TOP - zhLines * 17 - (enLines - 1) * 13;
  return lastBaseline - 18;
}

function footerHeight(font: PDFFont, input: CertificateDocument): number {
  const textWidth = CONTENT_WIDTH - QR_SIZE - 20;
  const textHeight = footerBlocks(input).reduce(
    (sum, b) => sum + wrapText(b.text, font, b.size, textWidth).length * lineHeight(b.size) + b.gapAfter,
    12,
  );
  return 28 + Math.max(QR_SIZE + 18, textHeight);
}

function valueColumnWidth(): number {
  return CONTENT_WIDTH - LABEL_WIDTH - 2 * CELL_PADDING;
}

function rowHeight(font: PDFFont, row: Row, valueSize: number): number {
  const labelHeight = 10.5 + 12 + 2;
  const valueLines = wrapText(row.value, font, valueSize, valueColumnWidth()).length;
  const valueHeight = valueSize + (valueLines - 1) * lineHeight(valueSize) + 3;
  return Math.max(labelHeight, valueHeight) + 2 * CELL_PADDING;
}

function lineHeight(size: number): number {
  return Math.round(size * 1.45 * 10) / 10;
}

function drawCentered(page: PDFPage, font: PDFFont, text: string, size: number, y: number, color: RGB): void {
  const x = (A4[0] - font.widthOfTextAtSize(text, size)) / 2;
  page.drawText(text, { x, y, size, font, color });
}

function fitSize(font: PDFFont, text: string, size: number, maxWidth: number): number {
  let fitted = size;
  while (fitted > 6 && font.widthOfTextAtSize(text, fitted) > maxWidth) fitted -= 0.5;
  return fitted;
}

// Measuring goes through fontkit's shaper and is slow; lines are built from tokens, so each token is
// measured once per document at size 1 and line widths are sums (close enough for line breaking).
const unitWidths = new WeakMap<PDFFont, Map<string, number>>();

function measure(font: PDFFont, token: string, size: number): number {
  let cache = unitWidths.get(font);
  if (!cache) {
    cache = new Map();
    unitWidths.set(font, cache);
  }
  let width = cache.get(token);
  if (width === undefined) {
    width = font.widthOfTextAtSize(token, 1);
    cache.set(token, width);
  }
  return width * size;
}

const WRAP_TOKENS = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]|[^\s\p{Script=Han}\u3000-\u303f\uff00-\uffef]+|\s+/gu;
/** Punctuation that may not begin a line (行首禁则): it stays with the character before it. */
const CLOSING_PUNCTUATION = /^[。，、；：？！）》」』】〉”’％.,;:?!)\]]$/u;

/**
 * Greedy line breaking that works for mixed Chinese and English: a break may fall between any two
 * CJK characters, but Latin words (and URLs) only break at spaces unless a word alone is too wide.
 * Closing punctuation never starts a line: when "。" does not fit, the character before it moves down
 * with it, so a sentence never ends with a lone "。" on a line of its own.
 */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let tokens: string[] = [];
    let lineWidth = 0;
    const widthOf = (list: string[]) => list.reduce((sum, t) => sum + measure(font, t, size), 0);
    const pushLine = () => {
      lines.push(tokens.join('').trimEnd());
      tokens = [];
      lineWidth = 0;
    };
    for (const token of paragraph.match(WRAP_TOKENS) ?? []) {
      const width = measure(font, token, size);
      if (lineWidth + width <= maxWidth) {
        tokens.push(token);
        lineWidth += width;
      } else if (/^\s+$/.test(token)) {
        pushLine(); // a space at a line break is dropped
      } else if (CLOSING_PUNCTUATION.test(token) && tokens.length > 1 && !/^\s+$/.test(tokens.at(-1)!)) {
        const carried = tokens.pop()!;
        pushLine();
        tokens = [carried, token];
        lineWidth = widthOf(tokens);
      } else if (width <= maxWidth) {
        if (tokens.join('').trim()) pushLine();
        tokens = [token];
        lineWidth = width;
      } else {
        // A single token wider than the line (a long URL): break it by characters.
        if (tokens.join('').trim()) pushLine();
        tokens = [];
        lineWidth = 0;
        for (const char of Array.from(token)) {
          const charWidth = measure(font, char, size);
          if (tokens.length > 0 && lineWidth + charWidth > maxWidth) pushLine();
          tokens.push(char);
          lineWidth += charWidth;
        }
      }
    }
    lines.push(tokens.join('').trimEnd());
  }
  return lines;
}

const SEAL_RADIUS = 52;
const SEAL_RED = rgb(0.82, 0.1, 0.1);

/**
 * A round red seal drawn with vector paths: a double ring, the authority's name along the upper arc,
 * a five-pointed star in the middle and 电子证照专用章 below it. Drawn semi-opaque so the text it is
 * stamped over stays legible.
 */
function drawSeal(page: PDFPage, font: PDFFont, authority: string, centre: { x: number; y: number }): void {
  const opacity = 0.78;
  page.drawCircle({ x: centre.x, y: centre.y, size: SEAL_RADIUS, borderColor: SEAL_RED, borderWidth: 2.6, borderOpacity: opacity });
  page.drawCircle({ x: centre.x, y: centre.y, size: SEAL_RADIUS - 4.5, borderColor: SEAL_RED, borderWidth: 0.6, borderOpacity: opacity });
  // The name along the upper arc, from lower left over the top to lower right, each character upright to the rim.
  const chars = Array.from(authority);
  const size = chars.length > 12 ? 9 : 10.5;
  const textRadius = SEAL_RADIUS - 8 - size;
  const span = Math.min(215, chars.length * 20);
  const start = 90 + span / 2;
  const step = chars.length > 1 ? span / (chars.length - 1) : 0;
  chars.forEach((char, i) => {
    const angle = ((start - i * step) * Math.PI) / 180;
    const width = font.widthOfTextAtSize(char, size);
    // Rotate so the character's top points outwards; shift by half its width along the tangent to centre it.
    const px = centre.x + textRadius * Math.cos(angle) + (width / 2) * Math.sin(angle);
    const py = centre.y + textRadius * Math.sin(angle) - (width / 2) * Math.cos(angle);
    page.drawText(char, { x: px, y: py, size, font, color: SEAL_RED, opacity, rotate: degrees((angle * 180) / Math.PI - 90) });
  });
  page.drawSvgPath(starPath(14), { x: centre.x, y: centre.y + 6, color: SEAL_RED, opacity, borderWidth: 0 });
  const motto = '电子证照专用章';
  const mottoSize = 6.5;
  page.drawText(motto, { x: centre.x - font.widthOfTextAtSize(motto, mottoSize) / 2, y: centre.y - 22, size: mottoSize, font, color: SEAL_RED, opacity });
}

/** A five-pointed star of outer radius r centred on the origin, in SVG coordinates (y down), for drawSvgPath. */
function starPath(r: number): string {
  const inner = r * 0.382;
  const points = Array.from({ length: 10 }, (_, i) => {
    const radius = i % 2 === 0 ? r : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    return `${(radius * Math.cos(angle)).toFixed(2)} ${(radius * Math.sin(angle)).toFixed(2)}`;
  });
  return `M ${points.join(' L ')} Z`;
}

// 签发日期 is a civil date in Beijing, whatever the server's time zone: 2026年11月28日.
export function formatChineseDate(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}年${get('month')}月${get('day')}日`;
}
