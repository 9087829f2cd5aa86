import { chromium, expect, test, type Page } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { generateRegistry } from '@/db/registry-generator';
import { DEFAULT_CHALLENGE_ACTIONS } from '@/lib/face/config';
import { decodeQrFromPdf } from '@/lib/testing/decode-pdf-qr';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './support/browser';
import { fakeCameraArgs } from './support/fake-camera';
import { E2E_BASE_URL } from './support/paths';
import { GRADUATE, signInCitizen, signInStaff } from './support/people';
import { answerQuestionnaireOnPage } from './support/questionnaire-answers';

// The real-person check in Chromium with the SHIPPED defaults (action pool, 60 s time limit,
// thresholds: the e2e server sets no FACE_* variable). The camera is a fake stream of persona A
// (e2e/support/fake-camera.ts, set in playwright.config.ts) unless a test launches its own browser.

// 吴欣 (db/seed.ts PERSONA_A_RESIDENT): a resident no other journey uses, whose registry photo is A-1.
const NEWCOMER = (() => {
  const row = generateRegistry(260).residentRows.find((r) => r.name === '吴欣' && r.phone === '17881452122');
  if (!row?.phone) throw new Error('the seeded registry no longer has 吴欣');
  return { name: row.name, idNumber: row.idNumber, phone: row.phone };
})();

/** Every long task (> 50 ms on the main thread) the page has had, with the face check's start and end marks. */
const LONG_TASK_OBSERVER = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
`;
type LongTask = { start: number; duration: number };

/**
 * Runs the face check on /enrol/face from the start button to the verdict; returns the challenge's
 * actions and the longest main-thread task between the click and the verdict.
 */
async function passFaceCheck(page: Page): Promise<{ actions: string[]; longestTaskMs: number }> {
  // The check starts when the person presses start, on a page that has finished loading (its own
  // hydration is not the face check).
  await page.waitForLoadState('networkidle');
  const issued = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/face-check' && r.request().method() === 'POST');
  const startedAt = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: /开始实人核验/ }).click();
  const challenge = (await (await issued).json()) as { status: string; data: { actions: string[] } };
  expect(challenge.status).toBe('ok');
  await expect(page.getByTestId('face-instruction')).toBeVisible({ timeout: 60_000 });
  // The page says what it waits for.
  await expect(page.getByTestId('face-waiting-for')).toContainText('正在等待');
  await expect(page.getByTestId('face-passed')).toBeVisible({ timeout: 90_000 });
  const endedAt = await page.evaluate(() => performance.now());
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: LongTask[] }).__longTasks);
  const during = tasks.filter((t) => t.start + t.duration >= startedAt && t.start <= endedAt);
  // The page marks its phases (face:camera-open, face:models-ready, face:captured-<step>, face:upload):
  // printed with the long tasks, they say where a slow one came from.
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name}@${m.startTime.toFixed(0)}`));
  console.log(`[FACE] check ${startedAt.toFixed(0)}–${endedAt.toFixed(0)} ms; marks ${marks.join(' ')}; long tasks ${during.map((t) => `${t.start.toFixed(0)}+${t.duration.toFixed(0)}`).join(' ') || 'none'}`);
  return { actions: challenge.data.actions, longestTaskMs: Math.max(0, ...during.map((t) => t.duration)) };
}

async function diplomaPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Diploma - Huazhong University (synthetic)', { x: 60, y: 760, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save());
}

const passedActions = new Set<string>();

test.describe.serial('a new citizen with the default real-person check', () => {
  test('[FACE] a new citizen enrols through the three gates with the default action pool and time limit on a fake camera, reaches L3 with the page never blocked over 200 ms, submits a household transfer with a PDF diploma; the clerk approves, the supervisor countersigns and the citizen gets a verifiable certificate', async ({ browser }) => {
    test.setTimeout(420_000);
    const context = await browser.newContext({ baseURL: E2E_BASE_URL, permissions: ['camera'] });
    await context.addInitScript(LONG_TASK_OBSERVER);
    const page = await context.newPage();
    await signInCitizen(page, NEWCOMER);
    await page.getByRole('link', { name: /申请户口迁移/ }).click();
    await expect(page).toHaveURL(/\/enrol\?next=/);
    await expect(page.getByTestId('session-level')).toHaveText('L1');
    await page.getByTestId('start-face-check').click();

    const { actions, longestTaskMs } = await passFaceCheck(page);
    console.log(`[FACE] challenge ${actions.join(', ')}; longest main-thread task during the check ${longestTaskMs.toFixed(0)} ms`);
    expect(actions).toHaveLength(3);
    for (const action of actions) expect(DEFAULT_CHALLENGE_ACTIONS).toContain(action);
    actions.forEach((a) => passedActions.add(a));
    // Soft: the journey goes on (and is reported) even when this fails; the test still fails.
    expect.soft(longestTaskMs, 'the main thread is never blocked over 200 ms during the face check').toBeLessThanOrEqual(200);

    await page.getByRole('link', { name: /继续/ }).click();
    await expect(page.getByText('已通过', { exact: true })).toBeVisible();
    await answerQuestionnaireOnPage(page, NEWCOMER.idNumber, generateRegistry(260));
    await page.waitForURL(/\/me\/apply\/household-transfer(\?draft=[^&#]+)?$/);

    await page.getByLabel('迁入区').selectOption('420106');
    await page.getByLabel('迁入地址').fill('武汉市武昌区中南路 99 号 2 栋 801 室');
    await page.getByLabel('迁移原因').selectOption('graduate_employment');
    await page.getByLabel('就业单位').fill('武汉光谷示范科技有限公司');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel(/毕业证书/).setInputFiles({ name: '毕业证书.pdf', mimeType: 'application/pdf', buffer: await diplomaPdf() });
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL(/\/me\/applications\/[0-9a-f-]+\?submitted=1/);
    const referenceNumber = (await page.getByTestId('reference-number').textContent())!.trim();
    const applicationPath = new URL(page.url()).pathname;

    // The district's clerk claims and approves; settlement is countersigned, so the supervisor signs second.
    const clerkContext = await browser.newContext({ baseURL: E2E_BASE_URL });
    const clerk = await clerkContext.newPage();
    await signInStaff(clerk, 'clerk06');
    await clerk.getByLabel('搜索').fill(referenceNumber);
    await clerk.getByRole('button', { name: /筛选/ }).click();
    await clerk.getByRole('link', { name: referenceNumber }).click();
    await clerk.getByRole('button', { name: /受理此案件/ }).click();
    await clerk.getByRole('button', { name: '批准', exact: true }).click();
    await expect(clerk.getByText(/等待审批处负责人复核/)).toBeVisible();
    await clerkContext.close();

    const supervisorContext = await browser.newContext({ baseURL: E2E_BASE_URL });
    const supervisor = await supervisorContext.newPage();
    await signInStaff(supervisor, 'supervisor');
    await supervisor.goto('/staff/queue?status=awaiting_countersign');
    await supervisor.getByRole('link', { name: referenceNumber }).click();
    await supervisor.getByRole('button', { name: /复核通过/ }).click();
    await expect(supervisor.getByText(/证件 ZQ\d{10}/).first()).toBeVisible();
    await supervisorContext.close();

    await page.goto(applicationPath);
    await expect(page.getByTestId('application-status')).toContainText('已批准');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载 PDF/ }).click()]);
    const pdf = new Uint8Array(await (await import('node:fs/promises')).readFile((await download.path())!));
    const url = await decodeQrFromPdf(pdf);
    await page.goto(url!);
    await expect(page.getByTestId('verdict')).toContainText('有效');
    await context.close();
  });

  test('[FACE] every action of the default pool is recognised in the browser (new sessions of the same citizen until each has come up)', async ({ browser }) => {
    test.setTimeout(480_000);
    // A challenge draws 3 of the pool's actions at random; each new session of the L3 holder takes a
    // fresh check (the proofing of her e-ID is kept: the check alone raises the session to L3).
    // Sign-in codes are limited to 5 per 15 minutes per person: the journey above used one.
    for (let round = 0; round < 4 && DEFAULT_CHALLENGE_ACTIONS.some((a) => !passedActions.has(a)); round++) {
      const context = await browser.newContext({ baseURL: E2E_BASE_URL, permissions: ['camera'] });
      await context.addInitScript(LONG_TASK_OBSERVER);
      const page = await context.newPage();
      await signInCitizen(page, NEWCOMER);
      await page.goto('/enrol/face?next=/wallet');
      const { actions, longestTaskMs } = await passFaceCheck(page);
      console.log(`[FACE] round ${round + 1}: ${actions.join(', ')}; longest task ${longestTaskMs.toFixed(0)} ms`);
      expect.soft(longestTaskMs, 'the main thread is never blocked over 200 ms during the face check').toBeLessThanOrEqual(200);
      actions.forEach((a) => passedActions.add(a));
      await expect(page.getByTestId('face-passed')).toContainText('L3');
      await context.close();
    }
    expect([...passedActions].sort()).toEqual([...DEFAULT_CHALLENGE_ACTIONS].sort());
  });
});

test('[FACE] a camera stream of persona B on 李静’s real-person check is refused by the face match, or told which action it did not show and why; nothing is raised', async () => {
  test.setTimeout(240_000);
  const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS, ...fakeCameraArgs('b')] });
  try {
    const context = await browser.newContext({ baseURL: E2E_BASE_URL, permissions: ['camera'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await signInCitizen(page, GRADUATE);
    await page.goto('/enrol/face?next=/wallet');
    const issued = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/face-check' && r.request().method() === 'POST');
    await page.getByRole('button', { name: /开始实人核验/ }).click();
    const { data } = (await (await issued).json()) as { data: { actions: string[] } };
    await expect(page.getByTestId('face-instruction')).toBeVisible({ timeout: 60_000 });
    if (data.actions.includes('turn_right')) {
      // B has no photo turned to the right of their neutral look (the stream shows B turning left):
      // the page names the action it waited for and why it gave up, in the reader's language.
      const missed = page.getByTestId('face-missed');
      await expect(missed).toBeVisible({ timeout: 90_000 });
      await expect(missed).toHaveAttribute('data-action', 'turn_right');
      await expect(missed).toHaveAttribute('data-why', 'wrong_direction');
      await expect(missed).toContainText('未完成的动作：向右转头');
      await expect(missed).toContainText('转头方向反了');
      await expect(page.getByTestId('face-error')).toContainText('公安服务窗口');
    } else {
      const refused = page.getByTestId('face-refused');
      await expect(refused).toBeVisible({ timeout: 150_000 });
      await expect(refused).toContainText('人脸与户籍登记照片不一致');
      // In the reader's language only (Chinese by default): the server's bilingual message is picked.
      await expect(refused).not.toContainText('does not match the registry photo');
      await expect(refused).toContainText('公安服务窗口');
      await expect(page.getByTestId('face-failed-step')).toContainText('未通过的步骤：正对镜头');
      await expect(refused.getByRole('button', { name: /再试一次/ })).toBeVisible();
    }
    // The session did not pass gate 2.
    await page.goto('/enrol?next=/wallet');
    await expect(page.getByTestId('session-level')).toHaveText('L1');
    await expect(page.getByTestId('start-face-check')).toBeVisible();
  } finally {
    await browser.close();
  }
});

test('[FACE] with the camera permission refused the page says so and offers the counter and skipping', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: E2E_BASE_URL, permissions: [] });
  const page = await context.newPage();
  await signInCitizen(page, GRADUATE);
  await page.goto('/enrol/face?next=/wallet');
  await page.getByRole('button', { name: /开始实人核验/ }).click();
  const error = page.getByTestId('face-error');
  await expect(error).toBeVisible({ timeout: 30_000 });
  await expect(error).toContainText(/拒绝了摄像头权限|未找到可用的摄像头/);
  await expect(error).toContainText('公安服务窗口');
  await expect(page.getByRole('link', { name: '暂不进行' })).toBeVisible();
  await context.close();
});
