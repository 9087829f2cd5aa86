import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now and fails on any serious or
 * critical violation, naming the rule and the elements so the failure says what to fix.
 */
export async function expectNoSeriousA11yViolations(page: Page, label = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
  expect(serious, `accessibility violations on ${label}`).toEqual([]);
}

/** The language switcher in the header, whichever language the page is in. */
export function languageSwitcher(page: Page) {
  return page.locator('form.language-switcher button');
}

/** Switches the page to the other language with the header's switcher and waits for it to re-render. */
export async function switchLanguage(page: Page, to: 'en' | 'zh-CN') {
  await languageSwitcher(page).click();
  await expect(page.locator('html')).toHaveAttribute('lang', to === 'en' ? 'en-GB' : 'zh-CN');
}

/**
 * Checks the page as it is in Chinese, switches to English with the header's switcher, checks it again, and
 * switches back, so a spec can check a page only it can reach (e.g. a case in a given state) in both languages.
 */
export async function expectAccessibleInBothLanguages(page: Page, label = page.url()): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expectNoSeriousA11yViolations(page, `${label} (zh-CN)`);
  await switchLanguage(page, 'en');
  await expectNoSeriousA11yViolations(page, `${label} (en)`);
  await switchLanguage(page, 'zh-CN');
}
