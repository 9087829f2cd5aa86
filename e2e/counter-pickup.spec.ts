// Counter pickup of issue 5 on the real server and browser: a citizen chooses to collect the certificate
// at the counter, the clerk approves (no parcel is made), the citizen's page says where and what to
// bring, the counter clerk hands it over only after the identity check, and the page says "collected".
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/axe';
import { E2E_BASE_URL } from './support/paths';
import { generateRegistry } from '@/db/registry-generator';
import { signInCitizen, signInStaff } from './support/people';
import { pdf } from './support/documents';
import { answerQuestionnaireOnPage, deferRealPersonCheck } from './support/questionnaire-answers';

test.describe.configure({ mode: 'serial' });

// Resident 189 of the e2e seed (260 residents): no other spec signs in with them (the sign-in code limit
// is per person). An active adult with records enough for the e-ID questionnaire.
const REGISTRY = generateRegistry(260);
const COLLECTOR = (() => {
  const resident = REGISTRY.residentRows[189];
  if (!resident || resident.status !== 'active' || !resident.phone) throw new Error('resident 189 of the seed is no longer an active resident with a phone');
  return { name: resident.name, idNumber: resident.idNumber, phone: resident.phone };
})();
// The case goes to 洪山区 (the destination district decides a migration permit), so clerk11 decides it and
// its counter hands the certificate over; no other spec signs in as clerk11.
const DISTRICT = '420111';
const CLERK = 'clerk11';

async function newPage(browser: import('@playwright/test').Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: E2E_BASE_URL });
  return context.newPage();
}

test('[PICKUP] a citizen chooses counter pickup, the clerk approves, the counter clerk hands it over after the identity check, and the citizen’s page says collected', async ({ browser }) => {
  test.setTimeout(240_000);
  // ── The citizen applies for a migration permit and chooses to collect it at the counter.
  const citizen = await newPage(browser);
  await signInCitizen(citizen, COLLECTOR);
  await citizen.goto('/me/apply/migration-permit');
  await expect(citizen).toHaveURL(/\/enrol\?next=/);
  await deferRealPersonCheck(citizen);
  await answerQuestionnaireOnPage(citizen, COLLECTOR.idNumber, REGISTRY);
  await citizen.waitForURL(/\/me\/apply\/migration-permit(\?draft=[^&#]+)?$/);
  await citizen.getByLabel('迁入区').selectOption(DISTRICT);
  await citizen.getByLabel('迁入地址').fill('武汉市洪山区珞喻路 100 号 1 栋 101 室');
  await citizen.getByLabel('不动产权证号').fill('鄂(2026)武汉市不动产权第0077001号');
  await citizen.getByRole('button', { name: '下一步' }).click();
  await citizen.getByLabel(/不动产权证书/).setInputFiles({ name: '产权证.pdf', mimeType: 'application/pdf', buffer: await pdf('Property certificate') });
  await citizen.getByRole('button', { name: '下一步' }).click();
  await expect(citizen.getByRole('heading', { level: 2, name: '领取方式' })).toBeVisible();
  await citizen.getByRole('radio', { name: '窗口领取' }).check();
  await expect(citizen.getByText('批准后请携带身份证到办理分局窗口领取。')).toBeVisible();
  await citizen.getByRole('button', { name: '下一步' }).click();
  await expect(citizen.getByTestId('review')).toContainText('窗口领取');
  await citizen.getByRole('button', { name: '提交申请' }).click();
  await citizen.waitForURL(/\/me\/applications\/[0-9a-f-]+\?submitted=1/);
  const applicationPath = new URL(citizen.url()).pathname;
  const reference = (await citizen.getByTestId('reference-number').textContent())!.trim();

  // ── The clerk of that district claims and approves: the certificate is issued, no parcel is queued.
  const clerk = await newPage(browser);
  await signInStaff(clerk, CLERK);
  // The queue names the service from the catalogue in the reader's language.
  await clerk.goto(`/staff/queue?q=${reference}`);
  await expect(clerk.getByTestId('queue-table')).toContainText('准迁证明');
  await clerk.getByRole('button', { name: 'Switch to English' }).click();
  await expect(clerk.getByTestId('queue-table').locator('tbody tr', { hasText: reference })).toContainText('Migration permit');
  await clerk.getByRole('button', { name: /切换到简体中文/ }).click();
  await expect(clerk.getByRole('button', { name: 'Switch to English' })).toBeVisible();
  await clerk.goto(applicationPath.replace('/me/applications/', '/staff/cases/'));
  await clerk.getByRole('button', { name: /受理此案件/ }).click();
  await expect(clerk.getByRole('button', { name: '批准', exact: true })).toBeVisible();
  // The clerk is told what approving sets off for this applicant: the counter, not the mail.
  await expect(clerk.getByText('批准后立即签发证件，在窗口等候领取；申请人将收到领取通知。')).toBeVisible();
  await clerk.getByRole('button', { name: '批准', exact: true }).click();
  await expect(clerk.getByText(/证件 ZQ\d{10}/)).toBeVisible();

  // ── The citizen's page: ready for collection, where, when and what to bring.
  await citizen.goto(applicationPath);
  const ready = citizen.getByTestId('ready-for-collection');
  await expect(ready).toContainText('证件已可领取：请到武汉市公安局洪山区分局户政窗口领取。');
  await expect(ready).toContainText('办公时间：工作日');
  await expect(ready).toContainText('请携带：本人到场，携带居民身份证');
  await expect(citizen.getByTestId('dispatch-status')).toContainText('待自取');
  await expect(citizen.getByText('领取状态', { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(citizen);

  // ── The counter: the clerk finds it in their district's list; a wrong ID number hands nothing over.
  await clerk.goto('/staff/counter');
  const row = clerk.locator(`tr[data-reference="${reference}"]`);
  await expect(row).toBeVisible();
  await expectNoSeriousA11yViolations(clerk);
  await row.locator('summary').click();
  await row.getByLabel('核验方式').selectOption('id_number');
  const wrong = COLLECTOR.idNumber.slice(0, 16) + (COLLECTOR.idNumber[16] === '1' ? '2' : '1') + COLLECTOR.idNumber[17];
  await row.getByLabel('公民身份号码').fill(wrong);
  await row.getByRole('button', { name: '核验并交付' }).click();
  await expect(row.getByRole('alert')).toContainText('领取人身份与持证人不符');
  await row.getByLabel('公民身份号码').fill(COLLECTOR.idNumber);
  await row.getByRole('button', { name: '核验并交付' }).click();
  // Handed over: it leaves the counter's list.
  await expect(row).toHaveCount(0);

  // ── The supervisor's dashboard lists it as a counter pickup, collected — not as mail.
  const supervisor = await newPage(browser);
  await signInStaff(supervisor, 'supervisor');
  await supervisor.goto('/staff/deliveries?method=counter&status=collected');
  await expect(supervisor.locator(`tr[data-reference="${reference}"]`)).toContainText('窗口自取');
  const counted = Number(await supervisor.getByTestId('counter-count-collected').textContent());
  await expect(supervisor.getByTestId('dispatch-total')).toHaveText(String(counted));

  // ── The citizen's page now says when it was collected.
  await citizen.goto(applicationPath);
  await expect(citizen.getByTestId('collected-on')).toContainText(/证件已于 .+ 在窗口领取（已核验身份）。/);
  await expect(citizen.getByTestId('dispatch-status')).toContainText('已窗口领取');
  await expect(citizen.getByTestId('delivery-timeline')).toContainText('已窗口领取');
  await citizen.getByRole('button', { name: 'Switch to English' }).click();
  await expect(citizen.getByTestId('collected-on')).toContainText(/Collected at the counter on .+ \(identity checked\)\./);
  await expectNoSeriousA11yViolations(citizen);
  await citizen.getByRole('button', { name: /切换到简体中文/ }).click();
  await expect(citizen.getByRole('button', { name: 'Switch to English' })).toBeVisible();
});
