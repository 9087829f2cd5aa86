// Hostile files for the upload tests, made on the fly (nothing binary is kept in the repository).
import { createDeflate, deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(name: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(name, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * A PNG of one flat colour, any size and depth, compressed row by row through a deflate stream so
 * that even a 300 MB image never sits in memory here. colorType: 0 grey, 2 RGB, 4 grey+alpha, 6 RGBA.
 */
export async function makeFlatPng(width: number, height: number, options: { bitDepth?: 8 | 16; colorType?: 0 | 2 | 4 | 6; level?: number } = {}): Promise<Uint8Array> {
  const bitDepth = options.bitDepth ?? 8;
  const colorType = options.colorType ?? 2;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(bitDepth, 8);
  ihdr.writeUInt8(colorType, 9);
  const row = Buffer.alloc(1 + width * CHANNELS[colorType]! * (bitDepth / 8), 0x40);
  row[0] = 0; // filter: none
  const deflate = createDeflate({ level: options.level ?? 9 });
  const compressed: Buffer[] = [];
  deflate.on('data', (c: Buffer) => compressed.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  for (let y = 0; y < height; y++) {
    if (!deflate.write(row)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await finished;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', Buffer.concat(compressed)), chunk('IEND', Buffer.alloc(0))]));
}

/**
 * The image bomb of issue 15: 6000 × 6600 16-bit RGBA (39.6 megapixels, under a 40-megapixel cap)
 * in about 300 KB, which decodes to 317 MB.
 */
export function makeSixteenBitPngBomb(): Promise<Uint8Array> {
  return makeFlatPng(6000, 6600, { bitDepth: 16, colorType: 6 });
}

// ───── PDFs ─────

/** A hand-written PDF: `objects[i]` becomes object i + 1; the trailer names object 1 as the catalog. */
export function handWrittenPdf(objects: (string | Buffer)[], trailerExtra = ''): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(part);
    length += part.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

/** A stream object body: the dictionary (without << >>) and the bytes, Flate-compressed when asked. */
export function streamObject(dict: string, data: Buffer, compress = true): Buffer {
  const body = compress ? deflateSync(data) : data;
  return Buffer.concat([Buffer.from(`<< ${dict}${compress ? ' /Filter /FlateDecode' : ''} /Length ${body.length} >>\nstream\n`, 'latin1'), body, Buffer.from('\nendstream', 'latin1')]);
}

/**
 * The first case of issue 15 written by hand: catalog, page tree and page all inside one compressed
 * object stream, the catalog's /OpenAction a direct (nested) JavaScript action. Nothing of it shows in the raw bytes.
 */
export function pdfWithScriptInObjectStream(): Uint8Array {
  const inner = [
    '<< /Type /Catalog /Pages 3 0 R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>',
    '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 3 0 R /MediaBox [0 0 200 100] >>',
  ];
  let offset = 0;
  const header: string[] = [];
  inner.forEach((o, i) => {
    header.push(`${i + 2} ${offset}`);
    offset += o.length + 1;
  });
  const head = `${header.join(' ')}\n`;
  const objStm = streamObject(`/Type /ObjStm /N ${inner.length} /First ${head.length}`, Buffer.from(head + inner.join('\n') + '\n', 'latin1'));
  // Object 1 is the object stream; the catalog is object 2.
  const bytes = Buffer.from(handWrittenPdf([objStm]));
  return new Uint8Array(Buffer.from(bytes.toString('latin1').replace('/Root 1 0 R', '/Root 2 0 R'), 'latin1'));
}

/** An object stream that inflates to 20 MB: a decompression bomb inside a PDF. */
export function pdfWithObjectStreamBomb(): Uint8Array {
  const head = '2 0\n';
  const objStm = streamObject(`/Type /ObjStm /N 1 /First ${head.length}`, Buffer.concat([Buffer.from(head), Buffer.alloc(20 * 1024 * 1024, 0x20), Buffer.from('<< >>')]));
  const bytes = Buffer.from(handWrittenPdf([objStm, '<< /Type /Catalog /Pages 3 0 R >>', '<< /Type /Pages /Kids [4 0 R] /Count 1 >>', '<< /Type /Page /Parent 3 0 R /MediaBox [0 0 200 100] >>']));
  return new Uint8Array(Buffer.from(bytes.toString('latin1').replace('/Root 1 0 R', '/Root 2 0 R'), 'latin1'));
}

/** An object stream Flate-compressed twice: small on disk, and no bounded inflate sees through both passes. */
export function pdfWithDoublyCompressedObjectStream(): Uint8Array {
  const head = '2 0\n';
  const once = deflateSync(Buffer.concat([Buffer.from(head), Buffer.alloc(4 * 1024 * 1024, 0x20), Buffer.from('<< >>')]));
  const objStm = streamObject(`/Type /ObjStm /N 1 /First ${head.length} /Filter [/FlateDecode /FlateDecode]`, deflateSync(once), false);
  const bytes = Buffer.from(handWrittenPdf([objStm, '<< /Type /Catalog /Pages 3 0 R >>', '<< /Type /Pages /Kids [4 0 R] /Count 1 >>', '<< /Type /Page /Parent 3 0 R /MediaBox [0 0 200 100] >>']));
  return new Uint8Array(Buffer.from(bytes.toString('latin1').replace('/Root 1 0 R', '/Root 2 0 R'), 'latin1'));
}
