// The edges of the citizen's journey as a person meets them (issue 14, item 5): a session that ends
// while the wizard is open sends the citizen to sign in and back to the draft (files kept), and the
// browser's Back after a submit shows the submitted application, never a blank form inviting a duplicate.
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { generateRegistry } from '@/db/registry-generator';
import { readLatestSmsCode } from './support/outbox';
import { E2E_BASE_URL } from './support/paths';
import { signInCitizen } from './support/people';
import { answerQuestionnaireOnPage, deferRealPersonCheck } from './support/questionnaire-answers';

// Residents of the e2e seed (260 residents, lib/server-start.ts) that no other journey signs in: adults
// with a car and a licence.
const REGISTRY = generateRegistry(260);
function driverAt(index: number) {
  const resident = REGISTRY.residentRows[index];
  const hasCar = REGISTRY.vehicleRows.some((v) => v.ownerResidentId === resident?.id);
  if (!resident?.phone || resident.status !== 'active' || !hasCar) throw new Error(`resident ${index} of the seed is no longer an active driver with a car`);
  return { name: resident.name, idNumber: resident.idNumber, phone: resident.phone };
}
const RETURNING = driverAt(137); // records enough for a second questionnaire the same day (checked with the generator)
const SUBMITTER = driverAt(224);
const SERVICE_PATH = '/me/apply/vehicle-licence-replacement';

function png(shade: number): Buffer {
  const image = new PNG({ width: 16, height: 16 });
  image.data.fill(shade);
  return PNG.sync.write(image);
}

/** Gate 3 when the service asks for L2 and this session has not proven it yet; then the wizard. */
async function stepUpIfAsked(page: Page, person: { idNumber: string }) {
  const deferFaceCheck = page.getByRole('button', { name: /暂不进行/ });
  const wizard = page.getByTestId('application-wizard');
  await expect(wizard.or(deferFaceCheck)).toBeVisible();
  if (await wizard.isVisible()) return;
  await deferRealPersonCheck(page);
  await answerQuestionnaireOnPage(page, person.idNumber, REGISTRY);
  await expect(wizard).toBeVisible();
}

/** Sign-in on the page the citizen was sent to (it carries where to come back to). */
async function signInHere(page: Page, person: { name: string; idNumber: string; phone: string }) {
  await page.getByLabel('姓名').fill(person.name);
  await page.getByLabel('公民身份号码').fill(person.idNumber);
  await page.getByLabel('手机号码').fill(person.phone);
  const since = Date.now() - 1000;
  await page.getByRole('button', { name: /获取验证码/ }).click();
  await expect(page.getByText(/验证码已发送至/)).toBeVisible();
  await page.getByRole('textbox', { name: /^验证码/ }).fill(await readLatestSmsCode(person.phone, since));
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

async function fillDetails(page: Page) {
  await page.getByLabel('车辆', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('补领原因', { exact: true }).selectOption({ index: 1 });
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '上传材料' })).toBeVisible();
}

test('[JOURNEY] session ended mid-wizard returns to the draft after sign-in', async ({ browser }) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ baseURL: E2E_BASE_URL });
  const page = await context.newPage();
  await signInCitizen(page, RETURNING);
  await page.goto(SERVICE_PATH);
  await stepUpIfAsked(page, RETURNING);
  await fillDetails(page);
  await page.getByLabel(/车辆照片/).setInputFiles({ name: 'car.png', mimeType: 'image/png', buffer: png(0x90) });
  await expect(page.getByTestId('kept-vehicle_photo')).toContainText('car.png');
  await expect(page.getByTestId('draft-status')).toContainText('草稿已自动保存');
  // The same draft open in a second tab.
  const other = await context.newPage();
  await other.goto(SERVICE_PATH);
  await expect(other.getByTestId('draft-resumed')).toBeVisible();
  await expect(other.getByRole('heading', { level: 2, name: '上传材料' })).toBeVisible();

  // The session ends (as after the idle timeout): the browser no longer has it.
  await context.clearCookies();
  const signInAgain = (url: URL) => url.pathname === '/sign-in' && url.searchParams.get('next') === SERVICE_PATH;
  // The upload route says so: the citizen is taken to sign in, not shown "请先登录" beside the file.
  await page.getByLabel(/车辆照片/).setInputFiles({ name: 'car-2.png', mimeType: 'image/png', buffer: png(0x40) });
  await page.waitForURL(signInAgain);
  await expect(page.getByTestId('sign-in-to-continue')).toBeVisible();
  await expect(page.getByText('请先登录 / Please sign in')).toHaveCount(0);
  // A server action says so too (Next on the documents step, in the other tab).
  await other.getByRole('button', { name: '下一步' }).click();
  await other.waitForURL(signInAgain);
  await expect(other.getByTestId('sign-in-to-continue')).toBeVisible();
  await expect(other.getByRole('alert').filter({ hasText: '请先登录' })).toHaveCount(0);

  // Signed in again, the citizen is back at the draft: the step, the values and the file kept.
  await signInHere(page, RETURNING);
  await stepUpIfAsked(page, RETURNING);
  await expect(page.getByTestId('draft-resumed')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '上传材料' })).toBeVisible();
  await expect(page.getByTestId('kept-vehicle_photo')).toContainText('car.png');
  await expect(page.getByTestId('kept-vehicle_photo')).not.toContainText('car-2.png');
  await page.getByRole('button', { name: '上一步' }).click();
  await expect(page.getByLabel('车辆', { exact: true })).not.toHaveValue('');
  await expect(page.getByLabel('补领原因', { exact: true })).not.toHaveValue('');
  // The other tab, now signed in through the first, finds its way back to the same draft.
  await other.reload();
  await other.waitForURL((url) => url.pathname === SERVICE_PATH);
  await expect(other.getByTestId('draft-resumed')).toBeVisible();
  await context.close();
});

test('[JOURNEY] Back after submit shows the application', async ({ browser }) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ baseURL: E2E_BASE_URL });
  const page = await context.newPage();
  await signInCitizen(page, SUBMITTER);
  await page.goto(SERVICE_PATH);
  await stepUpIfAsked(page, SUBMITTER);
  await fillDetails(page);
  // A photo over the limit is refused in the browser, before any of it is sent.
  let uploads = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/api\/drafts\/[^/]+\/documents$/.test(new URL(request.url()).pathname)) uploads += 1;
  });
  await page.getByLabel(/车辆照片/).setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x90) });
  await expect(page.getByTestId('document-vehicle_photo').getByRole('alert')).toContainText('huge.png：文件超过 10 MB');
  expect(uploads).toBe(0);
  await expect(page.getByTestId('draft-status')).toContainText('草稿已自动保存');
  // The site has an icon (favicon) that answers.
  const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect(icon).toBeTruthy();
  expect((await page.request.get(icon!)).status()).toBe(200);
  // Back to the list, then on with the draft from there, as a person comes back to it.
  await page.getByRole('link', { name: '取消' }).click();
  await page.waitForURL((url) => url.pathname === '/me');
  await page.getByTestId('my-drafts').getByRole('link', { name: /机动车行驶证补领/ }).click();
  await page.waitForURL((url) => url.pathname === SERVICE_PATH);
  await expect(page.getByTestId('draft-resumed')).toBeVisible();
  // The wizard's address names its draft, so it can be recognised once submitted.
  await expect(page).toHaveURL(/[?&]draft=[0-9a-f-]{36}/);
  const wizardUrl = page.url();
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '领取方式' })).toBeVisible();
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '确认提交' })).toBeVisible();
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.waitForURL(/\/me\/applications\/[0-9a-f-]+\?submitted=1/);
  const applicationPath = new URL(page.url()).pathname;
  await expect(page.getByTestId('application-status')).toContainText('已提交');

  // Back: not the wizard again, but the list, which shows the submitted application and no draft.
  await page.goBack();
  await page.waitForURL((url) => url.pathname === '/me');
  await expect(page.getByTestId('application-wizard')).toHaveCount(0);
  await expect(page.getByTestId('my-drafts')).toHaveCount(0);
  const item = page.locator('.app-item').filter({ hasText: '机动车行驶证补领' });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('已提交');
  await expect(item.getByRole('link')).toHaveAttribute('href', applicationPath);
  // Forward is the application again.
  await page.goForward();
  await page.waitForURL((url) => url.pathname === applicationPath);
  // The wizard's own address (from the history, another tab or a bookmark) now shows the application.
  await page.goto(wizardUrl);
  await page.waitForURL((url) => url.pathname === applicationPath);
  await expect(page.getByTestId('application-status')).toContainText('已提交');
  await context.close();
});
