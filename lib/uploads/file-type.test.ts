import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACCEPTED_DOCUMENT_TYPES,
  MAX_DOCUMENT_BYTES,
  checkDocumentUpload,
  makeSafeFileName,
  sniffDocumentType,
} from './inspect';
import { msg, readableText } from '@/lib/i18n/problem';

let pdfBytes: Uint8Array;
let pngBytes: Uint8Array;
// Enough of a JFIF file for a signature check: SOI, APP0 "JFIF", EOI.
const jpegBytes = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
  0x00, 0xff, 0xd9,
]);
const elfBytes = ascii('\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00');
const peBytes = ascii('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run in DOS mode.');

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

beforeAll(async () => {
  const doc = await PDFDocument.create();
  const page = doc.addPage([200, 100]);
  page.drawText('Diploma', { x: 20, y: 50, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
  pdfBytes = await doc.save();

  const png = new PNG({ width: 4, height: 4 });
  png.data.fill(0x80);
  pngBytes = new Uint8Array(PNG.sync.write(png));
});

describe('constants', () => {
  it('accept exactly PDF, JPEG and PNG up to 10 MB', () => {
    expect(ACCEPTED_DOCUMENT_TYPES).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
    expect(MAX_DOCUMENT_BYTES).toBe(10_485_760);
  });
});

describe('sniffDocumentType', () => {
  it('recognises a real PDF made by pdf-lib', () => {
    expect(sniffDocumentType(pdfBytes)).toBe('application/pdf');
  });

  it('recognises a real PNG and a JPEG header', () => {
    expect(sniffDocumentType(pngBytes)).toBe('image/png');
    expect(sniffDocumentType(jpegBytes)).toBe('image/jpeg');
  });

  it('rejects executables, whatever they are called', () => {
    expect(sniffDocumentType(elfBytes)).toBeNull();
    expect(sniffDocumentType(peBytes)).toBeNull();
  });

  it('requires %PDF- at offset 0, not after leading bytes', () => {
    expect(sniffDocumentType(concat(ascii('junk'), pdfBytes))).toBeNull();
    expect(sniffDocumentType(concat(elfBytes, pdfBytes))).toBeNull();
  });

  it('requires %%EOF within the last 1024 bytes', () => {
    // A truncated upload has no trailer.
    expect(sniffDocumentType(pdfBytes.slice(0, pdfBytes.length - 10))).toBeNull();
    expect(sniffDocumentType(ascii('%PDF-1.7\n'))).toBeNull();
    // Some producers append a little padding after %%EOF; that is still a PDF.
    expect(sniffDocumentType(concat(pdfBytes, new Uint8Array(1000).fill(0x20)))).toBe('application/pdf');
    // But not a PDF with a large payload hidden after the end.
    expect(sniffDocumentType(concat(pdfBytes, new Uint8Array(2048)))).toBeNull();
  });

  it('rejects partial signatures, text, and empty input', () => {
    expect(sniffDocumentType(new Uint8Array())).toBeNull();
    expect(sniffDocumentType(new Uint8Array([0xff, 0xd8]))).toBeNull();
    expect(sniffDocumentType(pngBytes.slice(0, 7))).toBeNull();
    expect(sniffDocumentType(ascii('GIF89a'))).toBeNull();
    expect(sniffDocumentType(ascii('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(sniffDocumentType(ascii('PK\x03\x04'))).toBeNull(); // zip / docx
  });
});

describe('checkDocumentUpload', () => {
  it('accepts a PDF and reports type, size, sha256 and a safe name', () => {
    const result = checkDocumentUpload({ fileName: '毕业证书.pdf', bytes: pdfBytes });
    expect(result).toEqual({
      ok: true,
      mimeType: 'application/pdf',
      size: pdfBytes.length,
      sha256: createHash('sha256').update(pdfBytes).digest('hex'),
      safeFileName: '毕业证书.pdf',
    });
    expect(result.ok && result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts PNG and JPEG', () => {
    const png = checkDocumentUpload({ fileName: 'contract.png', bytes: pngBytes });
    expect(png.ok && png.mimeType).toBe('image/png');
    const jpeg = checkDocumentUpload({ fileName: 'photo.JPG', bytes: jpegBytes });
    expect(jpeg.ok && jpeg.mimeType).toBe('image/jpeg');
    expect(jpeg.ok && jpeg.safeFileName).toBe('photo.jpg');
  });

  it('rejects an ELF executable named diploma.pdf', () => {
    expect(checkDocumentUpload({ fileName: 'diploma.pdf', bytes: elfBytes })).toEqual({
      ok: false,
      error: 'unsupported_type',
      message: msg('problems.uploads.unsupportedType'),
    });
  });

  it('rejects a PE executable', () => {
    const result = checkDocumentUpload({ fileName: 'labour-contract.pdf', bytes: peBytes });
    expect(!result.ok && result.error).toBe('unsupported_type');
  });

  it('rejects an empty file', () => {
    expect(checkDocumentUpload({ fileName: 'diploma.pdf', bytes: new Uint8Array() })).toEqual({
      ok: false,
      error: 'empty',
      message: msg('problems.uploads.empty'),
    });
  });

  it('rejects a file one byte over 10 MB, and accepts one of exactly 10 MB', () => {
    const tooBig = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    tooBig.set(pdfBytes);
    expect(checkDocumentUpload({ fileName: 'big.pdf', bytes: tooBig })).toEqual({
      ok: false,
      error: 'too_large',
      message: msg('problems.uploads.tooLarge', { mb: 10 }),
    });
    expect(readableText(msg('problems.uploads.tooLarge', { mb: 10 }), 'en')).toBe('The file is larger than 10 MB');

    const justFits = new Uint8Array(MAX_DOCUMENT_BYTES);
    justFits.set(pdfBytes.slice(0, 100));
    justFits.set(ascii('%%EOF\n'), MAX_DOCUMENT_BYTES - 6);
    const result = checkDocumentUpload({ fileName: 'big.pdf', bytes: justFits });
    expect(result.ok && result.size).toBe(MAX_DOCUMENT_BYTES);
  });

  it('accepts a Node Buffer (what the upload route hands over)', () => {
    const result = checkDocumentUpload({ fileName: 'a.png', bytes: Buffer.from(pngBytes) });
    expect(result.ok).toBe(true);
  });

  it('strips path traversal from the name', () => {
    const result = checkDocumentUpload({ fileName: '../../etc/passwd.pdf', bytes: pdfBytes });
    expect(result.ok && result.safeFileName).toBe('passwd.pdf');
  });
});

describe('makeSafeFileName', () => {
  it('strips Unix and Windows directories', () => {
    expect(makeSafeFileName('../../etc/passwd.pdf', 'application/pdf')).toBe('passwd.pdf');
    expect(makeSafeFileName('C:\\Users\\张三\\Desktop\\劳动合同.pdf', 'application/pdf')).toBe('劳动合同.pdf');
    expect(makeSafeFileName('..\\..\\boot.ini', 'application/pdf')).toBe('boot.ini.pdf');
  });

  it('removes control and bidi-override characters', () => {
    expect(makeSafeFileName('dip\u0000lo\nma\r.pdf', 'application/pdf')).toBe('diploma.pdf');
    // U+202E would display "invoice\u202Efdp.exe" as "invoiceexe.pdf".
    expect(makeSafeFileName('invoice\u202Efdp.exe', 'application/pdf')).toBe('invoicefdp.exe.pdf');
  });

  it('replaces characters that are illegal in Windows names and keeps Chinese', () => {
    expect(makeSafeFileName('学位证书 <扫描件>: 第1页?.png', 'image/png')).toBe('学位证书 _扫描件__ 第1页_.png');
  });

  it('does not produce hidden files or empty names', () => {
    expect(makeSafeFileName('.htaccess', 'application/pdf')).toBe('htaccess.pdf');
    expect(makeSafeFileName('..', 'application/pdf')).toBe('document.pdf');
    expect(makeSafeFileName('', 'image/jpeg')).toBe('document.jpg');
    expect(makeSafeFileName('../', 'image/png')).toBe('document.png');
  });

  it('makes the extension match the sniffed type', () => {
    expect(makeSafeFileName('scan.pdf', 'image/png')).toBe('scan.png');
    expect(makeSafeFileName('scan.jpeg', 'image/jpeg')).toBe('scan.jpeg');
    expect(makeSafeFileName('scan', 'application/pdf')).toBe('scan.pdf');
    expect(makeSafeFileName('report.PDF', 'application/pdf')).toBe('report.pdf');
  });

  it('limits the name to 120 characters, keeping the extension', () => {
    const long = '武汉市'.repeat(100) + '.pdf';
    const safe = makeSafeFileName(long, 'application/pdf');
    expect(Array.from(safe)).toHaveLength(120);
    expect(safe.endsWith('.pdf')).toBe(true);
    expect(safe.startsWith('武汉市武汉市')).toBe(true);
  });
});
