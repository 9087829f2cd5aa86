import { expect, test } from '@playwright/test';
import { generateRegistry } from '@/db/registry-generator';
import { readLatestSmsCode } from './support/outbox';
import { deviceAddressOf } from './support/people';

// A resident of the seed no other spec signs in with, so this spec's codes count against nobody else's limits.
const PERSON = (() => {
  const rows = generateRegistry(260).residentRows;
  const resident = rows.slice(230).find((r) => r.status === 'active' && r.phone);
  if (!resident?.phone) throw new Error('no active resident with a phone after 230 in the seed');
  return { name: resident.name, idNumber: resident.idNumber, phone: resident.phone };
})();

test('[SIGN-IN] reload during sign-in keeps the code step; a new code is asked for apart from the code field, and the newest code signs in', async ({ page }) => {
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': deviceAddressOf(PERSON.idNumber) });
  await page.goto('/sign-in');
  await page.getByLabel('姓名').fill(PERSON.name);
  await page.getByLabel('公民身份号码').fill(PERSON.idNumber);
  await page.getByLabel('手机号码').fill(PERSON.phone);
  const firstSince = Date.now() - 1000;
  await page.getByRole('button', { name: /获取验证码/ }).click();
  await expect(page.getByText(/验证码已发送至/)).toBeVisible();
  const firstCode = await readLatestSmsCode(PERSON.phone, firstSince);

  // The person reloads (or the phone's browser does, switching to the SMS app): the code step is still there.
  await page.reload();
  const codeField = page.getByRole('textbox', { name: /^验证码/ });
  await expect(codeField).toBeVisible();
  await expect(page.getByText(/验证码已发送至 1\d{2}\*{4}\d{4}/)).toBeVisible();
  await expect(page.getByLabel('姓名')).toHaveCount(0);

  // "Send a new code" is not in the code's form: Enter in the code field can only sign in.
  const codeForm = page.locator('form').filter({ has: codeField });
  await expect(codeForm.getByRole('button', { name: /重新发送验证码/ })).toHaveCount(0);
  const secondSince = Date.now() - 1000;
  await page.getByRole('button', { name: /重新发送验证码/ }).click();
  await expect(page.getByText(/新的验证码已发送至/)).toBeVisible();
  const secondCode = await readLatestSmsCode(PERSON.phone, secondSince);

  // The first code belonged to the first request; the newest one signs in.
  if (firstCode !== secondCode) {
    await codeField.fill(firstCode);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page.locator('#code-error')).toContainText(/验证码错误/);
  }
  await codeField.fill(secondCode);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL('**/me');

  // Signed in: the sign-in page no longer offers a code step (or anything): it goes to the account.
  await page.goto('/sign-in');
  await page.waitForURL('**/me');
});
