import { expect, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Reads the wallet's QR the way a terminal camera would: from the pixels, with a decoder we did not render with. */
export async function scanWalletQr(page: Page): Promise<string> {
  const image = page.getByTestId('identity-qr');
  await expect(image.locator('svg')).toBeVisible();
  const png = PNG.sync.read(await image.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height);
  expect(decoded, 'the QR on screen decodes').not.toBeNull();
  return decoded!.data;
}
