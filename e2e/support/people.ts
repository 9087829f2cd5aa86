import { createHash } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { demoCitizenIdentities, generateRegistry } from '@/db/registry-generator';
import { totpCodeForStep, totpStepAt } from '@/lib/auth/totp';
import { readLatestSmsCode } from './outbox';

const DEMO_CITIZEN_COUNT = 2;
export const DEMO_PASSWORD = 'Wuhan-Demo-2026';
export const [GRADUATE, SECOND_CITIZEN] = demoCitizenIdentities() as [ReturnType<typeof demoCitizenIdentities>[number], ReturnType<typeof demoCitizenIdentities>[number]];

/**
 * 王芳's husband, from the same deterministic registry as the demo citizens: a third resident who can sign in,
 * so a spec that only needs "a citizen" does not use up the demo citizens' five codes per 15 minutes.
 */
export const SPOUSE = (() => {
  const row = generateRegistry(DEMO_CITIZEN_COUNT).residentRows.find((r) => r.name === '赵俊杰');
  if (!row?.phone) throw new Error('the registry no longer has 赵俊杰 with a phone');
  return { name: row.name, idNumber: row.idNumber, phone: row.phone };
})();

/** A stable private address per person, as the proxy in front of the portal would report their device. */
export function deviceAddressOf(idNumber: string): string {
  const digest = createHash('sha256').update(idNumber).digest();
  return `10.${digest[0]}.${digest[1]}.${digest[2]}`;
}

/** The citizen's gate-1 sign-in as a person does it: details, then the code from the SMS outbox. */
export async function signInCitizen(page: Page, citizen: { name: string; idNumber: string; phone: string }) {
  // Each citizen signs in from their own phone: the per-device limits (lib/security/throttle-rules.ts,
  // e.g. 20 codes per 15 minutes) would otherwise pool every sign-in of the suite, all from 127.0.0.1.
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': deviceAddressOf(citizen.idNumber) });
  await page.goto('/sign-in');
  await page.getByLabel('姓名').fill(citizen.name);
  await page.getByLabel('公民身份号码').fill(citizen.idNumber.toLowerCase());
  await page.getByLabel('手机号码').fill(citizen.phone);
  const since = Date.now() - 1000;
  await page.getByRole('button', { name: /获取验证码/ }).click();
  await expect(page.getByText(/验证码已发送至/)).toBeVisible();
  const code = await readLatestSmsCode(citizen.phone, since);
  await page.getByRole('textbox', { name: /^验证码/ }).fill(code);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL('**/me');
}

// The demo staff are enrolled in TOTP with this secret (db/seed.ts), and a code works once: remember the
// last step used per person and take the next one (the server accepts one step ahead) or wait for it.
export const DEMO_TOTP_SECRET = 'O52WQYLOFVSGK3LPFV2G65DQFUZDAMRW';
const lastTotpStep = new Map<string, number>();

export async function nextStaffTotpCode(username: string): Promise<string> {
  for (;;) {
    const current = totpStepAt(new Date());
    const step = Math.max(current, (lastTotpStep.get(username) ?? -1) + 1);
    if (step <= current + 1) {
      lastTotpStep.set(username, step);
      return totpCodeForStep(DEMO_TOTP_SECRET, step);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** The two steps of staff sign-in: the password, then the code from the app (or a recovery code). */
export async function signInStaff(page: Page, username: string, options: { baseUrl?: string; code?: string } = {}) {
  await page.goto(`${options.baseUrl ?? ''}/staff/sign-in`);
  await enterStaffPassword(page, username);
  await enterStaffCode(page, options.code ?? (await nextStaffTotpCode(username)));
  await page.waitForURL((url) => url.pathname.startsWith('/staff') && !url.pathname.includes('sign-in'));
}

/** Step one, on the staff sign-in page: no session yet. */
export async function enterStaffPassword(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** Step two: the code field appears once the password is accepted. */
export async function enterStaffCode(page: Page, code: string) {
  await page.getByLabel('动态验证码').fill(code);
  await page.getByRole('button', { name: '验证并登录' }).click();
}
