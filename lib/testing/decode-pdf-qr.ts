// Test helpers (vitest and Playwright): prove a PDF prints as intended by rasterising a page with
// poppler's pdftoppm, as a viewer or printer would, then reading the pixels.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

const execFileAsync = promisify(execFile);

export type RasterImage = { width: number; height: number; data: Uint8ClampedArray /* RGBA */ };

/** Renders page 1 (or `page`) of a PDF to RGBA pixels at `dpi` (default 150). */
export async function rasterizePdfPage(
  bytes: Uint8Array,
  options: { dpi?: number; page?: number } = {},
): Promise<RasterImage> {
  const dpi = options.dpi ?? 150;
  const page = options.page ?? 1;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rasterize-pdf-'));
  try {
    const pdfPath = path.join(dir, 'input.pdf');
    const outPrefix = path.join(dir, 'page');
    await writeFile(pdfPath, bytes);
    // -singlefile writes exactly "<prefix>.png" for the one page asked for.
    const args = ['-r', String(dpi), '-png', '-singlefile', '-f', String(page), '-l', String(page), pdfPath, outPrefix];
    await execFileAsync('pdftoppm', args);
    const png = PNG.sync.read(await readFile(`${outPrefix}.png`));
    const data = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength);
    return { width: png.width, height: png.height, data };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The text of the first QR code found on page 1, or null when none decodes. jsQR's locator misses
 * some module-size/resolution pairs (seen at exactly 150 dpi), so like a phone camera taking several
 * frames it tries a few resolutions before giving up.
 */
export async function decodeQrFromPdf(bytes: Uint8Array): Promise<string | null> {
  for (const dpi of [150, 200, 120, 300]) {
    const image = await rasterizePdfPage(bytes, { dpi });
    const decoded = jsQR(image.data, image.width, image.height)?.data;
    if (decoded) return decoded;
  }
  return null;
}
