// Assisted service at the counter (issue 18 item 3): a citizen who forgot her card shows the identity
// QR in her e-ID wallet; the counter clerk scans it, sees her (ID number masked) at her e-ID level and
// files a migration permit for her with the property certificate she brought; she then finds the case
// online, marked "assisted at counter by" the clerk.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { generateRegistry } from '@/db/registry-generator';
import { expectNoSeriousA11yViolations } from './support/axe';
import { E2E_BASE_URL } from './support/paths';
import { signInCitizen, signInStaff } from './support/people';
import { stepUpFromWallet } from './support/questionnaire-answers';
import { pdf } from './support/documents';
import { scanWalletQr } from './support/wallet-qr';

// Resident 128 of the e2e seed (260 residents): an adult with a car, a licence and two moves (records
// enough for the questionnaire) whom no other journey signs in (the café spec has 李静's father, the
// event gate 陈秀兰), so her per-person code limits and her e-ID are this spec's alone.
const REGISTRY = generateRegistry(260);
const CITIZEN = (() => {
  const row = REGISTRY.residentRows[128];
  if (!row?.phone || row.status !== 'active' || row.name !== '梁兰') throw new Error('resident 128 of the seed is no longer 梁兰, active with a phone');
  return { name: row.name, idNumber: row.idNumber, phone: row.phone };
})();
// The destination district decides a migration permit: 汉阳区, whose clerk (clerk05) no other spec signs in as.
const DISTRICT = '420105';
const CLERK = 'clerk05';

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ baseURL: E2E_BASE_URL })).newPage();
}

test('[COUNTER] a counter clerk scans a citizen’s wallet QR and files a migration permit for her; she sees it online, “assisted at counter by” the clerk', async ({ browser }) => {
  test.setTimeout(240_000);
  // ── The citizen holds an e-ID (L2) and opens the identity QR in her wallet.
  const citizen = await newPage(browser);
  await signInCitizen(citizen, CITIZEN);
  await stepUpFromWallet(citizen, CITIZEN.idNumber, REGISTRY);
  const code = await scanWalletQr(citizen);

  // ── The counter clerk (signed in with the second factor) opens assisted service from the counter page.
  const clerk = await newPage(browser);
  await signInStaff(clerk, CLERK);
  await clerk.goto('/staff/counter');
  await clerk.getByRole('link', { name: '为未带证件的市民代办业务' }).click();
  await expect(clerk.getByRole('heading', { level: 1, name: '窗口代办：为市民办理业务' })).toBeVisible();
  await clerk.getByLabel('扫描结果').fill(code);
  await clerk.getByRole('button', { name: '核验身份' }).click();

  // She is shown at her e-ID's level, the ID number masked.
  const person = clerk.getByTestId('counter-citizen');
  await expect(person).toContainText(CITIZEN.name);
  await expect(person).toContainText('L2');
  await expect(person).toContainText(`${CITIZEN.idNumber.slice(0, 3)}***********${CITIZEN.idNumber.slice(14)}`);
  await expect(person).not.toContainText(CITIZEN.idNumber);

  await clerk.getByLabel('办理事项').selectOption('migration-permit');
  await expectNoSeriousA11yViolations(clerk, 'assisted service form');
  await clerk.getByLabel('迁入区', { exact: true }).selectOption(DISTRICT);
  await clerk.getByLabel('迁入地址').fill('武汉市汉阳区龙阳大道 66 号 5 栋 302 室');
  // A choice is made, never defaulted: the reason starts at “请选择…”, as in the citizen's wizard.
  await expect(clerk.getByLabel('迁移原因')).toHaveValue('');
  await clerk.getByLabel('迁移原因').selectOption({ label: '购房落户' });
  await clerk.getByLabel('不动产权证号').fill('鄂(2026)武汉市不动产权第0088001号');
  await clerk.getByLabel('不动产权证书').setInputFiles({ name: '产权证.pdf', mimeType: 'application/pdf', buffer: await pdf('Property certificate') });
  await clerk.getByRole('radio', { name: '窗口领取' }).check();
  await clerk.getByLabel('联系电话').fill(CITIZEN.phone);
  await clerk.getByRole('button', { name: '代为提交' }).click();
  const filed = clerk.getByTestId('counter-filed');
  await expect(filed).toContainText(/已提交，申请编号 WH\d{14}/);
  const reference = /WH\d{14}/.exec((await filed.textContent()) ?? '')![0];
  // The clerk who decides it sees on the case that it was filed at the counter.
  await clerk.goto(`/staff/queue?q=${reference}`);
  await clerk.getByTestId('queue-table').locator('tbody a[href^="/staff/cases/"]').first().click();
  await expect(clerk.getByTestId('case-assisted-by')).toContainText('在窗口代办');

  // ── Online, the citizen finds the case in her list and on its page, assisted at the counter by the clerk.
  await citizen.goto('/me');
  const item = citizen.locator('li.app-item', { hasText: reference });
  await expect(item).toContainText('准迁证明');
  await expect(item.getByTestId('assisted-by')).toContainText('在窗口代办');
  await item.getByRole('link').first().click();
  await citizen.waitForURL(/\/me\/applications\/[0-9a-f-]+$/);
  await expect(citizen.getByTestId('assisted-by')).toContainText(/由 .+ 在窗口代办/);
  await citizen.getByRole('button', { name: 'Switch to English' }).click();
  await expect(citizen.getByTestId('assisted-by')).toContainText(/Assisted at counter by .+/);
  // She can continue online: the case is hers to follow, or to withdraw.
  await expect(citizen.getByTestId('application-status')).toBeVisible();
  await expect(citizen.getByRole('button', { name: /Withdraw/ })).toBeVisible();
});
