// The request hardening of issue 8 against the built server: a nonce-based CSP and the usual headers on
// every page, pages that still work under it, and cross-site state changes refused before they run.
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { readLatestSms } from './support/outbox';
import { E2E_BASE_URL } from './support/paths';
import { generateRegistry, DEMO_CITIZENS } from '@/db/registry-generator';
import { enterStaffCode, enterStaffPassword, nextStaffTotpCode, signInCitizen, signInStaff } from './support/people';

// Registry residents no other spec signs in: the per-person limit of 5 codes in 15 minutes is theirs alone.
const [CSP_CITIZEN, REPLAY_CITIZEN] = generateRegistry(260)
  .residentRows.filter((r) => r.status === 'active' && r.phone && !DEMO_CITIZENS.some((c) => c.phone === r.phone))
  .slice(20, 22)
  .map((r) => ({ name: r.name, idNumber: r.idNumber, phone: r.phone! })) as [{ name: string; idNumber: string; phone: string }, { name: string; idNumber: string; phone: string }];

test.describe.configure({ mode: 'serial' });

/** Collects CSP violations the page reports (the event and the console line both). */
async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI} on ${location.pathname}`);
    });
  });
  return violations;
}

function nonceOf(policy: string | undefined): string {
  const match = /'nonce-([^']+)'/.exec(policy ?? '');
  expect(match, `no nonce in ${policy}`).not.toBeNull();
  return match![1]!;
}

test('[SECURITY] every page carries a per-request nonce CSP and the usual security headers', async ({ request }) => {
  const first = await request.get('/');
  const second = await request.get('/staff/sign-in');
  for (const response of [first, second]) {
    expect(response.status()).toBe(200);
    const headers = response.headers();
    const policy = headers['content-security-policy']!;
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic' 'wasm-unsafe-eval'/);
    for (const directive of [`object-src 'none'`, `base-uri 'self'`, `frame-ancestors 'none'`, `form-action 'self'`, `worker-src 'self' blob:`, `connect-src 'self'`]) {
      expect(policy).toContain(directive);
    }
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['x-powered-by']).toBeUndefined();
    // Plain http here: no HSTS (a browser would ignore it anyway).
    expect(headers['strict-transport-security']).toBeUndefined();
    // Next put this response's nonce on its own scripts.
    const html = await response.text();
    const nonce = nonceOf(policy);
    const scriptNonces = [...html.matchAll(/<script[^>]*\snonce="([^"]+)"/g)].map((m) => m[1]);
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
  }
  expect(nonceOf(first.headers()['content-security-policy'])).not.toBe(nonceOf(second.headers()['content-security-policy']));

  const overHttps = await request.get('/', { headers: { 'x-forwarded-proto': 'https' } });
  expect(overHttps.headers()['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
});

test('[SECURITY] sign-in, wallet, apply and the staff queue work under the CSP with no violation reported', async ({ browser }) => {
  const citizenContext = await browser.newContext({ baseURL: E2E_BASE_URL });
  const citizen = await citizenContext.newPage();
  const citizenViolations = await watchCspViolations(citizen);
  await signInCitizen(citizen, CSP_CITIZEN);
  await citizen.goto('/wallet');
  await expect(citizen.getByRole('heading', { name: /证照卡包/ })).toBeVisible();
  await citizen.goto('/me/apply/household-transfer');
  await expect(citizen.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(citizen.locator('form').first()).toBeVisible();
  expect(citizenViolations).toEqual([]);
  await citizenContext.close();

  const staffContext = await browser.newContext({ baseURL: E2E_BASE_URL });
  const staff = await staffContext.newPage();
  const staffViolations = await watchCspViolations(staff);
  await signInStaff(staff, 'clerk06');
  await staff.goto('/staff/queue');
  await expect(staff.getByTestId('queue-table')).toBeVisible();
  expect(staffViolations).toEqual([]);
  await staffContext.close();
});

test('[SECURITY] a server action replayed without a same-origin Origin is refused with 403 and never runs', async ({ browser }) => {
  // A real action request from the sign-in page: "send me a code" (it writes an SMS when it runs).
  const page = await browser.newPage({ baseURL: E2E_BASE_URL });
  await page.goto('/sign-in');
  await page.getByLabel('姓名').fill(REPLAY_CITIZEN.name);
  await page.getByLabel('公民身份号码').fill(REPLAY_CITIZEN.idNumber);
  await page.getByLabel('手机号码').fill(REPLAY_CITIZEN.phone);
  const actionRequestPromise = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
  await page.getByRole('button', { name: /获取验证码/ }).click();
  const actionRequest = await actionRequestPromise;
  // What is replayed below is this request; that the page accepted it is all this test needs from it.
  expect((await actionRequest.response())?.status()).toBe(200);
  const actionId = actionRequest.headers()['next-action']!;
  const body = actionRequest.postDataBuffer()!;
  const contentType = actionRequest.headers()['content-type']!;
  await page.close();

  const outsider = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  const since = Date.now();
  const attempts: Record<string, string>[] = [
    {}, // no Origin, no Sec-Fetch-Site: a script or a stripped request
    { origin: 'https://evil.example' },
    { origin: 'null' },
    { 'sec-fetch-site': 'cross-site' },
    // The middleware-bypass header (CVE-2025-29927) changes nothing.
    { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' },
    { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware', origin: 'https://evil.example' },
  ];
  for (const extra of attempts) {
    const response = await outsider.post('/sign-in', { headers: { 'next-action': actionId, 'content-type': contentType, ...extra }, data: body });
    expect(response.status(), JSON.stringify(extra)).toBe(403);
  }
  // None of them sent a code.
  await expect(readLatestSms(REPLAY_CITIZEN.phone, since, 1_500)).rejects.toThrow(/No SMS/);

  // The same request from this site is accepted (the check is about origin, not about the action).
  const sameSite = await outsider.post('/sign-in', { headers: { 'next-action': actionId, 'content-type': contentType, origin: new URL(E2E_BASE_URL).origin }, data: body });
  expect(sameSite.status()).toBe(200);
  await outsider.dispose();
});

test('[SECURITY] state-changing route handlers refuse cross-site callers; server-to-server ones keep their own checks', async () => {
  const outsider = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  expect((await outsider.post('/api/qr-sign-in')).status()).toBe(403);
  expect((await outsider.post('/api/qr-sign-in', { headers: { origin: 'https://evil.example' } })).status()).toBe(403);
  expect((await outsider.post('/api/wallet/identity-qr', { headers: { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' } })).status()).toBe(403);
  expect((await outsider.post('/api/face-check', { headers: { 'sec-fetch-site': 'cross-site' } })).status()).toBe(403);
  expect((await outsider.post('/api/qr-sign-in', { headers: { origin: new URL(E2E_BASE_URL).origin } })).status()).toBe(200);
  // The terminal API answers with its own 401 (bearer key), not the cross-site 403.
  expect((await outsider.post('/api/terminal/verify', { headers: { Authorization: 'Bearer eidt_WRONG' }, data: { code: 'x' } })).status()).toBe(401);
  // A signed-out caller with the bypass header still gets no staff page.
  const page = await outsider.get('/staff/queue', { headers: { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' }, maxRedirects: 0 });
  expect(page.status()).toBeGreaterThanOrEqual(300);
  expect(await page.text()).not.toContain('queue-table');
  await outsider.dispose();
});

test('[SESSIONS] a clerk signed in on two computers signs out everywhere from one, and the other is signed out too', async ({ browser }) => {
  const deskContext = await browser.newContext({ baseURL: E2E_BASE_URL });
  const laptopContext = await browser.newContext({ baseURL: E2E_BASE_URL });
  const desk = await deskContext.newPage();
  const laptop = await laptopContext.newPage();
  await signInStaff(desk, 'clerk03');
  await signInStaff(laptop, 'clerk03');
  await laptop.goto('/staff/queue');
  await expect(laptop.getByTestId('queue-table')).toBeVisible();

  await desk.goto('/staff/queue');
  await desk.getByRole('button', { name: /退出所有设备/ }).click();
  await desk.waitForURL('**/staff/sign-in');

  await laptop.goto('/staff/queue');
  await laptop.waitForURL('**/staff/sign-in');
  await expect(laptop.getByRole('heading', { name: /工作人员登录/ })).toBeVisible();
  await deskContext.close();
  await laptopContext.close();
});

test('[2FA] staff sign-in refuses the right password with a wrong or reused authenticator code', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: E2E_BASE_URL });
  const page = await context.newPage();
  await page.goto('/staff/sign-in');
  // The password alone is step one: the code is asked on its own step, and nothing is signed in yet.
  await expect(page.getByLabel('动态验证码')).toHaveCount(0);
  await enterStaffPassword(page, 'clerk04');
  await enterStaffCode(page, '000000');
  await expect(page.locator('#sign-in-error')).toContainText('动态验证码或恢复码错误');
  expect(new URL(page.url()).pathname).toBe('/staff/sign-in');
  expect((await page.request.get('/staff/queue', { maxRedirects: 0 })).status()).toBeGreaterThanOrEqual(300);

  // The right code on the same step signs in; the same code on another computer is refused.
  const code = await nextStaffTotpCode('clerk04');
  await enterStaffCode(page, code);
  await page.waitForURL((url) => url.pathname.startsWith('/staff') && !url.pathname.includes('sign-in'));

  const other = await (await browser.newContext({ baseURL: E2E_BASE_URL })).newPage();
  await other.goto('/staff/sign-in');
  await enterStaffPassword(other, 'clerk04');
  await enterStaffCode(other, code);
  await expect(other.locator('#sign-in-error')).toContainText('动态验证码或恢复码错误');
  await context.close();
});
