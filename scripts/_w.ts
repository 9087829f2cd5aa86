import fs from 'node:fs'; import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { totpCodeForStep, totpStepAt } from '@/lib/auth/totp';
const who = process.argv[2]!;
(async () => {
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const mobile = who === 'citizen';
  const ctx = await b.newContext({ baseURL: 'http://localhost:3300', viewport: mobile ? { width: 390, height: 844 } : { width: 1366, height: 900 } });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  page.on('console', (m) => { if (m.type() === 'error') console.log('console error:', m.text(), page.url()); });
  if (mobile) {
    await page.goto('/sign-in');
    await page.getByLabel('姓名').fill('王芳'); await page.getByLabel('公民身份号码').fill('420102199503082843'); await page.getByLabel('手机号码').fill('13800000002');
    const since = Date.now() - 1000;
    await page.getByRole('button', { name: /获取验证码/ }).click();
    const dir = '.data/outbox/sms'; let code = '';
    for (let i = 0; i < 50 && !code; i++) { const f = fs.readdirSync(dir).filter((f) => f.endsWith('-13800000002.json') && Number(f.split('-')[0]) >= since).sort(); if (f.length) code = JSON.parse(fs.readFileSync(path.join(dir, f.at(-1)!), 'utf8')).code; else await new Promise((r) => setTimeout(r, 200)); }
    await page.getByRole('textbox', { name: /^验证码/ }).fill(code); await page.getByRole('button', { name: '登录', exact: true }).click(); await page.waitForURL('**/me');
  } else {
    await page.goto('/staff/sign-in');
    await page.getByLabel('用户名').fill(who); await page.getByLabel('密码').fill('Wuhan-Demo-2026');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByLabel('动态验证码').fill(totpCodeForStep('O52WQYLOFVSGK3LPFV2G65DQFUZDAMRW', totpStepAt(new Date()) + Number(process.env.STEP ?? 0)));
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/staff') && !u.pathname.includes('sign-in'));
  }
  for (const [i, url] of process.argv.slice(3).entries()) {
    if (url.startsWith('click:')) { await page.getByRole('link', { name: new RegExp(url.slice(6)) }).first().click(); await page.waitForTimeout(3000); }
    else { await page.goto(url); await page.waitForLoadState('networkidle'); }
    await page.screenshot({ path: `/work/scratch/shots/w-${who}-${i}.png`, fullPage: true }); console.log(i, page.url(), await page.evaluate(() => document.body.scrollHeight));
  }
  await b.close();
})();
