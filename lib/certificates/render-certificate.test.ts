import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import { decodeQrFromPdf, rasterizePdfPage } from '@/lib/testing/decode-pdf-qr';
import { embedNotoSansSc } from './fonts';
import { formatChineseDate, renderCertificatePdf, renderMigrationPermitPdf, wrapText, type MigrationPermitInput } from './render-certificate';
import { certificateDocumentFor } from './templates';

const input: MigrationPermitInput = {
  serialNumber: 'ZQ-420102-2026-000123',
  holderName: '张三',
  idNumberMasked: '420***********1238',
  sex: 'male',
  fromAddress: '湖北省宜昌市西陵区夷陵大道 58 号 3 栋 2 单元 501 室',
  toAddress: '湖北省武汉市江岸区沿江大道 188 号 12 栋 1 单元 1203 室',
  toDistrictName: '武汉市江岸区',
  reason: '高校毕业生落户 (Graduate settlement)',
  issuingAuthority: '武汉市公安局江岸区分局',
  // 20:30 UTC on the 27th is already 04:30 on the 28th in Beijing.
  issuedAt: new Date('2026-11-27T20:30:00Z'),
  verifyUrl: 'https://eid.wuhan.example.gov.cn/verify/ZQ-420102-2026-000123?c=7f3a9c2e',
  referenceNumber: 'HJ-2026-11-000481',
  signingKeyId: 'k2026a',
};

let tmpDir: string;
let pdf: Uint8Array;

function extractText(bytes: Uint8Array, name = 'permit.pdf'): string {
  const file = path.join(tmpDir, name);
  writeFileSync(file, bytes);
  return execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

beforeAll(async () => {
  tmpDir = mkdtempSync(path.join(os.tmpdir(), 'permit-test-'));
  pdf = await renderMigrationPermitPdf(input);
});

afterAll(() => {
  rmSync(tmpDir, { recursive: true, force: true });
});

describe('certificate line breaking', () => {
  it('never starts a line with closing punctuation: the last character goes down with the 。', async () => {
    const font = await embedNotoSansSc(await PDFDocument.create());
    const sentence = '本证件为电子签发。扫描二维码或访问上述网址，可核验其真伪及是否已被撤销。';
    const size = 9;
    // The width at which the old greedy breaking left the final 。 alone on its own line.
    const widthWithoutStop = font.widthOfTextAtSize(sentence.slice(0, -1), size) + 0.5;
    const lines = wrapText(sentence, font, size, widthWithoutStop);
    expect(lines.join('')).toBe(sentence);
    expect(lines.at(-1)).toBe('销。');
    for (const width of [60, 90, 120, 150, 200, 250]) {
      for (const line of wrapText(sentence, font, size, width).slice(1)) expect(line, `at ${width} pt`).not.toMatch(/^[。，、；：？！）》」』]/);
    }
  });
});

describe('formatChineseDate', () => {
  it('formats the civil date in Asia/Shanghai', () => {
    expect(formatChineseDate(new Date('2026-11-28T03:00:00+08:00'))).toBe('2026年11月28日');
    expect(formatChineseDate(new Date('2026-11-27T20:30:00Z'))).toBe('2026年11月28日');
    expect(formatChineseDate(new Date('2026-01-05T12:00:00+08:00'))).toBe('2026年1月5日');
    expect(formatChineseDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027年1月1日');
  });
});

describe('renderMigrationPermitPdf', () => {
  it('produces a small one-page A4 PDF', async () => {
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(60 * 1024);
    console.log(`migration permit PDF size: ${pdf.length} bytes (${(pdf.length / 1024).toFixed(1)} KB)`);

    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect(width).toBeCloseTo(595.28, 1);
    expect(height).toBeCloseTo(841.89, 1);
  });

  it('embeds a subset of Noto Sans SC, not the 10 MB font', () => {
    const file = path.join(tmpDir, 'fonts.pdf');
    writeFileSync(file, pdf);
    const fonts = execFileSync('/usr/bin/pdffonts', [file], { encoding: 'utf8' });
    // name, type, encoding, emb, sub, uni: one embedded, subset font with a ToUnicode map.
    expect(fonts).toMatch(/EIDCRT\+NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(fonts.trim().split('\n')).toHaveLength(3);
  });

  it('contains the title, fields and captions as extractable text', () => {
    const text = extractText(pdf);
    for (const expected of [
      '准予迁入证明',
      'Migration Permit',
      '张三',
      'ZQ-420102-2026-000123',
      '420***********1238',
      '男 / Male',
      '武汉市公安局江岸区分局',
      '2026年11月28日',
      'HJ-2026-11-000481',
      '高校毕业生落户',
      '扫码核验真伪 / Scan to verify',
      '武汉市江岸区',
      '公民身份号码',
      '迁出地址',
      '迁入地址',
      '签发机关',
      '签发日期',
      'Issuing authority',
    ]) {
      expect(text).toContain(expected);
    }
    // The verify URL is printed (it may wrap, so compare without whitespace), and the signing key's id.
    expect(text.replace(/\s+/g, '')).toContain(input.verifyUrl);
    expect(text).toContain('key id: k2026a');
    expect(text).toContain('Signing key');
    // Only the masked ID number is ever printed.
    expect(text).not.toMatch(/\d{17}[\dX]/);
  });

  it('shows 女 / Female for a woman', async () => {
    const text = extractText(await renderMigrationPermitPdf({ ...input, sex: 'female', holderName: '欧阳娜娜' }), 'female.pdf');
    expect(text).toContain('女 / Female');
    expect(text).toContain('欧阳娜娜');
  });

  it('has a QR code that decodes to the verify URL', async () => {
    expect(await decodeQrFromPdf(pdf)).toBe(input.verifyUrl);
  });

  it('prints the QR symbol at least 120 pt wide, in the lower half of the page', async () => {
    const dpi = 150;
    const image = await rasterizePdfPage(pdf, { dpi });
    const code = jsQR(image.data, image.width, image.height);
    if (!code) throw new Error('no QR code found on page 1');
    expect(code.data).toBe(input.verifyUrl);
    const { location } = code;
    // Finder-pattern centres sit 3.5 modules inside each edge of the symbol.
    const modules = code.version * 4 + 17;
    const centreSpanPx = location.topRightFinderPattern.x - location.topLeftFinderPattern.x;
    const symbolPt = ((centreSpanPx * modules) / (modules - 7)) * (72 / dpi);
    expect(symbolPt).toBeGreaterThanOrEqual(120);
    expect(location.topLeftCorner.y).toBeGreaterThan(image.height / 2);
  });

  it('sets the metadata from the input', async () => {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getTitle()).toBe('准予迁入证明 Migration Permit ZQ-420102-2026-000123');
    expect(doc.getAuthor()).toBe('武汉市公安局江岸区分局');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-11-27T20:30:00.000Z');
    expect(doc.getModificationDate()?.toISOString()).toBe('2026-11-27T20:30:00.000Z');
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const again = await renderMigrationPermitPdf(input);
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
    const other = await renderMigrationPermitPdf({ ...input, serialNumber: 'ZQ-420102-2026-000124' });
    expect(Buffer.from(other).equals(Buffer.from(pdf))).toBe(false);
  });

  it('keeps very long values on one page with a scannable QR code', async () => {
    const long: MigrationPermitInput = {
      ...input,
      fromAddress: '湖北省宜昌市西陵区夷陵大道五十八号'.repeat(6),
      toAddress: '湖北省武汉市江岸区沿江大道一百八十八号'.repeat(6),
      reason: 'Spouse joins the household (夫妻投靠) — '.repeat(8),
      verifyUrl: `https://eid.wuhan.example.gov.cn/verify/${'A'.repeat(120)}`,
    };
    const bytes = await renderMigrationPermitPdf(long);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(await decodeQrFromPdf(bytes)).toBe(long.verifyUrl);
    const text = extractText(bytes, 'long.pdf');
    expect(text).toContain('扫码核验真伪');
    expect(text).toContain('签发日期');
  });

  it('renders 20 permits (timing printed, not asserted)', async () => {
    const started = performance.now();
    for (let i = 0; i < 20; i++) {
      await renderMigrationPermitPdf({ ...input, serialNumber: `ZQ-420102-2026-${String(i).padStart(6, '0')}` });
    }
    const elapsed = performance.now() - started;
    console.log(`20 migration permit renders: ${elapsed.toFixed(0)} ms total, ${(elapsed / 20).toFixed(1)} ms each`);
  });
});

describe('templates per certificate kind', () => {
  const facts = {
    serialNumber: 'HK2026000007',
    holderName: '欧阳娜娜',
    idNumberMasked: '420***********1238',
    sex: 'female' as const,
    birthDate: '1999-04-01',
    registeredAddress: '湖北省武汉市江岸区沿江大道 188 号',
    districtName: '江岸区',
    issuingAuthority: '武汉市公安局江岸区分局',
    issuedAt: new Date('2026-11-27T02:00:00Z'),
    verifyUrl: 'http://portal.test/verify/abcdefghijklmnopqrstuv',
    referenceNumber: 'WH20261127000001',
    form: {},
    copyNumber: 1,
  };

  it('prints a household-register page with the generic template: its own title, the registry facts and the verify QR', async () => {
    const bytes = await renderCertificatePdf(certificateDocumentFor({ ...facts, kind: 'household_register_page' }));
    const text = extractText(bytes, 'register.pdf');
    for (const expected of ['常住人口登记卡', 'Household register page', '欧阳娜娜', 'HK2026000007', '1999-04-01', '武汉市公安局江岸区分局', '2026年11月27日']) expect(text).toContain(expected);
    expect(await decodeQrFromPdf(bytes)).toBe(facts.verifyUrl);
  });

  it('names a reissue on the face of the certificate', async () => {
    const text = extractText(await renderCertificatePdf(certificateDocumentFor({ ...facts, kind: 'driving_licence_document', copyNumber: 2, form: { licenceClass: 'C1' } })), 'licence.pdf');
    expect(text).toContain('机动车驾驶证业务证明');
    expect(text).toContain('C1');
    expect(text).toContain('第 1 次补发');
  });
});

describe('the seal', () => {
  it('is a red round seal drawn over the issuing authority and date rows', async () => {
    const image = await rasterizePdfPage(pdf, { dpi: 72 });
    const isSealRed = (x: number, y: number) => {
      const i = (image.width * y + x) * 4;
      const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
      return r > 170 && g < 120 && b < 120;
    };
    let red = 0;
    for (let y = 0; y < image.height; y++) for (let x = Math.floor(image.width * 0.6); x < image.width - 40; x++) if (isSealRed(x, y)) red++;
    // A ring, a star and the authority's name in red on the right of the page (the frame is dark red and thinner).
    expect(red).toBeGreaterThan(800);
    expect(extractText(pdf)).toContain('电子证照专用章');
  });
});
