// The citizen services of issue 5 on the real server and browser: the public guide, the application
// wizard for a traffic service (with the keyboard alone) and a household service, drafts resumed after
// signing out and in again, upload refusals, the timeline, and the more-material loop with a clerk.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { expectNoSeriousA11yViolations } from './support/axe';
import { E2E_BASE_URL } from './support/paths';
import { generateRegistry } from '@/db/registry-generator';
import { signInCitizen, signInStaff } from './support/people';
import { pdf } from './support/documents';
import { answerQuestionnaireOnPage, deferRealPersonCheck } from './support/questionnaire-answers';

test.describe.configure({ mode: 'serial' });

// A resident of the e2e seed (260 residents, lib/server-start.ts) other than the two demo citizens, whose
// sign-in codes the other journeys already use up to the per-person limit: an adult with a car.
const REGISTRY = generateRegistry(260);
const DRIVER = (() => {
  const owners = new Set(REGISTRY.vehicleRows.map((v) => v.ownerResidentId));
  // Resident 119 of the seed: records rich enough for two questionnaires in one day (each avoids the
  // questions of the last), checked against the questionnaire generator when this was written.
  const resident = REGISTRY.residentRows[119];
  if (resident && !(resident.status === 'active' && owners.has(resident.id) && REGISTRY.licenceRows.some((l) => l.residentId === resident.id))) {
    throw new Error('resident 119 of the seed is no longer an active driver with a car');
  }
  if (!resident) throw new Error('no driver in the seed');
  const licence = REGISTRY.licenceRows.find((l) => l.residentId === resident.id)!;
  return { name: resident.name, idNumber: resident.idNumber, phone: resident.phone, districtCode: resident.districtCode, licenceClass: licence.licenceClass };
})();

function png(): Buffer {
  const image = new PNG({ width: 16, height: 16 });
  image.data.fill(0x90);
  return PNG.sync.write(image);
}

/** Moves the focus with Tab (Shift+Tab when asked) until it is on the target, as a keyboard user does. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not reach ${target} with the keyboard`);
}

/** Gate 3 (the questionnaire) for an L2 service: the e-ID step-up, done before the journey proper. `next` allows the `?draft=` the wizard adds at once. */
async function stepUpToL2(page: Page, next: RegExp) {
  await expect(page).toHaveURL(/\/enrol\?next=/);
  await deferRealPersonCheck(page);
  await answerQuestionnaireOnPage(page, DRIVER.idNumber, REGISTRY);
  await page.waitForURL(next);
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: /退出登录|Sign out/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/me'));
}

/**
 * The guide lists the whole catalogue (issue 18 item 4: at least 40 household, exit-entry and traffic
 * services), each card naming its time limit in working days and at least one document, in the page's language.
 */
async function expectWholeCatalogue(page: Page, lang: 'zh' | 'en') {
  const cards = await page.locator('article.service-card').evaluateAll((articles) =>
    articles.map((a) => ({
      name: a.querySelector('h3')?.textContent?.trim() ?? '',
      facts: a.querySelector('dl.facts')?.textContent ?? '',
      documents: [...a.querySelectorAll('dl.facts li')].map((li) => li.textContent?.trim() ?? ''),
    })),
  );
  expect(cards.length).toBeGreaterThanOrEqual(40);
  const sections = await page.locator('main section h2').allTextContents();
  expect(sections).toEqual(lang === 'zh' ? ['户籍业务', '出入境业务', '交管业务'] : ['Household registration', 'Exit and entry', 'Traffic']);
  for (const card of cards) {
    expect(card.name).toMatch(lang === 'zh' ? /\p{Script=Han}/u : /^[^\p{Script=Han}]+$/u);
    expect(card.facts, card.name).toMatch(lang === 'zh' ? /\d+ 个工作日/ : /\d+ working days?/);
    expect(card.documents.length, card.name).toBeGreaterThan(0);
    for (const d of card.documents) expect(d, card.name).toMatch(lang === 'zh' ? /（(必传|选传)）/ : /\((required|optional)\)/);
  }
}

const shared: { migrationApplicationPath?: string } = {};

test('[SERVICES] anyone reads the service guide in Chinese or English, with the expected completion date in working days', async ({ page }) => {
  await page.goto('/services');
  await expect(page.getByRole('heading', { level: 1, name: '办事指南' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '机动车行驶证补领' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '户口簿补领' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await expectWholeCatalogue(page, 'zh');
  await page.getByRole('link', { name: /查看办事指南\s*：交通违法处理/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: '交通违法处理' })).toBeVisible();
  await expect(page.getByTestId('expected-by')).toContainText(/预计 \d{4}年\d{1,2}月\d{1,2}日 前办结/);
  await expect(page.getByText('审批民警批准，负责人复核')).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Handling a traffic violation' })).toBeVisible();
  await expect(page.getByTestId('expected-by')).toContainText(/expect a decision by \d{1,2} [A-Z][a-z]{2} \d{4}/);
  await expectNoSeriousA11yViolations(page);
  await page.goto('/services');
  await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await expectWholeCatalogue(page, 'en');
  await page.getByRole('button', { name: /切换到简体中文/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: '办事指南' })).toBeVisible();
});

test('[SERVICES] a reader on a phone finds a service by typing everyday words, in either language, and gets a plain answer when nothing matches', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: E2E_BASE_URL, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto('/services');
  const box = page.getByRole('searchbox', { name: /搜索事项/ });
  const cards = page.locator('article.service-card h3');
  const result = page.getByTestId('search-result');

  // "Lost my driving licence", in everyday words and without spaces: the one service, not the 40.
  await box.fill('驾照补办');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/services\?q=/);
  await expect(result).toHaveText(/找到 1 个与“驾照补办”相关的事项/);
  await expect(cards).toHaveText(['驾驶证遗失补证']);
  await expect(page.locator('main h2')).toHaveText(['交管业务']);
  await expect(box).toHaveValue('驾照补办');
  await expectNoSeriousA11yViolations(page);
  // The card still leads to its guide.
  await page.getByRole('link', { name: /查看办事指南\s*：驾驶证遗失补证/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: '驾驶证遗失补证' })).toBeVisible();
  await page.goBack();

  // Nothing matches: said so, with the way back to everything.
  await box.fill('天气预报');
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await expect(result).toContainText('没有找到与“天气预报”相关的事项');
  await expect(cards).toHaveCount(0);
  await result.getByRole('link', { name: '查看全部事项' }).click();
  await expect(page).toHaveURL(/\/services$/);
  await expectWholeCatalogue(page, 'zh');

  // Too long a query is refused with the reason, and what was typed stays in the box.
  const long = '驾'.repeat(41);
  await page.goto(`/services?q=${encodeURIComponent(long)}`);
  await expect(page.getByTestId('search-problem')).toHaveText(/搜索词最多 40 个字/);
  await expect(box).toHaveValue(long);
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  expect(await cards.count()).toBeGreaterThanOrEqual(40);

  // In English, an English word finds the same services a Chinese one does.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  const englishBox = page.getByRole('searchbox', { name: /Search the services/ });
  await englishBox.fill('passport');
  await englishBox.press('Enter');
  await expect(result).toHaveText(/3 services match “passport”/);
  await expect(cards).toHaveText(['First ordinary passport', 'Passport renewal', 'Passport replacement after loss']);
  await englishBox.fill('护照');
  await englishBox.press('Enter');
  await expect(cards).toHaveText(['First ordinary passport', 'Passport renewal', 'Passport replacement after loss']);
  await expectNoSeriousA11yViolations(page);
  await context.close();
});

test('[WIZARD] the driver starts a vehicle-licence replacement with the keyboard alone and a migration permit, signs out, finds both drafts (with the photo uploaded before signing out) after signing in again and submits them; uploads show their progress, can be cancelled, and refusals say why', async ({ browser }) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ baseURL: E2E_BASE_URL });
  const page = await context.newPage();
  await signInCitizen(page, DRIVER);

  // ── The household service, first session: the details step only, saved as a draft.
  await page.goto('/me/apply/migration-permit');
  // The step-up says which service sent the citizen there, and what it needs.
  await expect(page.getByTestId('step-up-reason')).toHaveText(/办理“准迁证明”需要认证等级 L2/);
  await stepUpToL2(page, /\/me\/apply\/migration-permit(\?draft=[^&#]+)?$/);
  await expect(page.getByTestId('registry-prefill')).toContainText(DRIVER.name);
  await expectNoSeriousA11yViolations(page);
  // Inline validation on the server, per step.
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByTestId('error-summary')).toContainText('请选择迁入区');
  await expect(page.getByTestId('error-summary')).toContainText('请填写不动产权证号');
  await page.getByLabel('迁入区').selectOption('420106');
  await page.getByLabel('迁入地址').fill('武汉市武昌区中南路 66 号 2 栋 801 室');
  await page.getByLabel('不动产权证号').fill('鄂(2026)武汉市不动产权第0012345号');
  await expect(page.getByTestId('draft-status')).toContainText('草稿已自动保存');

  // ── The traffic service, with the keyboard alone from here on.
  await page.goto('/me/apply/vehicle-licence-replacement');
  await expect(page.getByRole('heading', { level: 1, name: '机动车行驶证补领' })).toBeVisible();
  await expect(page.getByTestId('registry-prefill')).toContainText(`${DRIVER.licenceClass} 类`);
  await tabTo(page, page.getByLabel('车辆', { exact: true }));
  await page.keyboard.press('ArrowDown'); // her one vehicle, from the registry
  await tabTo(page, page.getByLabel('补领原因', { exact: true }));
  await page.keyboard.press('ArrowDown'); // 遗失
  await expect(page.getByLabel('车辆', { exact: true })).not.toHaveValue('');
  await tabTo(page, page.getByRole('button', { name: '下一步' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: '上传材料' })).toBeFocused();
  await expectNoSeriousA11yViolations(page);

  // Each file is uploaded as it is picked and checked by the server; a refusal says why, in place.
  // A PDF where only a photo will do:
  const photoInput = page.getByLabel(/车辆照片/);
  const photoField = page.getByTestId('document-vehicle_photo');
  await tabTo(page, photoInput);
  let chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Space');
  await (await chooser).setFiles({ name: 'car.pdf', mimeType: 'application/pdf', buffer: await pdf('not a photo') });
  await expect(photoField.getByRole('alert')).toContainText('car.pdf：此材料只接受 JPEG、PNG 文件');
  await expect(page.getByTestId('upload-announcement')).toContainText('car.pdf 未被接收');
  // A PNG named .jpg: the extension does not match the bytes.
  await tabTo(page, photoInput, { backwards: true });
  chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Space');
  await (await chooser).setFiles({ name: 'car.jpg', mimeType: 'image/jpeg', buffer: png() });
  await expect(photoField.getByRole('alert')).toContainText('文件扩展名与内容不符');
  await expect(page.getByTestId('kept-vehicle_photo')).toContainText('尚未上传文件');
  // The real photo, held on its way to the server long enough to see its progress bar.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/drafts/*/documents', async (route) => {
    await held;
    await route.continue();
  });
  await tabTo(page, photoInput, { backwards: true });
  chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Space');
  await (await chooser).setFiles({ name: 'car.png', mimeType: 'image/png', buffer: png() });
  const progress = page.getByRole('progressbar', { name: 'car.png 上传进度' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('max', /\d+/);
  await expect(page.getByTestId('uploads-vehicle_photo')).toContainText(/\d+%/);
  await expect(page.getByRole('button', { name: '取消上传 car.png' })).toBeVisible();
  await expect(page.getByTestId('upload-announcement')).toHaveText('开始上传 car.png');
  release();
  await expect(page.getByTestId('kept-vehicle_photo')).toContainText('car.png');
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('upload-announcement')).toHaveText('car.png 已上传并通过检查');
  await page.unroute('**/api/drafts/*/documents');
  await tabTo(page, page.getByRole('button', { name: '下一步' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: '领取方式' })).toBeFocused();
  // Delivery pre-filled from the registry.
  await expect(page.getByLabel('收件人手机')).toHaveValue(DRIVER.phone);
  await expect(page.getByLabel('邮寄地址所在区')).toHaveValue(DRIVER.districtCode);
  await expect(page.getByTestId('draft-status')).toContainText('草稿已自动保存');
  await expectNoSeriousA11yViolations(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath('wizard-phone.png'), fullPage: true });

  // ── Sign out, sign in again: both drafts are there.
  await signOut(page);
  await signInCitizen(page, DRIVER);
  const drafts = page.getByTestId('my-drafts');
  await expect(drafts).toContainText('机动车行驶证补领');
  await expect(drafts).toContainText('准迁证明');
  await expectNoSeriousA11yViolations(page);

  // Resume the traffic draft with the keyboard (after the e-ID step-up this new session needs).
  await page.goto('/me/apply/vehicle-licence-replacement');
  await stepUpToL2(page, /\/me\/apply\/vehicle-licence-replacement(\?draft=[^&#]+)?$/);
  await expect(page.getByTestId('draft-resumed')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '领取方式' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: '下一步' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: '确认提交' })).toBeFocused();
  await expect(page.getByTestId('review')).toContainText('鄂A');
  await expect(page.getByTestId('review')).toContainText('遗失');
  // The photo picked before signing out was kept with the draft.
  await expect(page.getByTestId('review-documents')).toHaveText('car.png');
  await expectNoSeriousA11yViolations(page);
  await tabTo(page, page.getByRole('button', { name: '提交申请' }));
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/me\/applications\/[0-9a-f-]+\?submitted=1/);
  await expect(page.getByTestId('application-status')).toContainText('已提交');
  await expect(page.getByTestId('timeline')).toContainText('提交申请');
  await expect(page.getByTestId('days-left')).toContainText('个工作日');
  await expect(page.getByRole('link', { name: 'car.png' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  // The same page in English.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('button', { name: /切换到简体中文/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: /切换到简体中文/ }).click();
  await expect(page.getByRole('button', { name: 'Switch to English' })).toBeVisible();

  // ── The household draft: its details are back; refusals, then the real document; submit.
  await page.goto('/me/apply/migration-permit');
  await expect(page.getByTestId('draft-resumed')).toBeVisible();
  await expect(page.getByLabel('迁入地址')).toHaveValue('武汉市武昌区中南路 66 号 2 栋 801 室');
  await expect(page.getByLabel('迁入区')).toHaveValue('420106');
  await page.getByRole('button', { name: '下一步' }).click();
  const certificate = page.getByLabel(/不动产权证书/);
  const certificateField = page.getByTestId('document-property_certificate');
  await certificate.setInputFiles({ name: '产权证.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) });
  await expect(certificateField.getByRole('alert')).toContainText('文件为空');
  // An image that also carries a PDF (a polyglot).
  await certificate.setInputFiles({ name: '产权证.png', mimeType: 'image/png', buffer: Buffer.concat([png(), await pdf('hidden')]) });
  await expect(certificateField.getByRole('alert')).toContainText('文件中混有其他类型的内容');
  // An upload cancelled on its way: nothing is kept, and the focus returns to the file input.
  await page.route('**/api/drafts/*/documents', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await route.abort().catch(() => {});
  });
  await certificate.setInputFiles({ name: '错的产权证.pdf', mimeType: 'application/pdf', buffer: await pdf('Wrong certificate') });
  await page.getByRole('button', { name: '取消上传 错的产权证.pdf' }).click();
  await expect(page.getByTestId('upload-announcement')).toHaveText('已取消上传 错的产权证.pdf');
  await expect(certificate).toBeFocused();
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await certificate.setInputFiles({ name: '产权证.pdf', mimeType: 'application/pdf', buffer: await pdf('Property certificate') });
  await expect(page.getByTestId('kept-property_certificate')).toContainText('产权证.pdf');
  await expect(page.getByTestId('kept-property_certificate')).not.toContainText('错的产权证.pdf');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('街道和门牌号').fill('中南路');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByTestId('error-summary')).toContainText('请填写街道和门牌号');
  await page.getByLabel('街道和门牌号').fill('中南路 66 号 2 栋 801 室');
  await page.getByLabel('邮寄地址所在区').selectOption('420106');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByTestId('review')).toContainText('武汉市武昌区中南路 66 号 2 栋 801 室');
  // A double click makes one application.
  await page.getByRole('button', { name: '提交申请' }).dblclick();
  await page.waitForURL(/\/me\/applications\/[0-9a-f-]+\?submitted=1/);
  await expect(page.getByTestId('timeline')).toContainText('提交申请');
  await expect(page.getByRole('link', { name: '产权证.pdf' })).toBeVisible();
  shared.migrationApplicationPath = new URL(page.url()).pathname;
  await page.goto('/me');
  await expect(page.getByTestId('my-drafts')).toHaveCount(0);
  await expect(page.locator('.app-item').filter({ hasText: '准迁证明' })).toHaveCount(1);
  await context.close();
});

test('[MATERIAL] the clerk asks for the property certificate again; the driver replaces only that and resubmits; the deadline pauses meanwhile', async ({ browser }) => {
  const clerkContext = await browser.newContext({ baseURL: E2E_BASE_URL });
  const clerk = await clerkContext.newPage();
  await signInStaff(clerk, 'clerk06');
  await clerk.goto(shared.migrationApplicationPath!.replace('/me/applications/', '/staff/cases/'));
  // The new service's own fields, rendered from its definitions.
  await expect(clerk.getByTestId('form-data')).toContainText('不动产权证号');
  await expect(clerk.getByTestId('form-data')).toContainText('鄂(2026)武汉市不动产权第0012345号');
  await clerk.getByRole('button', { name: /受理此案件/ }).click();
  await clerk.getByRole('checkbox', { name: /不动产权证书/ }).check();
  await clerk.getByLabel(/理由或需补正的材料/).fill('请上传清晰的不动产权证书扫描件');
  await clerk.getByRole('button', { name: /要求补正/ }).click();
  await expect(clerk.getByText(/待补正/).first()).toBeVisible();

  const context = await browser.newContext({ baseURL: E2E_BASE_URL });
  const citizen = await context.newPage();
  await signInCitizen(citizen, DRIVER);
  await citizen.goto(shared.migrationApplicationPath!);
  await expect(citizen.getByTestId('application-status')).toContainText('待补正');
  await expect(citizen.getByText(/请补充：不动产权证书/).first()).toBeVisible();
  await expect(citizen.getByText(/时限暂停/)).toBeVisible();
  await expectNoSeriousA11yViolations(citizen);
  await citizen.getByLabel(/^不动产权证书/).setInputFiles({ name: '产权证-清晰.pdf', mimeType: 'application/pdf', buffer: await pdf('Property certificate, clear') });
  await citizen.getByRole('button', { name: /重新提交/ }).click();
  await expect(citizen.getByTestId('application-status')).toContainText('已提交');
  await expect(citizen.getByTestId('timeline')).toContainText('要求补正材料');
  await expect(citizen.getByTestId('timeline')).toContainText('请上传清晰的不动产权证书扫描件');
  await expect(citizen.getByRole('link', { name: '产权证-清晰.pdf' })).toBeVisible();
  await expectNoSeriousA11yViolations(citizen);
  await clerkContext.close();
  await context.close();
});
