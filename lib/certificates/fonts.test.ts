import * as pdfLibFontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { rasterizePdfPage, type RasterImage } from '@/lib/testing/decode-pdf-qr';
import { embedNotoSansSc, loadNotoSansScBytes } from './fonts';

// Mixed text with many distinct glyphs, so an off-by-one in the subset's glyph offsets would show.
const SAMPLE_LINES = [
  '准予迁入证明 Migration Permit',
  '编号 Serial No. 姓名 Name 性别 Sex 公民身份号码 ID No.',
  '迁出地址 From 迁入地址 To 迁移原因 Reason 签发机关 Issuing authority',
  '湖北省武汉市江岸区沿江大道 188 号 硚口区 东西湖区 蔡甸区 黄陂区 新洲区',
  '扫码核验真伪 / Scan to verify  2026年11月28日  ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789',
];

type EmbedMode = 'fixed-subset' | 'full' | 'unfixed-subset';

async function renderSample(mode: EmbedMode): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  let font: PDFFont;
  if (mode === 'unfixed-subset') {
    doc.registerFontkit(pdfLibFontkit);
    font = await doc.embedFont(await loadNotoSansScBytes(), { subset: true });
  } else {
    font = await embedNotoSansSc(doc, { subset: mode === 'fixed-subset' });
  }
  const page = doc.addPage([560, 200]);
  SAMPLE_LINES.forEach((line, i) => {
    page.drawText(line, { x: 10, y: 170 - i * 34, size: 16, font, color: rgb(0, 0, 0) });
  });
  return doc.save();
}

function countInk(image: RasterImage): number {
  let dark = 0;
  for (let i = 0; i < image.data.length; i += 4) if ((image.data[i] ?? 255) < 128) dark++;
  return dark;
}

function countDifferentPixels(a: RasterImage, b: RasterImage): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let different = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0)) > 64) different++;
  }
  return different;
}

describe('embedNotoSansSc', () => {
  it('subsets to a small font that prints exactly like the full 10 MB font', async () => {
    const [subsetPdf, fullPdf] = await Promise.all([renderSample('fixed-subset'), renderSample('full')]);
    expect(subsetPdf.length).toBeLessThan(60 * 1024);
    expect(fullPdf.length).toBeGreaterThan(5 * 1024 * 1024);

    const [subsetImage, fullImage] = await Promise.all([
      rasterizePdfPage(subsetPdf, { dpi: 100 }),
      rasterizePdfPage(fullPdf, { dpi: 100 }),
    ]);
    const ink = countInk(fullImage);
    expect(ink).toBeGreaterThan(5000);
    expect(countInk(subsetImage)).toBe(ink);
    expect(countDifferentPixels(subsetImage, fullImage)).toBe(0);
  });

  it('works around the @pdf-lib/fontkit subset bug (unfixed subsets lose glyphs)', async () => {
    // Documents why fonts.ts patches the subsetter. If this starts failing, @pdf-lib/fontkit has been
    // fixed and the patch in fonts.ts can be removed.
    const [unfixed, full] = await Promise.all([renderSample('unfixed-subset'), renderSample('full')]);
    const [unfixedImage, fullImage] = await Promise.all([
      rasterizePdfPage(unfixed, { dpi: 100 }),
      rasterizePdfPage(full, { dpi: 100 }),
    ]);
    expect(countInk(unfixedImage)).toBeLessThan(countInk(fullImage) * 0.9);
  });
});
