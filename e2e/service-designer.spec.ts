// The catalogue as data the bureau edits (issue 18 item 4): an administrator designs a new service in
// the form designer (with its preview), publishes it, and it is in the public guide; a citizen applies
// for it; the administrator then publishes an edit, which new applications get and the filed one does not.
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { generateRegistry } from '@/db/registry-generator';
import { expectNoSeriousA11yViolations } from './support/axe';
import { E2E_BASE_URL } from './support/paths';
import { pdf } from './support/documents';
import { signInCitizen, signInStaff } from './support/people';

// Resident 131 of the e2e seed (260 residents): an adult no other journey signs in, so her per-person
// sign-in code limit is this spec's alone. The new service asks only L1 (the sign-in code).
const CITIZEN = (() => {
  const row = generateRegistry(260).residentRows[131];
  if (!row?.phone || row.status !== 'active' || row.name !== '肖霞') throw new Error('resident 131 of the seed is no longer 肖霞, active with a phone');
  return { name: row.name, idNumber: row.idNumber, phone: row.phone };
})();
const SERVICE_ID = 'school-enrolment-proof';

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ baseURL: E2E_BASE_URL })).newPage();
}

async function fillField(field: Locator, values: { kind?: string; name: string; zh: string; en: string }) {
  if (values.kind) await field.getByLabel('类型').selectOption({ label: values.kind });
  await field.getByLabel('字段代码').fill(values.name);
  await field.getByLabel('标题（中文）').fill(values.zh);
  await field.getByLabel('标题（英文）').fill(values.en);
}

test('[DESIGNER] an admin designs a service with a preview and publishes it; a citizen applies; an edit published later leaves the filed form as it was', async ({ browser }) => {
  test.setTimeout(240_000);

  // ── The administrator opens the catalogue and starts a new service.
  const admin = await newPage(browser);
  await signInStaff(admin, 'admin');
  await admin.getByRole('navigation').getByRole('link', { name: '事项目录' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: '办事事项目录' })).toBeVisible();
  await expect(admin.getByTestId('catalogue-table').locator('tbody tr')).toHaveCount(46);
  await admin.getByRole('link', { name: '新建事项' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: '新建办事事项' })).toBeVisible();

  await admin.getByLabel('事项代码').fill(SERVICE_ID);
  await admin.getByLabel('业务类别').selectOption('household');
  await admin.getByLabel('事项名称（中文）').fill('入学户籍证明');
  // The English name is left out at first: publishing is refused and says where.
  await admin.getByLabel('简介（中文）').fill('子女入学需要的户籍证明，由户籍所在地派出所出具。');
  await admin.getByLabel('简介（英文）').fill('Proof of household registration for a child’s school enrolment.');
  await admin.getByLabel('申请条件（中文）').fill('在武汉登记户籍的学生的父母或监护人。');
  await admin.getByLabel('申请条件（英文）').fill('Parents or guardians of a student registered in Wuhan.');
  await admin.getByLabel('所需认证等级').selectOption('1');
  await admin.getByLabel('办结时限（工作日）').fill('3');
  await admin.getByLabel('出具证件').selectOption('household_certificate');

  // Three fields: a text, a date and a choice with two options.
  await fillField(admin.getByTestId('designer-field-0'), { name: 'schoolName', zh: '学校名称', en: 'School name' });
  await admin.getByRole('button', { name: '添加字段' }).click();
  await fillField(admin.getByTestId('designer-field-1'), { kind: '日期', name: 'enrolmentDate', zh: '入学日期', en: 'Enrolment date' });
  await admin.getByRole('button', { name: '添加字段' }).click();
  const relation = admin.getByTestId('designer-field-2');
  await fillField(relation, { kind: '选项', name: 'relation', zh: '与学生关系', en: 'Relation to the student' });
  await relation.getByLabel('选项 1 代码').fill('parent');
  await relation.getByLabel('选项 1 中文').fill('父母');
  await relation.getByLabel('选项 1 英文').fill('Parent');
  await relation.getByRole('button', { name: '添加选项' }).click();
  await relation.getByLabel('选项 2 代码').fill('guardian');
  await relation.getByLabel('选项 2 中文').fill('监护人');
  await relation.getByLabel('选项 2 英文').fill('Guardian');
  // One document, PDF only.
  const letter = admin.getByTestId('designer-document-0');
  await letter.getByLabel('材料代码').fill('admission_letter');
  await letter.getByLabel('标题（中文）').fill('入学通知书');
  await letter.getByLabel('标题（英文）').fill('Admission letter');
  await letter.getByLabel('JPEG').uncheck();
  await letter.getByLabel('PNG').uncheck();

  // The preview draws the form as the wizard will, in either language.
  const preview = admin.getByTestId('designer-preview');
  await expect(preview.getByRole('heading', { level: 3, name: '入学户籍证明' })).toBeVisible();
  await expect(preview.getByLabel('学校名称')).toBeVisible();
  await expect(preview.getByLabel('入学日期')).toHaveAttribute('type', 'date');
  await expect(preview.getByRole('combobox', { name: '与学生关系' }).locator('option')).toHaveText(['请选择…', '父母', '监护人']);
  await expect(preview).toContainText('入学通知书');
  await preview.getByRole('button', { name: 'English' }).click();
  await expect(preview.getByLabel('Relation to the student')).toBeVisible();
  await expect(preview.getByTestId('preview-name')).toHaveText('（未命名）');
  await expectNoSeriousA11yViolations(admin, 'service designer');
  await admin.screenshot({ path: test.info().outputPath('designer.png'), fullPage: true });

  await admin.getByRole('button', { name: '发布事项' }).click();
  const errors = admin.getByTestId('designer-errors');
  await expect(errors).toContainText('nameEn');
  await expect(errors).toContainText('请填写此项');
  await admin.screenshot({ path: test.info().outputPath('designer-refused.png') });
  await expect(admin.getByLabel('事项名称（英文）')).toHaveAttribute('aria-invalid', 'true');
  // Nothing was lost: what was typed is still there.
  await expect(relation.getByLabel('选项 2 中文')).toHaveValue('监护人');
  await admin.getByLabel('事项名称（英文）').fill('Household certificate for school enrolment');
  await expect(preview.getByTestId('preview-name')).toHaveText('Household certificate for school enrolment');
  await admin.getByRole('button', { name: '发布事项' }).click();
  await admin.waitForURL(/\/staff\/catalogue\?published=/);
  await expect(admin.getByTestId('catalogue-published')).toContainText('已发布“入学户籍证明”第 1 版');
  await expect(admin.locator(`tr[data-service-id="${SERVICE_ID}"]`)).toContainText('第 1 版');
  await expectNoSeriousA11yViolations(admin, 'service catalogue');
  await admin.screenshot({ path: test.info().outputPath('catalogue.png') });

  // ── It is in the public guide, with its documents and time limit, in both languages.
  const guide = await newPage(browser);
  await guide.goto(`/services/${SERVICE_ID}`);
  await expect(guide.getByRole('heading', { level: 1, name: '入学户籍证明' })).toBeVisible();
  await expect(guide.locator('main')).toContainText('3 个工作日');
  await expect(guide.locator('main')).toContainText('入学通知书');
  await guide.getByRole('button', { name: 'Switch to English' }).click();
  await expect(guide.getByRole('heading', { level: 1, name: 'Household certificate for school enrolment' })).toBeVisible();
  await expect(guide.locator('main')).toContainText('Admission letter');
  await expect(guide.locator('main')).toContainText('3 working days');

  // ── A citizen applies for it.
  const citizen = await newPage(browser);
  await signInCitizen(citizen, CITIZEN);
  await citizen.goto('/me/apply');
  await citizen.getByRole('link', { name: /入学户籍证明/ }).click();
  await citizen.waitForURL(new RegExp(`/me/apply/${SERVICE_ID}`));
  await citizen.getByLabel('学校名称').fill('武汉市第一中学');
  await citizen.getByLabel('入学日期').fill('2026-09-01');
  await citizen.getByLabel('与学生关系').selectOption({ label: '父母' });
  await citizen.getByRole('button', { name: '下一步' }).click();
  await citizen.getByLabel(/入学通知书/).setInputFiles({ name: '通知书.pdf', mimeType: 'application/pdf', buffer: await pdf('Admission letter') });
  await expect(citizen.getByTestId('kept-admission_letter')).toContainText('通知书.pdf');
  await citizen.getByRole('button', { name: '下一步' }).click();
  await citizen.getByRole('radio', { name: '窗口领取' }).check();
  await citizen.getByRole('button', { name: '下一步' }).click();
  await expect(citizen.getByTestId('review')).toContainText('武汉市第一中学');
  await citizen.getByRole('button', { name: '提交申请' }).click();
  await citizen.waitForURL(/\/me\/applications\/[0-9a-f-]+\?submitted=1/);
  const filedPath = new URL(citizen.url()).pathname;
  const filed = citizen.getByTestId('application-facts');
  await expect(filed).toContainText('学校名称');
  await expect(filed).toContainText('武汉市第一中学');

  // ── The administrator edits the service: a field renamed, a field added; published as version 2.
  await admin.locator(`tr[data-service-id="${SERVICE_ID}"]`).getByRole('link').click();
  await expect(admin.getByRole('heading', { level: 1, name: '修改事项：入学户籍证明' })).toBeVisible();
  await expect(admin.getByLabel('事项代码')).toHaveAttribute('readonly', '');
  await admin.getByTestId('designer-field-0').getByLabel('标题（中文）').fill('就读学校全称');
  // A reload (a closed tab, a sign-in on the way) loses nothing: the edit is offered back.
  await admin.reload();
  await expect(admin.getByTestId('designer-restored')).toContainText('已恢复上次未发布的修改');
  await expect(admin.getByTestId('designer-field-0').getByLabel('标题（中文）')).toHaveValue('就读学校全称');
  await admin.getByRole('button', { name: '添加字段' }).click();
  await fillField(admin.getByTestId('designer-field-3'), { name: 'className', zh: '班级', en: 'Class' });
  // Version 2 is offered only to residents registered in 江岸区 (where she is registered).
  await admin.getByRole('group', { name: /仅受理这些区的户籍居民/ }).getByLabel('江岸区').check();
  await admin.getByRole('button', { name: '发布为新版本' }).click();
  await admin.waitForURL(/\/staff\/catalogue\?published=/);
  await expect(admin.getByTestId('catalogue-published')).toContainText('第 2 版');
  await admin.locator(`tr[data-service-id="${SERVICE_ID}"]`).getByRole('link').click();
  await expect(admin.getByTestId('service-history').locator('li')).toHaveCount(2);
  await expect(admin.getByTestId('service-history')).toContainText('由 系统管理员 发布');

  // The filed application keeps the form it was filed with; a new application gets the new one.
  await citizen.goto(filedPath);
  await expect(filed).toContainText('学校名称');
  await expect(filed).toContainText('武汉市第一中学');
  await expect(filed).not.toContainText('就读学校全称');
  await expect(filed).not.toContainText('班级');
  await citizen.goto(`/me/apply/${SERVICE_ID}`);
  await expect(citizen.getByLabel('就读学校全称')).toBeVisible();
  await expect(citizen.getByLabel('班级')).toBeVisible();
  await guide.goto(`/services/${SERVICE_ID}`);
  await expect(guide.getByTestId('offered-in')).toHaveText(/江岸区/);
});
