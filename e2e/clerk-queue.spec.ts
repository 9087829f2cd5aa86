// The clerk's working day on the seeded demo data: the spouse-joining case in 武昌区 (clerk06's district)
// needs a clerk's approval and the supervisor's countersign.
import { expect, test, type Browser } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expectAccessibleInBothLanguages } from './support/axe';
import { E2E_BASE_URL } from './support/paths';
import { SECOND_CITIZEN, signInCitizen, signInStaff } from './support/people';

test.describe.configure({ mode: 'serial' });

// Every request a page makes to prefetch another behind a link (next/link sends `Next-Router-Prefetch`).
// The portal's links do not prefetch (components/link.tsx): before, one view of the queue sent about 40.
const prefetches: string[] = [];

async function newPage(browser: Browser) {
  const context = await browser.newContext({ baseURL: E2E_BASE_URL });
  context.on('request', (request) => {
    if (request.headers()['next-router-prefetch']) prefetches.push(`${request.method()} ${request.url()}`);
  });
  return context.newPage();
}

async function marriageCertificatePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Marriage certificate (synthetic)', { x: 60, y: 760, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save());
}

test('[QUEUE] a clerk filters, sorts and searches the queue, claims, reviews the document, asks for more, later approves; the supervisor countersigns', async ({ browser }) => {
  const clerk = await newPage(browser);
  await signInStaff(clerk, 'clerk06');
  await clerk.goto('/staff/queue');
  const table = clerk.getByTestId('queue-table');
  await expect(table).toBeVisible();

  // Filter: the countersigned service, cases not yet claimed.
  await clerk.getByLabel('事项').selectOption('household-transfer-spouse');
  await clerk.getByLabel('状态').selectOption('submitted');
  await clerk.getByRole('button', { name: /筛选/ }).click();
  await clerk.waitForURL(/service=household-transfer-spouse/);
  expect(clerk.url()).toContain('status=submitted');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table).toContainText('夫妻投靠落户');
  await expect(table).toContainText('王芳');

  // Sort on the server by submission time, newest first.
  const submittedHeader = clerk.getByRole('columnheader', { name: /^提交/ });
  await clerk.getByRole('button', { name: /^提交/ }).click();
  await clerk.waitForURL(/sort=submittedAt/);
  if ((await submittedHeader.getAttribute('aria-sort')) !== 'descending') {
    await clerk.getByRole('button', { name: /^提交/ }).click();
    await clerk.waitForURL(/sort=submittedAt.*dir=desc|dir=desc.*sort=submittedAt/);
  }
  await expect(submittedHeader).toHaveAttribute('aria-sort', 'descending');

  // Search by name, then by the reference number the row shows.
  await clerk.getByLabel('搜索').fill('王芳');
  await clerk.getByRole('button', { name: /筛选/ }).click();
  await clerk.waitForURL(/q=/);
  await expect(table.locator('tbody tr')).toHaveCount(1);
  const reference = (await table.locator('tbody tr a').first().textContent())!.trim();
  expect(reference).toMatch(/^WH\d{14}$/);
  await clerk.getByLabel('搜索').fill(reference);
  await clerk.getByRole('button', { name: /筛选/ }).click();
  await clerk.waitForURL(new RegExp(`q=${reference}`));
  await expect(table.locator('tbody tr')).toHaveCount(1);

  // Claim from the queue (bulk claim of the one selected case).
  await clerk.getByRole('checkbox', { name: new RegExp(reference) }).check();
  await clerk.getByRole('button', { name: /受理所选/ }).click();
  await expect(clerk.getByText(/已受理 1 件/)).toBeVisible();

  // It is now in the saved view "my cases". The portal's links are plain anchors (components/link.tsx) that
  // navigate client-side: the document the page started in is still the one after two clicks.
  await clerk.evaluate(() => Object.assign(window, { sameDocument: 'queue' }));
  await clerk.getByTestId('view-mine').click();
  await clerk.waitForURL(/assignee=mine/);
  const mine = table.locator('tbody tr').filter({ hasText: reference });
  await expect(mine).toContainText('本人');

  // Review: registry beside the form, cross-checks, the document in the viewer.
  await mine.getByRole('link', { name: reference }).click();
  await clerk.waitForURL(/\/staff\/cases\//);
  expect(await clerk.evaluate(() => (window as unknown as { sameDocument?: string }).sameDocument), 'a client-side navigation, not a page load').toBe('queue');
  const casePath = new URL(clerk.url()).pathname;
  await expect(clerk.getByTestId('registry-record')).toContainText('王芳');
  await expect(clerk.getByTestId('cross-checks').locator('[data-check="documents"]')).toHaveAttribute('data-ok', 'true');
  await expect(clerk.getByTestId('document-viewer')).toBeVisible();
  // The PDF really opens inside the viewer: a refused frame (frame-ancestors / X-Frame-Options) would
  // leave Chromium's error page in it instead of the document.
  await expect.poll(() => clerk.frames().map((f) => f.url()).find((u) => u.includes('/api/documents/') || u.startsWith('chrome-error:')), { timeout: 15_000 }).toContain('/api/documents/');
  const frame = clerk.locator('.doc-viewer-frame').first();
  await clerk.getByRole('button', { name: /放大/ }).first().click();
  await expect(frame).toHaveAttribute('data-zoom', '1.25');
  await clerk.getByRole('button', { name: /旋转/ }).first().click();
  await expect(frame).toHaveAttribute('data-rotation', '90');
  await expect(clerk.getByTestId('document-viewer')).toHaveAttribute('style', /rotate\(90deg\) scale\(1\.25\)/);

  // An internal note, then ask for more material with the checklist.
  await clerk.getByLabel(/添加备注/).fill('结婚证照片模糊，需要清晰扫描件');
  await clerk.getByRole('button', { name: /保存备注/ }).click();
  await expect(clerk.getByTestId('case-notes')).toContainText('结婚证照片模糊');
  await clerk.getByRole('checkbox', { name: /结婚证/ }).check();
  await clerk.getByLabel(/理由或需补正的材料/).fill('请上传清晰的结婚证扫描件');
  await clerk.getByRole('button', { name: /要求补正/ }).click();
  await expect(clerk.getByText(/待补正/).first()).toBeVisible();

  // The citizen adds the certificate and resubmits.
  const citizen = await newPage(browser);
  await signInCitizen(citizen, SECOND_CITIZEN);
  const applicationPath = casePath.replace('/staff/cases/', '/me/applications/');
  await citizen.goto(applicationPath);
  await expect(citizen.getByTestId('application-status')).toContainText('待补正');
  await expect(citizen.getByText(/请补充：结婚证。请上传清晰的结婚证扫描件/).first()).toBeVisible();
  // The citizen's detail page while more material is asked for (upload form shown), in both languages.
  await expectAccessibleInBothLanguages(citizen, 'application needing more material');
  await citizen.getByLabel(/^结婚证/).setInputFiles({ name: '结婚证-清晰.pdf', mimeType: 'application/pdf', buffer: await marriageCertificatePdf() });
  await citizen.getByRole('button', { name: /重新提交/ }).click();
  await expect(citizen.getByTestId('application-status')).toContainText('已提交');

  // The clerk claims it again and approves: it goes to the supervisor, not straight to a certificate.
  await clerk.reload();
  await clerk.getByRole('button', { name: /受理此案件/ }).click();
  await expect(clerk.getByRole('button', { name: '批准', exact: true })).toBeVisible();
  await clerk.getByRole('button', { name: '批准', exact: true }).click();
  await expect(clerk.getByText(/等待审批处负责人复核/)).toBeVisible();

  // The supervisor finds it among the cases awaiting a countersign and countersigns.
  const supervisor = await newPage(browser);
  await signInStaff(supervisor, 'supervisor');
  await supervisor.goto('/staff/queue?status=awaiting_countersign');
  await supervisor.getByRole('link', { name: reference }).click();
  await supervisor.getByRole('button', { name: /复核通过/ }).click();
  await expect(supervisor.getByText(/证件 ZQ\d{10}|已签发证件/).first()).toBeVisible();

  // The citizen's timeline names the office and staff number of each step.
  await citizen.reload();
  await expect(citizen.getByTestId('application-status')).toContainText('已批准');
  await expect(citizen.getByTestId('timeline')).toContainText('复核通过');
  await expect(citizen.getByTestId('timeline')).toContainText('警号 042001');

  // Three people's pages, a dozen links on each (queue rows, saved views, navigation): none prefetched.
  expect(prefetches, 'pages requested in advance behind links').toEqual([]);
});
