import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { signWebhookBody } from '@/lib/delivery/couriers/courier-adapter';
import { decodeQrFromPdf } from '@/lib/testing/decode-pdf-qr';
import { expectAccessibleInBothLanguages } from './support/axe';
import { E2E_BASE_URL, E2E_COURIER_WEBHOOK_SECRET } from './support/paths';
import { SECOND_CITIZEN, signInCitizen, signInStaff } from './support/people';

test.describe.configure({ mode: 'serial' });

type Parcel = { reference: string; serial: string; applicationId?: string; tracking?: string };
const shared: { parcels: Parcel[] } = { parcels: [] };
const STATUSES = ['queued', 'printed', 'handed_to_courier', 'in_transit', 'delivered', 'returned', 'held_for_pickup', 'collected', 'resent'] as const;

async function newPage(browser: Browser) {
  const context = await browser.newContext({ baseURL: E2E_BASE_URL, acceptDownloads: true });
  return context.newPage();
}

function pdfPageText(bytes: Uint8Array, page?: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-pdf-'));
  try {
    writeFileSync(path.join(dir, 'f.pdf'), bytes);
    const range = page ? ['-f', String(page), '-l', String(page)] : [];
    return execFileSync('pdftotext', [...range, '-layout', path.join(dir, 'f.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function dashboardCounts(page: Page): Promise<Record<(typeof STATUSES)[number], number>> {
  await page.goto('/staff/deliveries');
  const entries = await Promise.all(STATUSES.map(async (s) => [s, Number(await page.getByTestId(`count-${s}`).textContent())] as const));
  return Object.fromEntries(entries) as Record<(typeof STATUSES)[number], number>;
}

async function postTracking(page: Page, events: object[], secret = E2E_COURIER_WEBHOOK_SECRET) {
  const body = JSON.stringify({ events });
  return page.request.post(`${E2E_BASE_URL}/api/couriers/EMS/webhook`, {
    data: body,
    headers: { 'content-type': 'application/json', 'x-courier-signature': signWebhookBody(body, secret) },
  });
}

async function handOver(page: Page, reference: string, tracking: string) {
  await page.goto('/staff/deliveries?status=printed');
  const row = page.locator(`tr[data-reference="${reference}"]`);
  await row.getByPlaceholder(/运单号/).fill(tracking);
  await row.getByRole('button', { name: /交寄快递/ }).click();
  // The action re-renders the list: the parcel leaves the printed ones.
  await expect(row).toHaveCount(0);
}

test('[MAIL] three approved cases go out as one printed batch, the courier’s webhooks deliver them, one comes back and is sent again, and the dashboard’s counts match', async ({ browser }) => {
  const supervisor = await newPage(browser);
  await signInStaff(supervisor, 'supervisor');
  const before = await dashboardCounts(supervisor);

  // Batch printing: three certificates ready for printing, one PDF.
  const ready = supervisor.getByTestId('print-batch').locator('li');
  expect(await ready.count()).toBeGreaterThanOrEqual(3);
  for (let i = 0; i < 3; i++) {
    const text = (await ready.nth(i).textContent()) ?? '';
    shared.parcels.push({ serial: /ZQ\d{10}/.exec(text)![0], reference: /WH\d{14}/.exec(text)![0] });
    await ready.nth(i).getByRole('checkbox').check();
  }
  await supervisor.getByRole('button', { name: /打印所选/ }).click();
  const link = supervisor.getByTestId('batch-pdf-link');
  await expect(link).toBeVisible();
  const response = await supervisor.request.get(E2E_BASE_URL + (await link.getAttribute('href'))!);
  expect(response.status()).toBe(200);
  const batchPdf = new Uint8Array(await response.body());
  expect((await PDFDocument.load(batchPdf)).getPageCount()).toBe(5); // 3 certificates, labels, packing list
  const sorted = [...shared.parcels].sort((a, b) => a.serial.localeCompare(b.serial));
  for (const [i, parcel] of sorted.entries()) expect(pdfPageText(batchPdf, i + 1)).toContain(parcel.serial);
  const packingList = pdfPageText(batchPdf, 5);
  expect(packingList).toContain('装箱清单');
  for (const parcel of shared.parcels) expect(packingList).toContain(parcel.reference);
  expect(pdfPageText(batchPdf, 4)).toContain('收件人');

  // Hand-over with tracking numbers.
  for (const [i, parcel] of shared.parcels.entries()) {
    parcel.tracking = `EM70000000${i}CN`;
    await handOver(supervisor, parcel.reference, parcel.tracking);
  }

  // The courier's webhooks: a forged one is refused; delivered arrives before in-transit for the first parcel.
  const t = Date.now();
  const at = (s: number) => new Date(t + s * 1000).toISOString();
  const [a, b, c] = shared.parcels as [Parcel, Parcel, Parcel];
  const forged = await postTracking(supervisor, [{ eventId: 'e2e-x', trackingNumber: a.tracking, status: 'delivered', occurredAt: at(1) }], 'not-the-courier-secret');
  expect(forged.status()).toBe(401);
  const events = [
    { eventId: 'e2e-a2', trackingNumber: a.tracking, status: 'delivered', occurredAt: at(20), signedBy: '王芳' },
    { eventId: 'e2e-b1', trackingNumber: b.tracking, status: 'in_transit', occurredAt: at(5) },
    { eventId: 'e2e-c1', trackingNumber: c.tracking, status: 'in_transit', occurredAt: at(5) },
  ];
  const first = await postTracking(supervisor, events);
  expect(first.status()).toBe(200);
  const late = await postTracking(supervisor, [
    { eventId: 'e2e-a1', trackingNumber: a.tracking, status: 'in_transit', occurredAt: at(5) },
    { eventId: 'e2e-b2', trackingNumber: b.tracking, status: 'delivered', occurredAt: at(30), signedBy: '门卫代收' },
    { eventId: 'e2e-c2', trackingNumber: c.tracking, status: 'returned', occurredAt: at(40), reason: '地址错误 / Wrong address' },
  ]);
  expect((await late.json()).results).toEqual([
    { eventId: 'e2e-a1', outcome: 'stale' },
    { eventId: 'e2e-b2', outcome: 'applied' },
    { eventId: 'e2e-c2', outcome: 'applied' },
  ]);
  // Redelivered: nothing moves twice.
  expect((await (await postTracking(supervisor, events)).json()).results.map((r: { outcome: string }) => r.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate']);

  // The returned one is on the worklist and is sent again as a new dispatch, printed and delivered.
  await supervisor.goto('/staff/deliveries');
  await expect(supervisor.getByTestId('worklist-returned')).toContainText(c.reference);
  await supervisor.goto('/staff/deliveries?status=returned');
  await supervisor.locator(`tr[data-reference="${c.reference}"]`).getByRole('button', { name: /重新寄送/ }).click();
  await expect(supervisor.locator(`tr[data-reference="${c.reference}"]`)).toHaveCount(0);
  await supervisor.goto('/staff/deliveries');
  const again = supervisor.getByTestId('print-batch').locator('li', { hasText: c.reference });
  await again.getByRole('checkbox').check();
  await supervisor.getByRole('button', { name: /打印所选/ }).click();
  await expect(supervisor.getByTestId('batch-pdf-link')).toBeVisible();
  c.tracking = 'EM700000009CN';
  await handOver(supervisor, c.reference, c.tracking);
  expect((await (await postTracking(supervisor, [{ eventId: 'e2e-c3', trackingNumber: c.tracking, status: 'delivered', occurredAt: at(90), signedBy: '王芳' }])).json()).results).toEqual([
    { eventId: 'e2e-c3', outcome: 'applied' },
  ]);

  // The dashboard: three more delivered, three fewer waiting, one re-sent, and each count is its list.
  const after = await dashboardCounts(supervisor);
  expect(after).toEqual({ ...before, queued: before.queued - 3, delivered: before.delivered + 3, resent: before.resent + 1 });
  for (const status of ['delivered', 'queued', 'resent'] as const) {
    await supervisor.goto(`/staff/deliveries?status=${status}`);
    await expect(supervisor.getByTestId('dispatch-total')).toHaveText(String(after[status]));
  }
  await supervisor.goto('/staff/deliveries?status=delivered');
  for (const parcel of shared.parcels) {
    const row = supervisor.locator(`tr[data-reference="${parcel.reference}"]`);
    await expect(row.getByTestId('dispatch-status')).toContainText('已签收');
    parcel.applicationId = (await row.getByRole('link', { name: parcel.reference }).getAttribute('href'))!.split('/').pop();
  }
  const csv = await supervisor.request.get(`${E2E_BASE_URL}/api/deliveries/export?status=delivered`);
  expect(csv.status()).toBe(200);
  const csvText = await csv.text();
  for (const parcel of shared.parcels) expect(csvText).toContain(parcel.reference);
  expect(csvText.trim().split('\r\n')).toHaveLength(after.delivered + 1);

  // The citizen sees the same timeline: returned, sent again, delivered, with the new tracking number.
  const citizen = await newPage(browser);
  await signInCitizen(citizen, SECOND_CITIZEN);
  await citizen.goto(`/me/applications/${c.applicationId}`);
  await expect(citizen.getByTestId('dispatch-status')).toContainText('已签收');
  await expect(citizen.getByTestId('tracking-number')).toHaveText(c.tracking);
  const timeline = citizen.getByTestId('delivery-timeline');
  for (const step of ['待打印', '已交寄', '运输中', '已退回', '已重新寄送', '已签收']) await expect(timeline).toContainText(step);
  await expect(timeline).toContainText('地址错误');
  // The citizen's detail page of a delivered case (certificate, tracking, both timelines), in both languages.
  await expectAccessibleInBothLanguages(citizen, 'delivered application');
});

test('[VERIFY] the certificate PDF carries the holder’s Chinese name and serial, its QR opens the verification page that says valid, and revoked once the supervisor revokes it', async ({ browser }) => {
  const parcel = shared.parcels[0]!;
  const citizen = await newPage(browser);
  await signInCitizen(citizen, SECOND_CITIZEN);
  await citizen.goto(`/me/applications/${parcel.applicationId}`);
  const [download] = await Promise.all([citizen.waitForEvent('download'), citizen.getByRole('link', { name: /下载 PDF/ }).click()]);
  const pdf = new Uint8Array(await (await import('node:fs/promises')).readFile((await download.path())!));
  const text = pdfPageText(pdf);
  expect(text).toContain(SECOND_CITIZEN.name);
  expect(text).toContain(parcel.serial);
  // Read by jsQR from poppler's rendering, not by the qrcode library that drew it.
  const url = await decodeQrFromPdf(pdf);
  expect(url).toMatch(new RegExp(`^${E2E_BASE_URL}/verify/[A-Za-z0-9_-]+$`));
  const visitor = await newPage(browser);
  await visitor.goto(url!);
  await expect(visitor.getByTestId('verdict')).toContainText('有效');
  await expect(visitor.getByTestId('holder')).toHaveText(`${SECOND_CITIZEN.name.slice(0, 1)}*`);

  const supervisor = await newPage(browser);
  await signInStaff(supervisor, 'supervisor');
  await supervisor.goto(`/staff/cases/${parcel.applicationId}`);
  const copies = supervisor.getByTestId('certificate-copies');
  await expect(copies).toContainText(parcel.serial);
  await copies.getByText('撤销', { exact: true }).click();
  await copies.getByLabel(/撤销原因/).selectOption('issued_in_error');
  await copies.getByRole('button', { name: /撤销证件/ }).click();
  await expect(copies).toContainText('已撤销');

  await visitor.goto(url!);
  await expect(visitor.getByTestId('verdict')).toContainText('已撤销');
});
