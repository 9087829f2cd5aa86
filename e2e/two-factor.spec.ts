// Staff two-factor sign-in as people meet it: an admin resets a clerk who lost their phone; the clerk,
// signed in with the password only, can do nothing but enrol (QR, manual key, first code, recovery
// codes shown once); then signs in with the two steps — the app's code, or a recovery code once.
import { expect, test, type Page } from '@playwright/test';
import { totpCodeForStep, totpStepAt } from '@/lib/auth/totp';
import { E2E_BASE_URL } from './support/paths';
import { enterStaffCode, enterStaffPassword, signInStaff } from './support/people';

// Not signed in with by any other spec: this one changes their second factor.
const CLERK = 'clerk15';

// Codes from the clerk's new secret, each step used once (the server refuses a step already used).
let lastStep = -1;
async function nextCode(secret: string): Promise<string> {
  for (;;) {
    const current = totpStepAt(new Date());
    const step = Math.max(current, lastStep + 1);
    if (step <= current + 1) {
      lastStep = step;
      return totpCodeForStep(secret, step);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

test('[2FA] an admin resets a clerk’s two-factor; the clerk must enrol before anything else, then signs in with the two steps', async ({ browser }) => {
  // The admin (two steps, through the shared helper) resets the clerk.
  const adminContext = await browser.newContext({ baseURL: E2E_BASE_URL });
  const admin = await adminContext.newPage();
  await signInStaff(admin, 'admin');
  await admin.getByRole('link', { name: '人员', exact: true }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('人员与两步验证');
  const row = admin.locator(`tr[data-username="${CLERK}"]`);
  await expect(row).toContainText('已开通');
  admin.once('dialog', (dialog) => dialog.accept());
  // Each row's button is named after its person, for screen readers going down the column.
  await row.getByRole('button', { name: /重置.*042\d+.*两步验证/ }).click();
  await expect(row.getByRole('status')).toContainText('已重置');
  await expect(row).toContainText('未开通');
  await admin.reload();
  await expect(admin.locator(`tr[data-username="${CLERK}"]`)).toContainText('未开通');
  // No reset button on the admin's own row.
  await expect(admin.locator('tr[data-username="admin"]').getByRole('button')).toHaveCount(0);
  await adminContext.close();

  // The clerk: the password alone leads to enrolment, and nothing else opens.
  const context = await browser.newContext({ baseURL: E2E_BASE_URL });
  const page = await context.newPage();
  await page.goto('/staff/sign-in');
  await enterStaffPassword(page, CLERK);
  await page.waitForURL('**/staff/two-factor');
  await expect(page.getByTestId('totp-required')).toBeVisible();
  await page.goto('/staff/queue');
  await page.waitForURL('**/staff/two-factor');
  await expect(page.getByRole('navigation', { name: /主导航|Main/ })).not.toContainText('审批队列');
  // A direct request for a staff download is refused too, not only the pages.
  expect((await page.request.get('/api/deliveries/export', { maxRedirects: 0 })).status()).toBeGreaterThanOrEqual(300);

  await page.getByRole('button', { name: '生成二维码' }).click();
  await expect(page.getByTestId('totp-qr')).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  await page.getByLabel('验证器显示的 6 位数字').fill(await nextCode(secret));
  await page.getByRole('button', { name: '开通' }).click();
  await expect(page.getByRole('status').filter({ hasText: '两步验证已开通' })).toBeVisible();
  const codes = (await page.getByTestId('recovery-codes').locator('code').allTextContents()).map((c) => c.trim());
  expect(codes).toHaveLength(10);
  // The session that enrolled has now passed the second factor.
  await page.getByRole('link', { name: '进入工作台' }).click();
  await page.waitForURL('**/staff/queue');
  await expect(page.getByTestId('queue-table')).toBeVisible();
  await signOut(page);

  // Next time: the password, then the code from the app.
  await page.goto('/staff/sign-in');
  await enterStaffPassword(page, CLERK);
  await enterStaffCode(page, await nextCode(secret));
  await page.waitForURL('**/staff/queue');
  await signOut(page);

  // A recovery code works once.
  await page.goto('/staff/sign-in');
  await enterStaffPassword(page, CLERK);
  await enterStaffCode(page, codes[0]!);
  await page.waitForURL('**/staff/queue');
  await signOut(page);
  await page.goto('/staff/sign-in');
  await enterStaffPassword(page, CLERK);
  await enterStaffCode(page, codes[0]!);
  await expect(page.locator('#sign-in-error')).toContainText('动态验证码或恢复码错误');
  await context.close();
});
