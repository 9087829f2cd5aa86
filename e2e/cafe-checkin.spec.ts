// Internet café check-in by scanning the terminal's QR (issue 18 item 1, 扫描终端机上显示的二维码，就能自动登记上网):
// the café terminal shows a seat QR, the citizen's phone opens it and confirms in the wallet, the terminal
// shows the check-in within 2 s, the café (on its terminal) and the police see it in the register.
// A replayed QR is refused here; an expired one too, crafted with the e2e server's secret (the
// integration test, lib/cafe/cafe.integration.test.ts, covers expiry to the second with an injected clock).
import { expect, test, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { generateRegistry } from '@/db/registry-generator';
import { issueCheckInToken } from '@/lib/cafe/check-in-token';
import { maskIdNumber } from '@/lib/privacy/mask';
import { demoTerminalKeys } from '@/lib/terminals/api-keys';
import { E2E_BASE_URL, E2E_NEXTAUTH_SECRET } from './support/paths';
import { signInCitizen, signInStaff } from './support/people';
import { stepUpFromWallet } from './support/questionnaire-answers';

const keys = demoTerminalKeys(E2E_NEXTAUTH_SECRET);
// 李静's father, a seeded resident with a mobile: no other journey signs him in, so the per-person code
// limits that the README's demo citizens share across the suite stay untouched (as event-gate.spec does).
const CUSTOMER = (() => {
  const row = generateRegistry(2).residentRows.find((r) => r.name === '李建国');
  if (!row?.phone) throw new Error('the registry no longer has 李建国 with a phone');
  return { name: row.name, idNumber: row.idNumber, phone: row.phone };
})();
const CAFE = '光谷网咖（演示）';

/** The QR on the café's screen, read from its pixels by a decoder we did not render with — as a phone camera would. */
async function scanCafeQr(page: Page): Promise<string> {
  const image = page.getByTestId('cafe-qr');
  await expect(image.locator('svg')).toBeVisible();
  const png = PNG.sync.read(await image.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height);
  expect(decoded, 'the QR on screen decodes').not.toBeNull();
  return decoded!.data;
}

test('[CAFE] a citizen scans the café terminal’s QR and confirms in the wallet; the terminal shows it within 2 s, the café and the police see it in the register; a used or expired QR is refused', async ({ browser }) => {
  test.setTimeout(300_000);

  // The customer signs in on the phone and reaches L2 with the questionnaire (the e-ID is issued there).
  const phone = await (await browser.newContext({ baseURL: E2E_BASE_URL })).newPage();
  await signInCitizen(phone, CUSTOMER);
  await stepUpFromWallet(phone, CUSTOMER.idNumber);

  // The café terminal shows the QR for seat A12.
  const terminal = await (await browser.newContext({ baseURL: E2E_BASE_URL })).newPage();
  await terminal.goto('/cafe-terminal');
  await terminal.getByTestId('cafe-terminal-key').fill(keys.internet_cafe);
  await terminal.getByLabel('座位号').fill('A12');
  await terminal.getByRole('button', { name: '显示登记二维码' }).click();
  const url = await scanCafeQr(terminal);
  expect(url).toMatch(new RegExp(`^${E2E_BASE_URL.replace(/[.]/g, '\\.')}/wallet/checkin\\?c=C1\\.`));
  // The key never leaves the terminal's tab: not in the QR, not in the page.
  expect(url).not.toContain(keys.internet_cafe);

  // The phone opens the QR's URL: the café, the seat, what is shared; the customer confirms.
  await phone.goto(url);
  await expect(phone.getByTestId('cafe-name')).toHaveText(CAFE);
  await expect(phone.getByTestId('cafe-seat')).toHaveText('A12');
  await expect(phone.getByText('姓名、是否年满 18 周岁（不提供身份证号码）')).toBeVisible();
  await phone.getByRole('button', { name: '确认登记上网' }).click();
  await expect(phone.getByTestId('cafe-check-in-done')).toContainText(`已登记：${CAFE} A12 号座位。`);

  // The terminal shows it within 2 s of the confirmation (it polls every second).
  await expect(terminal.getByTestId('cafe-checked-in')).toContainText(`${CUSTOMER.name} 已登记 A12 号座位`, { timeout: 2_000 });
  await expect(terminal.getByTestId('cafe-checked-in')).toContainText('已满 18 周岁');

  // The café's own register, on its terminal: the row, the ID number masked.
  const register = terminal.getByTestId('cafe-register');
  await expect(register).toContainText(CUSTOMER.name);
  await expect(register).toContainText(maskIdNumber(CUSTOMER.idNumber));
  await expect(register).not.toContainText(CUSTOMER.idNumber);

  // The same QR again (a replay): refused, clearly.
  await phone.goto(url);
  await expect(phone.getByTestId('cafe-check-in-refused')).toContainText('登记码已被使用');

  // An expired QR: signed with the server's key for this terminal and seat, but two minutes old.
  const terminalId = decodeURIComponent(new URL(url).searchParams.get('c')!).split('.')[1]!;
  const expired = issueCheckInToken(E2E_NEXTAUTH_SECRET, { terminalId, seat: 'A13' }, new Date(Date.now() - 120_000)).token;
  await phone.goto(`/wallet/checkin?c=${encodeURIComponent(expired)}`);
  await expect(phone.getByTestId('cafe-check-in-refused')).toContainText('登记码已过期');
  // A forged one (another key): not valid.
  const forged = issueCheckInToken('not-the-server-secret-0000000000', { terminalId, seat: 'A13' }, new Date()).token;
  await phone.goto(`/wallet/checkin?c=${encodeURIComponent(forged)}`);
  await expect(phone.getByTestId('cafe-check-in-refused')).toContainText('登记码无效');

  // The citizen's "who used my identity" shows the check-in.
  await phone.goto('/wallet');
  await expect(phone.getByTestId('identity-uses')).toContainText('网吧上网登记');
  await expect(phone.getByTestId('identity-uses')).toContainText(CAFE);

  // The police find it by the person's ID number (second factor at sign-in); the list masks the ID number.
  const police = await (await browser.newContext({ baseURL: E2E_BASE_URL })).newPage();
  await signInStaff(police, 'police');
  await police.waitForURL('**/staff/cafe-register');
  await police.getByLabel('查询内容').fill(CUSTOMER.idNumber);
  await police.getByRole('button', { name: '查询', exact: true }).click();
  const results = police.getByTestId('cafe-register-results');
  await expect(results).toContainText(CAFE);
  await expect(results).toContainText('A12');
  await expect(results).toContainText(CUSTOMER.name);
  await expect(results).toContainText(maskIdNumber(CUSTOMER.idNumber));
  await expect(results).not.toContainText(CUSTOMER.idNumber);

  // The terminal ends the session: time out recorded.
  await terminal.getByTestId('cafe-checked-in').getByRole('button', { name: '下机' }).click();
  await expect(terminal.getByTestId('cafe-checked-in')).toContainText('已下机');
  await expect(register.getByRole('button', { name: '下机' })).toHaveCount(0);
});
