import { expect, test, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { demoTerminalKeys } from '@/lib/terminals/api-keys';
import { E2E_NEXTAUTH_SECRET } from './support/paths';
import { GRADUATE, SECOND_CITIZEN, signInCitizen } from './support/people';
import { answerQuestionnaireOnPage } from './support/questionnaire-answers';
import { scanWalletQr } from './support/wallet-qr';

test.describe.configure({ mode: 'serial' });

const keys = demoTerminalKeys(E2E_NEXTAUTH_SECRET);

async function verifyAt(page: Page, key: string, code: string) {
  const response = await page.request.post('/api/terminal/verify', { headers: { Authorization: `Bearer ${key}` }, data: { code } });
  expect(response.headers()['cache-control']).toContain('no-store');
  return (await response.json()) as Record<string, unknown>;
}

test('[EID] a resident who never enrolled passes gate 1 and the questionnaire, reaches L2, and shows a wallet QR that terminals check', async ({ page }) => {
  test.setTimeout(300_000);
  await signInCitizen(page, GRADUATE);
  await page.goto('/wallet');
  await expect(page.getByTestId('eid-card')).toContainText('尚未申领');
  await page.getByRole('link', { name: /立即申领/ }).click();
  await expect(page).toHaveURL(/\/enrol\?next=(%2F|\/)wallet/);
  await expect(page.getByTestId('session-level')).toHaveText('L1');

  // Gate 2 may be put off: going on records it as not passed (and the e-ID stays at L2).
  await page.getByRole('button', { name: /暂不进行/ }).click();
  await expect(page.getByText(/已记录：本次暂未进行实人核验/)).toBeVisible();

  // Gate 3: the citizen knows their own records.
  await answerQuestionnaireOnPage(page, GRADUATE.idNumber);

  // Back where the step-up began: the wallet, at L2.
  await page.waitForURL('**/wallet');
  await expect(page.getByTestId('eid-status')).toContainText('正常');
  await expect(page.getByTestId('eid-card')).toContainText('L2');
  await expect(page.getByTestId('eid-card').getByRole('img', { name: /证件照/ })).toBeVisible();
  await expect(page.getByTestId('credentials')).toContainText('居民身份证');
  await expect(page.getByTestId('credentials')).toContainText('机动车驾驶证');

  const code = await scanWalletQr(page);
  expect(code).not.toContain(GRADUATE.name);
  expect(code).not.toContain(GRADUATE.idNumber);
  expect(code).not.toMatch(/\d{17}/);
  await expect(page.getByTestId('qr-countdown')).toContainText(/\d+ 秒后自动刷新/);

  // A café learns only the name and whether the person is an adult.
  const cafe = await verifyAt(page, keys.internet_cafe, code);
  expect(cafe).toEqual({ result: 'accepted', name: GRADUATE.name, isAdult: true });
  // The same code again is a replay; one changed character is invalid.
  expect((await verifyAt(page, keys.internet_cafe, code)).result).toBe('replayed');
  const position = Math.floor(code.length / 2);
  const tampered = `${code.slice(0, position)}${code[position] === 'A' ? 'B' : 'A'}${code.slice(position + 1)}`;
  expect((await verifyAt(page, keys.service_counter, tampered)).result).toBe('invalid');
  expect((await page.request.post('/api/terminal/verify', { headers: { Authorization: 'Bearer eidt_WRONG' }, data: { code } })).status()).toBe(401);

  // A counter sees the masked ID number too, never the full one.
  await page.reload();
  const counterCode = await scanWalletQr(page);
  const counter = await verifyAt(page, keys.service_counter, counterCode);
  // …and a short-lived link to the registry photo (the demo seed gives 李静 persona A's photo from the
  // shared fixtures), never the image inside the answer: fetched with the same terminal's key only.
  expect(counter).toMatchObject({ result: 'accepted', name: GRADUATE.name, idNumberMasked: expect.stringMatching(/^\d{3}\*{11}[\dX]{4}$/), photo: expect.stringMatching(/^\/api\/terminal\/photo\//) });
  expect(JSON.stringify(counter)).not.toContain(GRADUATE.idNumber);
  const photoLink = counter.photo as string;
  const photo = await page.request.get(photoLink, { headers: { Authorization: `Bearer ${keys.service_counter}` } });
  expect(photo.status()).toBe(200);
  expect(photo.headers()['content-type']).toBe('image/jpeg');
  expect((await photo.body()).subarray(0, 2).toString('hex')).toBe('ffd8');
  expect((await page.request.get(photoLink)).status()).toBe(401);
  expect((await page.request.get(photoLink, { headers: { Authorization: `Bearer ${keys.event_gate}` } })).status()).toBe(404);

  // The terminal page shows a gate operator the photo behind the link.
  await page.reload();
  const gateCode = await scanWalletQr(page);
  const terminal = await page.context().newPage();
  await terminal.goto('/terminal');
  await terminal.getByTestId('terminal-key').fill(keys.event_gate);
  await terminal.getByTestId('terminal-code').fill(gateCode);
  await terminal.getByTestId('terminal-code').press('Enter');
  await expect(terminal.getByTestId('terminal-result')).toHaveAttribute('data-result', 'accepted');
  const shown = terminal.getByTestId('holder-photo');
  await expect(shown).toBeVisible();
  await expect(shown).toHaveAttribute('src', /^blob:/);
  expect(await shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await terminal.close();

  // Two fresh codes: one kept past its minute, one for after the suspension.
  await page.reload();
  const keptCode = await scanWalletQr(page);
  const keptAt = Date.now();
  await page.reload();
  const laterCode = await scanWalletQr(page);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: /暂停电子身份证/ }).click();
  await expect(page.getByTestId('eid-status')).toContainText('已暂停');
  expect((await verifyAt(page, keys.event_gate, laterCode)).result).toBe('revoked');

  await page.waitForTimeout(Math.max(0, keptAt + 62_000 - Date.now()));
  expect((await verifyAt(page, keys.event_gate, keptCode)).result).toBe('expired');

  // Every scan is in the citizen's history.
  await page.reload();
  await expect(page.getByTestId('identity-uses')).toContainText('扫码核验');
  await expect(page.getByTestId('identity-uses')).toContainText('演示');

  // Phone found again: this session passed the questionnaire, so it may resume the e-ID.
  await page.getByRole('button', { name: /恢复电子身份证/ }).click();
  await expect(page.getByTestId('eid-status')).toContainText('正常');
});

test('[QR-SIGN-IN] a computer shows a sign-in QR and a number; the citizen scans it in the wallet, sees which browser asked, from where and when, picks the number on the screen, and the computer is signed in; a wrong number cancels', async ({ browser }) => {
  const computer = await (await browser.newContext()).newPage();
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
  await signInCitizen(phone, SECOND_CITIZEN);

  /** What the phone's camera reads off the computer's screen, and the number the computer shows. */
  async function showCode() {
    const qr = computer.getByTestId('qr-sign-in');
    await expect(qr.locator('svg')).toBeVisible();
    const png = PNG.sync.read(await qr.screenshot());
    const payload = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data;
    // No link in the code: only the wallet's scanner can use it.
    expect(payload).toMatch(/^EID-SIGN-IN:[0-9a-f-]{36}\.[A-Za-z0-9_-]+$/);
    const shown = Number(await computer.getByTestId('qr-match-number').textContent());
    expect(shown).toBeGreaterThanOrEqual(10);
    return { payload: payload!, shown };
  }
  async function scanInWallet(payload: string) {
    await phone.goto('/wallet');
    await phone.getByRole('link', { name: '扫码登录电脑' }).click();
    await phone.waitForURL('**/wallet/confirm-sign-in');
    await phone.getByLabel(/扫描结果/).fill(payload);
    await phone.getByRole('button', { name: '查看登录请求' }).click();
    const request = phone.getByTestId('qr-sign-in-request');
    // The requesting browser, its rough place (no GeoIP: this machine, here) and the time.
    await expect(request).toContainText(/Chrome on \w+/);
    await expect(request).toContainText('本机');
    await expect(request).toContainText(/\d{2}:\d{2}/);
    return phone.locator('button.match-choice');
  }

  await computer.goto('/sign-in');
  await computer.getByRole('button', { name: /显示登录二维码/ }).click();
  const first = await showCode();

  // A link someone sends (the old confirm link) confirms nothing: it says to scan with the wallet.
  const requestId = first.payload.slice('EID-SIGN-IN:'.length, 'EID-SIGN-IN:'.length + 36);
  await phone.goto(`/wallet/confirm-sign-in?request=${requestId}`);
  await expect(phone.getByText(/只能用卡包扫码确认/)).toBeVisible();
  await expect(phone.locator('button.match-choice')).toHaveCount(0);

  // A wrong number (as when the code on the phone is not the screen in front of the person) cancels it.
  const choices = await scanInWallet(first.payload);
  await expect(choices).toHaveCount(3);
  const numbers = (await choices.allTextContents()).map(Number);
  expect(numbers).toContain(first.shown);
  await choices.filter({ hasNotText: String(first.shown) }).first().click();
  await expect(phone.locator('.alert.error')).toContainText(/数字不一致，登录请求已取消/);
  await expect(computer.getByText(/本次登录已取消/)).toBeVisible({ timeout: 10_000 });

  // A new code on the computer; the right number signs it in.
  await computer.getByRole('button', { name: /刷新/ }).click();
  const second = await showCode();
  const again = await scanInWallet(second.payload);
  await again.filter({ hasText: new RegExp(`^${second.shown}$`) }).click();
  await expect(phone.getByText(/已确认/)).toBeVisible();
  await computer.waitForURL('**/me', { timeout: 20_000 });
  await expect(computer.getByRole('banner')).toContainText(SECOND_CITIZEN.name);

  // The same code cannot be used again.
  await phone.goto('/wallet/confirm-sign-in');
  await phone.getByLabel(/扫描结果/).fill(second.payload);
  await phone.getByRole('button', { name: '查看登录请求' }).click();
  await expect(phone.locator('.alert.error')).toContainText(/已过期或已使用/);
});
