import { expect, test } from '@playwright/test';
import { generateRegistry } from '@/db/registry-generator';
import { readLatestCodeSms, readLatestSmsCode } from './support/outbox';
import { DEMO_PASSWORD, deviceAddressOf } from './support/people';

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
  const first = await readLatestCodeSms(PERSON.phone, firstSince);
  const firstCode = first.code;

  // The person reloads (or the phone's browser does, switching to the SMS app): the code step is still there.
  await page.reload();
  const codeField = page.getByRole('textbox', { name: /^验证码/ });
  await expect(codeField).toBeVisible();
  await expect(page.getByText(/验证码已发送至 1\d{2}\*{4}\d{4}/)).toBeVisible();
  await expect(page.getByLabel('姓名')).toHaveCount(0);

  // "Send a new code" is not in the code's form: Enter in the code field can only sign in.
  const codeForm = page.locator('form').filter({ has: codeField });
  await expect(codeForm.getByRole('button', { name: /重新发送验证码/ })).toHaveCount(0);
  // Newer than the first text, whatever the margin: on a fast machine the two are sent well within a second,
  // and the first code (no longer valid) was read here for the second until the second was written.
  const secondSince = Math.max(Date.now() - 1000, first.sentAtMs + 1);
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

test('[SIGN-IN] before the page’s script has run, the sign-in buttons wait: nothing typed is sent, least of all in the address', async ({ page }) => {
  // The page as a slow phone has it before hydration: the HTML, none of the JavaScript.
  await page.route('**/_next/static/chunks/**/*.js', (route) => route.abort());
  const sent: string[] = [];
  page.on('request', (request) => sent.push(`${request.method()} ${request.url()}`));

  await page.goto('/staff/sign-in');
  await page.getByLabel('用户名').fill('clerk06');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  const signIn = page.getByRole('button', { name: '登录', exact: true });
  await expect(signIn).toBeDisabled();
  await page.getByLabel('密码').press('Enter');

  await page.goto('/sign-in');
  await page.getByLabel('姓名').fill(PERSON.name);
  await page.getByLabel('公民身份号码').fill(PERSON.idNumber);
  await page.getByLabel('手机号码').fill(PERSON.phone);
  await expect(page.getByRole('button', { name: /获取验证码/ })).toBeDisabled();
  await page.getByLabel('手机号码').press('Enter');

  // Only the two page loads went out (and their aborted scripts): no form was submitted, by GET or POST.
  const documents = sent.filter((line) => !line.includes('/_next/static/'));
  expect(documents.filter((line) => !/^GET http:\/\/[^/]+\/(staff\/)?sign-in$/.test(line) && !/\.(svg|ico|css|woff2?)(\?|$)/.test(line))).toEqual([]);
  expect(sent.join('\n')).not.toContain(DEMO_PASSWORD);
  expect(sent.join('\n')).not.toContain(PERSON.idNumber);
  expect(sent.join('\n')).not.toContain(PERSON.phone);
});
