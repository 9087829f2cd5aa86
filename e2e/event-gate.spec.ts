// Real-name tickets at the event gate (issue 18 item 2): the admin creates an event and uploads its
// ticket list; a spectator shows the wallet QR at the gate terminal, which learns "ticket holder, seat"
// and never the ID number.
import { expect, test } from '@playwright/test';
import { generateRegistry } from '@/db/registry-generator';
import { demoTerminalKeys } from '@/lib/terminals/api-keys';
import { E2E_BASE_URL, E2E_NEXTAUTH_SECRET } from './support/paths';
import { signInCitizen, signInStaff } from './support/people';
import { stepUpFromWallet } from './support/questionnaire-answers';
import { scanWalletQr } from './support/wallet-qr';

const keys = demoTerminalKeys(E2E_NEXTAUTH_SECRET);
// 李静's mother: a resident no other journey signs in, so the per-person code limits stay untouched.
const SPECTATOR = (() => {
  const row = generateRegistry(2).residentRows.find((r) => r.name === '陈秀兰');
  if (!row?.phone) throw new Error('the registry no longer has 陈秀兰 with a phone');
  return { name: row.name, idNumber: row.idNumber, phone: row.phone };
})();
const beijing = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);

test('[EVENT] the admin creates an event and uploads its real-name ticket list; at the gate the spectator’s wallet QR shows “ticket holder, seat” and no ID number', async ({ browser }) => {
  test.setTimeout(240_000);
  const admin = await (await browser.newContext({ baseURL: E2E_BASE_URL })).newPage();
  await signInStaff(admin, 'admin');
  await admin.getByRole('link', { name: '实名票务' }).first().click();
  await expect(admin.getByRole('heading', { level: 1, name: '实名票务活动' })).toBeVisible();

  // Gates open 6 hours before the start: the match starts in two hours.
  await admin.getByLabel('活动名称').fill('武汉三镇 对 上海申花');
  await admin.getByLabel('场馆').fill('武汉体育中心');
  await admin.getByLabel('开始时间（北京时间）').fill(beijing(Date.now() + 2 * 3_600_000));
  await admin.getByLabel('结束时间（北京时间）').fill(beijing(Date.now() + 5 * 3_600_000));
  await admin.getByRole('checkbox', { name: '武汉马拉松检录口（演示）' }).check();
  await admin.getByRole('button', { name: '登记活动' }).click();
  await expect(admin.getByText('已登记“武汉三镇 对 上海申花”')).toBeVisible();
  const row = admin.locator('tr[data-event-name="武汉三镇 对 上海申花"]');
  await expect(row.getByTestId('event-ticket-count')).toHaveText('尚未上传');

  // A list with a wrong line is refused whole, by line number, without echoing the line.
  const wrongCheckDigit = `${SPECTATOR.idNumber.slice(0, 17)}${SPECTATOR.idNumber.endsWith('0') ? '1' : '0'}`;
  const bad = `身份证号,票号,座位\n${SPECTATOR.idNumber},A-0108,"东区 12 排, 8 座"\n${wrongCheckDigit},A-0109,东区 12 排 9 座\n`;
  await row.getByLabel(/票务名单/).setInputFiles({ name: 'tickets.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await row.getByRole('button', { name: '上传并替换名单' }).click();
  const refused = row.getByRole('alert');
  await expect(refused).toContainText('未作任何更改');
  await expect(refused).toContainText('第 3 行');
  await expect(refused).not.toContainText(wrongCheckDigit);

  const good = `身份证号,票号,座位\n${SPECTATOR.idNumber},A-0108,"东区 12 排, 8 座"\n`;
  await row.getByLabel(/票务名单/).setInputFiles({ name: 'tickets.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await row.getByRole('button', { name: '上传并替换名单' }).click();
  await expect(row.getByText('名单已更新：1 张票')).toBeVisible();
  await admin.reload();
  await expect(admin.locator('tr[data-event-name="武汉三镇 对 上海申花"]').getByTestId('event-ticket-count')).toHaveText('1 张票');

  // The spectator proves who they are in this session and shows the wallet QR.
  const citizen = await (await browser.newContext({ baseURL: E2E_BASE_URL })).newPage();
  await signInCitizen(citizen, SPECTATOR);
  await stepUpFromWallet(citizen, SPECTATOR.idNumber);
  const code = await scanWalletQr(citizen);

  // The gate terminal: ticket holder, with the seat; the answer holds no ID number.
  const gate = await (await browser.newContext({ baseURL: E2E_BASE_URL })).newPage();
  const answers: string[] = [];
  gate.on('response', async (response) => {
    if (response.url().endsWith('/api/terminal/verify')) answers.push(await response.text());
  });
  await gate.goto('/terminal');
  await gate.getByTestId('terminal-key').fill(keys.event_gate);
  await gate.getByTestId('terminal-code').fill(code);
  await gate.getByTestId('terminal-code').press('Enter');
  const ticket = gate.getByTestId('gate-ticket');
  await expect(ticket).toHaveAttribute('data-ticket', 'holder');
  await expect(ticket).toContainText('武汉三镇 对 上海申花');
  await expect(ticket).toContainText('A-0108');
  await expect(ticket).toContainText('东区 12 排, 8 座');
  await expect.poll(() => answers.length).toBeGreaterThan(0);
  expect(answers.join('\n')).not.toMatch(/\d{17}[\dX]/);
});
