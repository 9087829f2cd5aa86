// Hostile files for the upload tests, made on the fly (nothing binary is kept in the repository).
import { createDeflate } from 'node:zlib';

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
