// Gate 3 in the browser, answered from the citizen's own records (lib/testing/questionnaire-facts.ts,
// checked against the server's answer keys by its integration test).
import { expect, type Locator, type Page } from '@playwright/test';
import type { generateRegistry } from '@/db/registry-generator';
import { dictionaryFor } from '@/lib/i18n/messages';
import { knownFactsOf, rightOptionIndex, type KnownFacts } from '@/lib/testing/questionnaire-facts';

export { knownFactsOf };

/** The index of the option that is one of the citizen's own facts, in one question of gate 3. */
export async function rightOptionOf(question: Locator, facts: KnownFacts): Promise<number> {
  const kind = (await question.getAttribute('data-kind'))!;
  const prompt = (await question.locator('legend').textContent()) ?? '';
  const labels = await question.locator('label').allTextContents();
  const right = rightOptionIndex(facts, kind, prompt, labels);
  expect(right, `an option of ${kind} is one of my facts: ${facts[kind]?.(prompt).join(', ')} in ${labels.join(' | ')}`).toBeGreaterThanOrEqual(0);
  return right;
}

/** Gate 3 on the enrolment page, answered from the citizen's own records; submits the answers. */
export async function answerQuestionnaireOnPage(page: Page, idNumber: string, registry?: ReturnType<typeof generateRegistry>) {
  await page.getByRole('button', { name: /开始答题/ }).click();
  const questions = page.getByTestId('question');
  await expect(questions.first()).toBeVisible();
  const count = await questions.count();
  expect(count).toBeGreaterThanOrEqual(4);
  const facts = knownFactsOf(idNumber, registry);
  for (let i = 0; i < count; i += 1) {
    const question = questions.nth(i);
    expect((await question.locator('label').allTextContents()).length).toBeGreaterThanOrEqual(4);
    await question.locator('input[type=radio]').nth(await rightOptionOf(question, facts)).check();
  }
  await page.getByRole('button', { name: /提交答案/ }).click();
  // Refused answers say so at once, instead of leaving the caller to wait out its test for `next`.
  const failed = page.getByTestId('questionnaire-failed');
  await expect
    .poll(async () => (await failed.count()) > 0 || !new URL(page.url()).pathname.startsWith('/enrol'), { timeout: 60_000 })
    .toBe(true);
  if ((await failed.count()) > 0) throw new Error(`gate 3 refused the answers: ${await failed.textContent()}`);
}

/**
 * Gate 2 put off ("暂不进行"): waits until the page the deferral renders says so. Starting gate 3 while
 * that render was still on its way raced it: the questions were answered on a page then replaced, and
 * the redirect to `next` never came (seen with two e2e shards on the cores).
 */
export async function deferRealPersonCheck(page: Page) {
  await page.getByRole('button', { name: /暂不进行/ }).click();
  await expect(deferralRecorded(page)).toBeVisible();
}

/** The line /enrol shows once gate 2 has been put off in this session. */
export function deferralRecorded(page: Page): Locator {
  return page.getByText(dictionaryFor('zh-CN').enrol.deferred);
}

/** On /enrol: puts gate 2 off when it is offered (a session that has passed or put it off is not asked again). */
export async function deferRealPersonCheckIfOffered(page: Page) {
  const later = page.getByRole('button', { name: /暂不进行/ });
  await expect(later.or(page.getByRole('button', { name: /开始答题/ })).first()).toBeVisible();
  if (await later.isVisible()) await deferRealPersonCheck(page);
}

/**
 * From the wallet to L2 in this session: 立即申领 (or 去验证), gate 2 put off when offered, gate 3
 * answered, and back on the wallet.
 */
export async function stepUpFromWallet(page: Page, idNumber: string, registry?: ReturnType<typeof generateRegistry>) {
  await page.goto('/wallet');
  await page.getByRole('link', { name: /立即申领|去验证/ }).click();
  await page.waitForURL(/\/enrol/);
  await deferRealPersonCheckIfOffered(page);
  await answerQuestionnaireOnPage(page, idNumber, registry);
  await page.waitForURL('**/wallet');
}
