import jpeg from 'jpeg-js';
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, StandardFonts, type PDFObject } from 'pdf-lib';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { localizeValue } from '@/lib/i18n/problem';
import { handWrittenPdf, makeFlatPng, makeSixteenBitPngBomb, pdfWithDoublyCompressedObjectStream, pdfWithObjectStreamBomb, pdfWithScriptInObjectStream } from '@/lib/testing/hostile-uploads';
import { decodedBytes, imageSize, inspectDocument, MAX_DECODED_IMAGE_BYTES, MAX_PDF_OBJECTS, MAX_PDF_PAGES, type InspectionResult } from './inspect';

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
    expect(localizeValue(r, 'zh-CN')).toMatchObject({ ok: false, error: 'empty', message: expect.stringContaining('文件为空') });
  });

  it('a file over the document’s size limit', async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(png);
    expect(refusal(await inspectDocument({ fileName: 'big.png', bytes: big }, IMAGES_ONLY))).toBe('too_large');
  });

  it('a type the document does not take (a PDF where only a photo will do)', async () => {
    const r = await inspectDocument({ fileName: 'photo.pdf', bytes: pdf }, IMAGES_ONLY);
    expect(localizeValue(r, 'en')).toMatchObject({ ok: false, error: 'type_not_allowed', message: expect.stringContaining('JPEG, PNG') });
    expect(localizeValue(r, 'zh-CN')).toMatchObject({ message: '此材料只接受 JPEG、PNG 文件' });
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
    expect(localizeValue(r, 'en')).toMatchObject({ ok: false, error: 'image_too_large', message: expect.stringContaining(`${MAX_DECODED_IMAGE_BYTES / 1_000_000} MB`) });
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

// Each entry is built with pdf-lib (saved with compressed object streams, so nothing shows in the raw
// bytes) or written by hand; every one must be refused, and the benign ones below must still pass.
describe('hostile PDF corpus (issue 15)', () => {
  const compressed = { useObjectStreams: true };
  const action = (doc: PDFDocument, entries: Record<string, unknown>) => doc.context.obj(entries as never);
  const hostile: [string, () => Promise<Uint8Array> | Uint8Array][] = [
    ['JavaScript in a direct OpenAction inside a compressed object stream (pdf-lib)', () => pdfWith((doc) => void doc.catalog.set(PDFName.of('OpenAction'), action(doc, { S: 'JavaScript', JS: PDFString.of('app.alert(1)') })), compressed)],
    ['JavaScript in an OpenAction inside a FlateDecode object stream (hand-written)', () => pdfWithScriptInObjectStream()],
    ['/Launch in a page’s /AA', () => pdfWith((doc) => void doc.getPage(0).node.set(PDFName.of('AA'), action(doc, { O: action(doc, { S: 'Launch', F: PDFString.of('cmd.exe') }) })), compressed)],
    ['a /URI OpenAction', () => pdfWith((doc) => void doc.catalog.set(PDFName.of('OpenAction'), action(doc, { S: 'URI', URI: PDFString.of('https://evil.example/') })), compressed)],
    ['a link annotation to the web', () => pdfWith((doc) => linkOnFirstPage(doc, action(doc, { S: 'URI', URI: PDFString.of('https://evil.example/') })), compressed)],
    ['a form that submits itself (/SubmitForm)', () => pdfWith((doc) => linkOnFirstPage(doc, action(doc, { S: 'SubmitForm', F: PDFString.of('https://evil.example/collect') })), compressed)],
    ['/GoToR to another file', () => pdfWith((doc) => linkOnFirstPage(doc, action(doc, { S: 'GoToR', F: PDFString.of('other.pdf'), D: [0, 'Fit'] })), compressed)],
    ['/GoToE into an embedded file', () => pdfWith((doc) => linkOnFirstPage(doc, action(doc, { S: 'GoToE', T: action(doc, { R: 'C', N: PDFString.of('x') }) })), compressed)],
    ['/ImportData', () => pdfWith((doc) => linkOnFirstPage(doc, action(doc, { S: 'ImportData', F: PDFString.of('data.fdf') })), compressed)],
    ['an OpenAction with a named action chained to /Next JavaScript', () => pdfWith((doc) => void doc.catalog.set(PDFName.of('OpenAction'), action(doc, { S: 'Named', N: 'Print', Next: action(doc, { S: 'JavaScript', JS: PDFString.of('x') }) })), compressed)],
    ['an OpenAction that is an action of any kind but GoTo', () => pdfWith((doc) => void doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action(doc, { S: 'Named', N: 'Print' }))), compressed)],
    ['an XFA form', () => pdfWith((doc) => void doc.catalog.set(PDFName.of('AcroForm'), action(doc, { Fields: [], XFA: doc.context.register(doc.context.flateStream('<xdp:xdp/>')) })), compressed)],
    ['a RichMedia annotation', () => pdfWith((doc) => void doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj([action(doc, { Type: 'Annot', Subtype: 'RichMedia', Rect: [0, 0, 10, 10] })])), compressed)],
    ['a document-level JavaScript name tree', () => pdfWith((doc) => void doc.catalog.set(PDFName.of('Names'), action(doc, { JavaScript: action(doc, { Names: [PDFString.of('a'), action(doc, { S: 'JavaScript', JS: PDFString.of('x') })] }) })), compressed)],
    ['an attached file', () => pdfWith(async (doc) => doc.attach(Buffer.from('hello'), 'hello.txt', { mimeType: 'text/plain' }), compressed)],
    [
      'a hand-written /AA written with #xx escapes (/A#41, /J#61vaScript)',
      () =>
        handWrittenPdf([
          '<< /Type /Catalog /Pages 2 0 R >>',
          '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
          '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /A#41 << /O << /S /J#61vaScript /J#53 (x) >> >> >>',
        ]),
    ],
  ];

  it.each(hostile)('refuses %s', async (_, make) => {
    const bytes = await make();
    const r = await inspectDocument({ fileName: 'hostile.pdf', bytes }, ANY);
    expect(localizeValue(r, 'en')).toMatchObject({ ok: false, error: 'pdf_active_content', message: expect.stringContaining('print it to a plain PDF') });
  });

  it('hides the first cases from a scan of the raw bytes: only a parser sees them', async () => {
    for (const [, make] of hostile.slice(0, 4)) {
      const text = Buffer.from(await make()).toString('latin1');
      expect(text).not.toMatch(/\/(JavaScript|Launch|URI|AA)\b/);
    }
  });

  const benign: [string, () => Promise<Uint8Array> | Uint8Array][] = [
    ['a PDF with text', () => pdfWith(() => {})],
    ['a PDF saved with compressed object streams', () => pdfWith(() => {}, compressed)],
    ['an internal link (/Dest) and a /GoTo action to a page of the same file', () =>
      pdfWith((doc) => {
        const second = doc.addPage([200, 100]);
        linkOnFirstPage(doc, action(doc, { S: 'GoTo', D: [second.ref, 'Fit'] }));
        doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj([...annotations(doc), action(doc, { Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 10, 10], Dest: [second.ref, 'Fit'] })]));
      }, compressed)],
    ['an OpenAction that only names the first view (a destination)', () =>
      pdfWith((doc) => void doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj([doc.getPage(0).ref, PDFName.of('FitH'), PDFNumber.of(100)])))],
    ['an OpenAction that is a /GoTo to the first page', () =>
      pdfWith((doc) => void doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action(doc, { S: 'GoTo', D: [doc.getPage(0).ref, 'Fit'] }))), compressed)],
    ['an image whose compressed bytes happen to hold “/JS ” and “/AA ”', () =>
      pdfWith((doc) => {
        const image = doc.context.register(doc.context.stream(Buffer.from('\x00\x01/JS /AA /URI (\xff\xfe', 'latin1'), { Type: 'XObject', Subtype: 'Image', Width: 1, Height: 1, ColorSpace: 'DeviceGray', BitsPerComponent: 8, Filter: 'DCTDecode' }));
        doc.getPage(0).node.set(PDFName.of('Resources'), doc.context.obj({ XObject: { Im1: image } }));
      })],
  ];

  it.each(benign)('accepts %s', async (_, make) => {
    const r = await inspectDocument({ fileName: 'plain.pdf', bytes: await make() }, ANY);
    expect(r.ok ? 'accepted' : r.error).toBe('accepted');
  });

  it('refuses an encrypted PDF', async () => {
    const encrypted = handWrittenPdf(
      ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>', '<< /Filter /Standard /V 2 /R 3 /Length 128 /O (xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx) /U (xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx) /P -4 >>'],
      `/Encrypt 4 0 R /ID [${PDFHexString.of('00112233445566778899aabbccddeeff').toString()} ${PDFHexString.of('00112233445566778899aabbccddeeff').toString()}] `,
    );
    expect(refusal(await inspectDocument({ fileName: 'locked.pdf', bytes: encrypted }, ANY))).toBe('unreadable_pdf');
  });

  it('refuses a PDF padded with jibberish between its objects (pdf-lib skips it a byte at a time, holding the event loop: 10 MB took minutes)', async () => {
    const valid = Buffer.from(await pdfWith(() => {}));
    const headerEnd = valid.indexOf(0x0a) + 1;
    const padded = Buffer.concat([valid.subarray(0, headerEnd), Buffer.from('x y z\n'.repeat(2000)), valid.subarray(headerEnd)]);
    expect(refusal(await inspectDocument({ fileName: 'padded.pdf', bytes: new Uint8Array(valid) }, ANY))).toBe('accepted');
    expect(refusal(await inspectDocument({ fileName: 'padded.pdf', bytes: new Uint8Array(padded) }, ANY))).toBe('unreadable_pdf');
  });

  it('refuses a PDF pdf-lib cannot parse', async () => {
    expect(refusal(await inspectDocument({ fileName: 'broken.pdf', bytes: handWrittenPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [9 0 R] /Count 1 >>']) }, ANY))).toBe('unreadable_pdf');
  });

  it(`bounds the parse: more than ${MAX_PDF_PAGES} pages, more than ${MAX_PDF_OBJECTS} objects, an object stream that inflates past 16 MB or is compressed twice`, async () => {
    const manyPages = await pdfWith((doc) => {
      for (let i = 0; i < MAX_PDF_PAGES; i++) doc.addPage([10, 10]);
    });
    expect(refusal(await inspectDocument({ fileName: 'long.pdf', bytes: manyPages }, ANY))).toBe('pdf_too_complex');
    const manyObjects = await pdfWith((doc) => {
      for (let i = 0; i <= MAX_PDF_OBJECTS; i++) doc.context.register(PDFNumber.of(i));
    });
    expect(refusal(await inspectDocument({ fileName: 'dense.pdf', bytes: manyObjects }, ANY))).toBe('pdf_too_complex');
    const bomb = pdfWithObjectStreamBomb();
    expect(bomb.length).toBeLessThan(100_000);
    expect(refusal(await inspectDocument({ fileName: 'bomb.pdf', bytes: bomb }, ANY))).toBe('pdf_too_complex');
    expect(refusal(await inspectDocument({ fileName: 'twice.pdf', bytes: pdfWithDoublyCompressedObjectStream() }, ANY))).toBe('pdf_too_complex');
  });
});

function annotations(doc: PDFDocument): PDFObject[] {
  const existing = doc.getPage(0).node.lookup(PDFName.of('Annots'));
  return existing instanceof PDFArray ? existing.asArray() : [];
}

function linkOnFirstPage(doc: PDFDocument, linkAction: unknown): void {
  const link = doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 50, 20], A: linkAction as never });
  doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj([...annotations(doc), link]));
}
