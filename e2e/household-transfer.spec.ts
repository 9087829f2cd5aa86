import { expect, test, type Browser } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { decodeQrFromPdf } from '@/lib/testing/decode-pdf-qr';
import { E2E_BASE_URL, E2E_SMTP_PORT } from './support/paths';
import { GRADUATE, SECOND_CITIZEN, signInCitizen, signInStaff } from './support/people';
import { answerQuestionnaireOnPage } from './support/questionnaire-answers';
import { startSmtpServer, type SmtpSink } from './support/smtp';

test.describe.configure({ mode: 'serial' });

let smtp: SmtpSink;
const shared: { applicationUrl?: string; referenceNumber?: string; documentHref?: string } = {};

test.beforeAll(async () => {
  smtp = await startSmtpServer(E2E_SMTP_PORT);
});
test.afterAll(async () => smtp?.close());

async function diplomaPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Diploma - Wuhan University (synthetic)', { x: 60, y: 760, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save());
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({ baseURL: E2E_BASE_URL, acceptDownloads: true });
  return context.newPage();
}

test('[JOURNEY] a graduate signs in with the one-time code, passes the live face check and the questionnaire (L3), submits a household transfer with a PDF and gets the confirmation e-mail', async ({ browser }) => {
  test.setTimeout(300_000);
  // The phone's camera: a fake stream of persona A, whose first photo is 李静's registry photo.
  const context = await browser.newContext({ baseURL: E2E_BASE_URL, permissions: ['camera'] });
  const page = await context.newPage();
  await signInCitizen(page, GRADUATE);
  await page.getByRole('link', { name: /申请户口迁移/ }).click();

  // The household transfer needs L3: the service sends the citizen through the gates first.
  await expect(page).toHaveURL(/\/enrol\?next=/);
  await expect(page.getByTestId('session-level')).toHaveText('L1');
  await page.getByTestId('start-face-check').click();
  await expect(page.getByRole('heading', { name: /实人核验/ })).toBeVisible();
  await page.getByLabel(/同意将本次核验的正面照片用作交管业务/).check();
  await page.getByRole('button', { name: /开始实人核验/ }).click();
  await expect(page.getByTestId('face-instruction')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('face-passed')).toBeVisible({ timeout: 150_000 });
  await page.getByRole('link', { name: /继续/ }).click();
  await expect(page.getByText('已通过', { exact: true })).toBeVisible();
  await answerQuestionnaireOnPage(page, GRADUATE.idNumber);

  await page.waitForURL(/\/me\/apply\/household-transfer(\?draft=[^&#]+)?$/);
  await expect(page.getByRole('heading', { name: /户口迁移/ })).toBeVisible();
  await expect(page.getByTestId('registry-prefill')).toContainText(GRADUATE.name);

  // The wizard checks each step on the server: messages in place, nothing lost
  await page.getByLabel('迁入地址').fill('短');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByText(/请选择迁入区/).first()).toBeVisible();
  await expect(page.getByText(/请填写完整的迁入地址/).first()).toBeVisible();
  await expect(page.getByLabel('迁入地址')).toHaveValue('短');

  await page.getByLabel('迁入区').selectOption('420106');
  await page.getByLabel('迁入地址').fill('武汉市武昌区中南路 88 号 3 栋 1201 室');
  await page.getByLabel('迁移原因').selectOption('graduate_employment');
  await page.getByLabel('就业单位').fill('武汉光谷示范科技有限公司');
  await page.getByRole('button', { name: '下一步' }).click();

  // The diploma is required, and a renamed executable is refused by its bytes, whatever its name says
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByText(/请上传毕业证书/).first()).toBeVisible();
  await page.getByLabel(/毕业证书/).setInputFiles({ name: 'diploma.pdf', mimeType: 'application/pdf', buffer: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(64).fill(0)]) });
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByText(/只接受 PDF、JPEG 或 PNG/).first()).toBeVisible();
  // The wizard's address carries its draft key, so Back after the submit opens the application (journey-edges.spec.ts).
  await expect(page).toHaveURL(/\/me\/apply\/household-transfer(\?draft=[\w-]+)?$/);
  await page.getByLabel(/毕业证书/).setInputFiles({ name: '毕业证书.pdf', mimeType: 'application/pdf', buffer: await diplomaPdf() });
  await page.getByRole('button', { name: '下一步' }).click();

  // Delivery: pre-filled from the registry
  await expect(page.getByLabel('收件人手机')).toHaveValue(GRADUATE.phone);
  await page.getByLabel('通知邮箱').fill('graduate@example.test');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '提交申请' }).click();

  await page.waitForURL(/\/me\/applications\/[0-9a-f-]+\?submitted=1/);
  const referenceNumber = (await page.getByTestId('reference-number').textContent())!.trim();
  expect(referenceNumber).toMatch(/^WH\d{14}$/);
  await expect(page.getByTestId('application-status')).toContainText('已提交');
  await expect(page.getByTestId('timeline')).toContainText('提交申请');
  shared.referenceNumber = referenceNumber;
  shared.applicationUrl = new URL(page.url()).pathname;
  shared.documentHref = (await page.getByRole('link', { name: '毕业证书.pdf' }).getAttribute('href'))!;

  const mail = await smtp.waitForMessage((m) => m.subject?.includes(referenceNumber) ?? false, 30_000);
  expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('graduate@example.test');
  expect(mail.text).toContain(referenceNumber);

  // The consent given at the face check is in the wallet, and can be withdrawn there.
  await page.goto('/wallet');
  await expect(page.getByTestId('eid-card')).toContainText('L3');
  const consent = page.getByTestId('photo-consent');
  await expect(consent).toContainText('已同意');
  await consent.getByRole('button', { name: /撤回/ }).click();
  await expect(consent).toContainText('未授权');
  await context.close();
});

test('[ACCESS] another citizen gets not-found for the application page and its document', async ({ page }) => {
  await signInCitizen(page, SECOND_CITIZEN);
  const response = await page.goto(shared.applicationUrl!);
  expect(response?.status()).toBe(404);
  const documentResponse = await page.request.get(shared.documentHref!);
  expect(documentResponse.status()).toBe(404);
  const signedOut = await page.context().browser()!.newContext({ baseURL: E2E_BASE_URL });
  expect((await signedOut.request.get(shared.documentHref!)).status()).toBe(401);
  await signedOut.close();
});

test('[QUEUE] the district clerk finds, claims and reviews the case, asks for more material, the citizen adds it, the clerk approves and the supervisor countersigns; the supervisor tracks the mail to delivery; the citizen sees it delivered with a verifiable certificate', async ({ browser }) => {
  const clerk = await newPage(browser);
  await signInStaff(clerk, 'clerk06');
  await expect(clerk.getByTestId('queue-table')).toBeVisible();
  // Sort on the server by reference, then search for the case
  await clerk.getByRole('button', { name: /申请编号/ }).click();
  await clerk.waitForURL(/sort=referenceNumber/);
  // Search by the applicant's ID number: found, and the number never appears in the URL.
  await clerk.getByLabel('搜索').fill(GRADUATE.idNumber);
  await clerk.getByRole('button', { name: /筛选/ }).click();
  await clerk.waitForURL(/idSearch=1/);
  expect(clerk.url()).not.toContain(GRADUATE.idNumber);
  await expect(clerk.getByTestId('id-search')).toContainText(GRADUATE.idNumber.slice(-4));
  await expect(clerk.getByTestId('queue-table').locator('tbody tr')).toHaveCount(1);
  await expect(clerk.getByTestId('queue-table')).toContainText(shared.referenceNumber!);

  await clerk.getByLabel('搜索').fill(shared.referenceNumber!);
  await clerk.getByRole('button', { name: /筛选/ }).click();
  await clerk.waitForURL(new RegExp(`q=${shared.referenceNumber}`));
  await expect(clerk.getByTestId('queue-table').locator('tbody tr')).toHaveCount(1);
  await clerk.getByRole('link', { name: shared.referenceNumber! }).click();

  await expect(clerk.getByTestId('registry-record')).toContainText(GRADUATE.name);
  // The ID number shows masked; "show" reveals it (and the look is audited: app/case-pii.integration.test.ts).
  await expect(clerk.getByTestId('pii-idNumber')).toHaveText(`${GRADUATE.idNumber.slice(0, 3)}${'*'.repeat(11)}${GRADUATE.idNumber.slice(-4)}`);
  await expect(clerk.getByTestId('registry-record')).not.toContainText(GRADUATE.idNumber);
  await clerk.getByRole('button', { name: /显示完整公民身份号码/ }).click();
  await expect(clerk.getByTestId('pii-idNumber')).toHaveText(GRADUATE.idNumber);
  await expect(clerk.getByTestId('document-viewer')).toBeVisible();
  await clerk.getByRole('button', { name: /受理此案件/ }).click();
  // Ask for the labour contract first; the citizen adds it and resubmits
  await clerk.getByLabel(/理由或需补正的材料/).fill('请补充劳动合同扫描件');
  await clerk.getByRole('button', { name: /要求补正/ }).click();
  await expect(clerk.getByText(/待补正/).first()).toBeVisible();

  const citizen = await newPage(browser);
  await signInCitizen(citizen, GRADUATE);
  await citizen.goto(shared.applicationUrl!);
  await expect(citizen.getByTestId('application-status')).toContainText('待补正');
  await expect(citizen.getByText('请补充劳动合同扫描件').first()).toBeVisible();
  await citizen.getByLabel(/劳动合同/).setInputFiles({ name: '劳动合同.pdf', mimeType: 'application/pdf', buffer: await diplomaPdf() });
  await citizen.getByRole('button', { name: /重新提交/ }).click();
  await expect(citizen.getByTestId('application-status')).toContainText('已提交');
  await expect(citizen.getByRole('link', { name: '劳动合同.pdf' })).toBeVisible();

  await clerk.reload();
  await clerk.getByRole('button', { name: /受理此案件/ }).click();
  await expect(clerk.getByRole('button', { name: '批准', exact: true })).toBeVisible();
  await clerk.getByRole('button', { name: '批准', exact: true }).click();
  // Settlement is countersigned: the clerk's approval waits for the supervisor, no certificate yet.
  await expect(clerk.getByText(/等待审批处负责人复核/)).toBeVisible();

  const supervisor = await newPage(browser);
  await signInStaff(supervisor, 'supervisor');
  await supervisor.goto('/staff/queue?status=awaiting_countersign');
  await supervisor.getByRole('link', { name: shared.referenceNumber! }).click();
  await supervisor.getByRole('button', { name: /复核通过/ }).click();
  await expect(supervisor.getByText(/证件 ZQ\d{10}/).first()).toBeVisible();

  const decisionMail = await smtp.waitForMessage((m) => (m.subject?.includes(shared.referenceNumber!) ?? false) && (m.text ?? '').includes('已批准'), 30_000);
  // Written in the citizen's language: Chinese, the portal's default.
  expect(decisionMail.subject).toContain('已批准');

  await supervisor.goto('/staff/deliveries?status=queued');
  const row = supervisor.locator(`tr[data-reference="${shared.referenceNumber}"]`);
  // Each step is a server action: wait until the page has taken it (the step's button is gone) before
  // going to the next list, or the navigation can cut the action short.
  const step = async (name: RegExp) => {
    await row.getByRole('button', { name }).click();
    await expect(row.getByRole('button', { name })).toHaveCount(0);
  };
  await step(/标记已打印/);
  await supervisor.goto('/staff/deliveries?status=printed');
  await row.getByPlaceholder(/运单号/).fill('EM123456789CN');
  await step(/交寄快递/);
  await supervisor.goto('/staff/deliveries?status=handed_to_courier');
  await expect(row.getByTestId('dispatch-status')).toContainText('已交寄');
  await step(/标记已签收/);
  await supervisor.goto('/staff/deliveries?status=delivered');
  await expect(row.getByTestId('dispatch-status')).toContainText('已签收');

  await citizen.goto(shared.applicationUrl!);
  await expect(citizen.getByTestId('application-status')).toContainText('已批准');
  await expect(citizen.getByTestId('dispatch-status')).toContainText('已签收');
  await expect(citizen.getByTestId('tracking-number')).toHaveText('EM123456789CN');
  await expect(citizen.getByTestId('timeline')).toContainText('警号');

  const [download] = await Promise.all([citizen.waitForEvent('download'), citizen.getByRole('link', { name: /下载 PDF/ }).click()]);
  const pdf = new Uint8Array(await (await import('node:fs/promises')).readFile((await download.path())!));
  const url = await decodeQrFromPdf(pdf);
  expect(url).toMatch(new RegExp(`^${E2E_BASE_URL}/verify/[A-Za-z0-9_-]+$`));
  await citizen.goto(url!);
  await expect(citizen.getByTestId('verdict')).toContainText('有效');
  await expect(citizen.getByTestId('holder')).toHaveText(`${GRADUATE.name.slice(0, 1)}*`);
});
