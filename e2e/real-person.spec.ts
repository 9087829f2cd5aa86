import { chromium, expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './support/browser';
import { fakeCameraArgs } from './support/fake-camera';
import { E2E_BASE_URL } from './support/paths';
import { GRADUATE, signInCitizen } from './support/people';

// 李明's registry photo is persona A's first photo. Persona A passing, through to L3, is part of the
// graduate's journey (household-transfer.spec.ts); here the camera shows someone else, or nothing.

test('[FACE] a camera stream of persona B is refused with a clear message on 李明’s real-person check, and nothing is raised', async () => {
  test.setTimeout(240_000);
  const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS, ...fakeCameraArgs('b')] });
  try {
    const context = await browser.newContext({ baseURL: E2E_BASE_URL, permissions: ['camera'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await signInCitizen(page, GRADUATE);
    await page.goto('/enrol/face?next=/wallet');
    await page.getByRole('button', { name: /开始实人核验/ }).click();
    await expect(page.getByTestId('face-instruction')).toBeVisible({ timeout: 60_000 });
    const refused = page.getByTestId('face-refused');
    await expect(refused).toBeVisible({ timeout: 150_000 });
    await expect(refused).toContainText('人脸与户籍登记照片不一致');
    // In the reader's language only (Chinese by default): the server's bilingual message is picked.
    await expect(refused).not.toContainText('does not match the registry photo');
    await expect(refused).toContainText('公安服务窗口');
    await expect(refused.getByRole('button', { name: /再试一次/ })).toBeVisible();
    // The session did not pass gate 2.
    await page.goto('/enrol?next=/wallet');
    await expect(page.getByTestId('session-level')).toHaveText('L1');
    await expect(page.getByTestId('start-face-check')).toBeVisible();
  } finally {
    await browser.close();
  }
});

test('[FACE] with the camera permission refused the page says so and offers the counter and skipping', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: E2E_BASE_URL, permissions: [] });
  const page = await context.newPage();
  await signInCitizen(page, GRADUATE);
  await page.goto('/enrol/face?next=/wallet');
  await page.getByRole('button', { name: /开始实人核验/ }).click();
  const error = page.getByTestId('face-error');
  await expect(error).toBeVisible({ timeout: 30_000 });
  await expect(error).toContainText(/拒绝了摄像头权限|未找到可用的摄像头/);
  await expect(error).toContainText('公安服务窗口');
  await expect(page.getByRole('link', { name: '暂不进行' })).toBeVisible();
  await context.close();
});
