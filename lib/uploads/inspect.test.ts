import jpeg from 'jpeg-js';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { makeFlatPng, makeSixteenBitPngBomb } from '@/lib/testing/hostile-uploads';
import { decodedBytes, imageSize, inspectDocument, MAX_DECODED_IMAGE_BYTES, type InspectionResult } from './inspect';

const ANY = { acceptedTypes: ['application/pdf', 'image/jpeg', 'image/png'] as const, maxBytes: 10 * 1024 * 1024 };
const IMAGES_ONLY = { acceptedTypes: ['image/jpeg', 'image/png'] as const, maxBytes: 5 * 1024 * 1024 };

let pdf: Uint8Array;
let png: Uint8Array;
let jpg: Uint8Array;

const ascii = (t: string) => Uint8Array.from(Buffer.from(t, 'latin1'));
const concat = (...parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts.map((p) => Buffer.from(p))));
const refusal = (r: InspectionResult) => (r.ok ? 'accepted' : r.error);

async function pdfWith(modify: (doc: PDFDocument) => void | Promise<void>, save: { useObjectStreams?: boolean } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([200, 100]);
  page.drawText('Document', { x: 20, y: 50, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  await modify(doc);
  return doc.save(save);
}

beforeAll(async () => {
  pdf = await pdfWith(() => {});
  const image = new PNG({ width: 8, height: 8 });
  image.data.fill(0x80);
  png = new Uint8Array(PNG.sync.write(image));
  jpg = new Uint8Array(jpeg.encode({ data: Buffer.alloc(8 * 8 * 4, 0x80), width: 8, height: 8 }, 80).data);
});

describe('inspectDocument accepts', () => {
  it('a plain PDF, stored as uploaded', async () => {
    const r = await inspectDocument({ fileName: '毕业证书.pdf', bytes: pdf }, ANY);
    expect(r).toMatchObject({ ok: true, mimeType: 'application/pdf', size: pdf.length, pages: 1, safeFileName: '毕业证书.pdf' });
  });

  it('counts the pages of a PDF; an image is one page', async () => {
    const threePages = await pdfWith((doc) => {
      doc.addPage([200, 100]);
      doc.addPage([200, 100]);
    });
    expect(await inspectDocument({ fileName: 'three.pdf', bytes: threePages }, ANY)).toMatchObject({ ok: true, pages: 3 });
    expect(await inspectDocument({ fileName: 'scan.png', bytes: png }, ANY)).toMatchObject({ ok: true, pages: 1 });
  });

  it('PNG and JPEG, decoded and re-encoded (trailing bytes do not survive)', async () => {
    const p = await inspectDocument({ fileName: 'scan.png', bytes: png }, ANY);
    expect(p.ok && PNG.sync.read(Buffer.from(p.bytes)).width).toBe(8);
    const withTrailer = concat(jpg, ascii('trailing junk'));
    const j = await inspectDocument({ fileName: 'photo.JPG', bytes: withTrailer }, ANY);
    expect(j.ok && j.mimeType).toBe('image/jpeg');
    expect(j.ok && Buffer.from(j.bytes).includes('trailing junk')).toBe(false);
  });
});

describe('inspectDocument decodes images with bounds', () => {
  it('accepts an ordinary 16-bit PNG and a greyscale one, re-encoded as PNG of the same size', async () => {
    for (const options of [{ bitDepth: 16, colorType: 6 }, { bitDepth: 8, colorType: 0 }] as const) {
      const r = await inspectDocument({ fileName: 'scan.png', bytes: await makeFlatPng(640, 480, options) }, ANY);
      expect(r.ok, JSON.stringify(options)).toBe(true);
      if (r.ok) expect(await sharp(Buffer.from(r.bytes)).metadata()).toMatchObject({ format: 'png', width: 640, height: 480 });
    }
  });

  it('accepts a 40-megapixel 8-bit RGB image (120 MB decoded), the largest allowed', async () => {
    const r = await inspectDocument({ fileName: 'big.png', bytes: await makeFlatPng(8000, 5000) }, ANY);
    expect(r.ok).toBe(true);
  });

  it('drops EXIF metadata from a JPEG', async () => {
    const withExif = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#808080' } })
      .jpeg()
      .withExifMerge({ IFD0: { ImageDescription: 'secret-note-in-exif' } })
      .toBuffer();
    expect(withExif.includes('secret-note-in-exif')).toBe(true);
    const r = await inspectDocument({ fileName: 'photo.jpg', bytes: new Uint8Array(withExif) }, ANY);
    expect(r.ok && Buffer.from(r.bytes).includes('secret-note-in-exif')).toBe(false);
  });
});

describe('inspectDocument refuses, with a reason', () => {
  it('a zero-byte file', async () => {
    const r = await inspectDocument({ fileName: 'a.pdf', bytes: new Uint8Array() }, ANY);
    expect(r).toMatchObject({ ok: false, error: 'empty', message: expect.stringContaining('文件为空') });
  });

  it('a file over the document’s size limit', async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(png);
    expect(refusal(await inspectDocument({ fileName: 'big.png', bytes: big }, IMAGES_ONLY))).toBe('too_large');
  });

  it('a type the document does not take (a PDF where only a photo will do)', async () => {
    const r = await inspectDocument({ fileName: 'photo.pdf', bytes: pdf }, IMAGES_ONLY);
    expect(r).toMatchObject({ ok: false, error: 'type_not_allowed', message: expect.stringContaining('JPEG, PNG') });
  });

  it('an executable, whatever its name', async () => {
    expect(refusal(await inspectDocument({ fileName: 'diploma.pdf', bytes: ascii('\x7fELF\x02\x01\x01\x00') }, ANY))).toBe('unsupported_type');
  });

  it('an extension that does not match the bytes', async () => {
    expect(refusal(await inspectDocument({ fileName: 'diploma.pdf', bytes: png }, ANY))).toBe('extension_mismatch');
    expect(refusal(await inspectDocument({ fileName: 'diploma', bytes: pdf }, ANY))).toBe('extension_mismatch');
    expect(refusal(await inspectDocument({ fileName: 'photo.png', bytes: jpg }, ANY))).toBe('extension_mismatch');
  });

  it('polyglots: an image carrying a PDF, a zip or HTML', async () => {
    expect(refusal(await inspectDocument({ fileName: 'a.jpg', bytes: concat(jpg, pdf) }, ANY))).toBe('polyglot');
    expect(refusal(await inspectDocument({ fileName: 'a.png', bytes: concat(png, ascii('PK\x03\x04\x14\x00\x00\x00')) }, ANY))).toBe('polyglot');
    expect(refusal(await inspectDocument({ fileName: 'a.png', bytes: concat(png, ascii('<HTML><script>alert(1)</script>')) }, ANY))).toBe('polyglot');
    // HTML in a JPEG comment segment, before the image data.
    const comment = ascii('<script>alert(1)</script>');
    const com = concat(Uint8Array.from([0xff, 0xfe, 0, comment.length + 2]), comment);
    expect(refusal(await inspectDocument({ fileName: 'a.jpg', bytes: concat(jpg.subarray(0, 2), com, jpg.subarray(2)) }, ANY))).toBe('polyglot');
    // A PDF with a zip appended.
    expect(refusal(await inspectDocument({ fileName: 'a.pdf', bytes: concat(pdf.subarray(0, pdf.length - 6), ascii('PK\x03\x04'), pdf.subarray(pdf.length - 6)) }, ANY))).toBe('polyglot');
  });

  it('a decompression bomb: more than 40 megapixels, refused before decoding', async () => {
    // A PNG header claiming 10000 × 5000 pixels; the pixel data is never read.
    const header = Buffer.from(png.subarray(0, 33));
    header.writeUInt32BE(10_000, 16);
    header.writeUInt32BE(5_000, 20);
    expect(imageSize(header, 'image/png')).toEqual({ width: 10_000, height: 5_000 });
    expect(refusal(await inspectDocument({ fileName: 'bomb.png', bytes: concat(header, png.subarray(33)) }, ANY))).toBe('too_many_pixels');
    // The same for a JPEG whose frame header claims 8000 × 8000.
    const j = Buffer.from(jpg);
    const sof = j.indexOf(Buffer.from([0xff, 0xc0]));
    j.writeUInt16BE(8000, sof + 5);
    j.writeUInt16BE(8000, sof + 7);
    expect(refusal(await inspectDocument({ fileName: 'bomb.jpg', bytes: j }, ANY))).toBe('too_many_pixels');
  });

  it('the 16-bit RGBA bomb of issue 15: under 40 megapixels but 317 MB decoded, refused from its header with a reason', async () => {
    const bomb = await makeSixteenBitPngBomb();
    expect(bomb.length).toBeLessThan(400_000);
    expect(imageSize(bomb, 'image/png')).toEqual({ width: 6000, height: 6600 }); // 39.6 megapixels: the pixel cap alone lets it through
    expect(decodedBytes({ width: 6000, height: 6600, channels: 4, depth: 'ushort' })).toBe(316_800_000);
    const r = await inspectDocument({ fileName: 'bomb.png', bytes: bomb }, ANY);
    expect(r).toMatchObject({ ok: false, error: 'image_too_large', message: expect.stringContaining(`${MAX_DECODED_IMAGE_BYTES / 1_000_000} MB`) });
  });

  it('a PNG whose pixel data is cut short', async () => {
    const whole = await makeFlatPng(300, 300, { level: 0 });
    expect(refusal(await inspectDocument({ fileName: 'cut.png', bytes: whole.subarray(0, whole.length / 2) }, ANY))).toBe('corrupt_image');
  });

  it('a damaged image', async () => {
    const broken = Uint8Array.from(png);
    broken.fill(0, 40);
    expect(refusal(await inspectDocument({ fileName: 'broken.png', bytes: broken }, ANY))).toBe('corrupt_image');
  });

  it('a PDF that does not open', async () => {
    expect(refusal(await inspectDocument({ fileName: 'fake.pdf', bytes: ascii('%PDF-1.7\nnot really a pdf\n%%EOF\n') }, ANY))).toBe('unreadable_pdf');
  });

  it('a PDF with JavaScript, plain, hex-escaped or hidden in a compressed object stream', async () => {
    const js = await pdfWith((doc) => {
      const action = doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1)') });
      doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
    });
    expect(refusal(await inspectDocument({ fileName: 'js.pdf', bytes: js }, ANY))).toBe('pdf_active_content');
    const escaped = ascii(Buffer.from(js).toString('latin1').replaceAll('/JavaScript', '/J#61vaScript').replaceAll('/JS ', '/J#53 '));
    expect(refusal(await inspectDocument({ fileName: 'js.pdf', bytes: escaped }, ANY))).toBe('pdf_active_content');
    const compressed = await pdfWith(
      (doc) => {
        const action = doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1)') });
        doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
      },
      { useObjectStreams: true },
    );
    expect(Buffer.from(compressed).includes('/JavaScript')).toBe(false); // only inside the compressed stream
    expect(refusal(await inspectDocument({ fileName: 'js.pdf', bytes: compressed }, ANY))).toBe('pdf_active_content');
  });

  it('a PDF with a launch action or an embedded file', async () => {
    const launch = await pdfWith((doc) => {
      doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(doc.context.obj({ S: 'Launch', F: PDFString.of('cmd.exe') })));
    });
    expect(refusal(await inspectDocument({ fileName: 'launch.pdf', bytes: launch }, ANY))).toBe('pdf_active_content');
    const attached = await pdfWith(async (doc) => {
      await doc.attach(Buffer.from('hello'), 'hello.txt', { mimeType: 'text/plain' });
    });
    expect(refusal(await inspectDocument({ fileName: 'attached.pdf', bytes: attached }, ANY))).toBe('pdf_active_content');
  });
});
