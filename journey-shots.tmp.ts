import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { totpCodeForStep, totpStepAt } from '@/lib/auth/totp';

const BASE = 'http://127.0.0.1:3221';
const OUT = '/tmp/jt';
async function latestCode(phone: string, since: number): Promise<string> {
  for (let i = 0; i < 60; i++) {
    const dir = path.join(OUT, 'outbox', 'sms');
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(`-${phone}.json`) && Number(f.split('-')[0]) >= since).sort() : [];
    if (files.length) return JSON.parse(fs.readFileSync(path.join(dir, files.at(-1)!), 'utf8')).code;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('no code');
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
await page.goto(`${BASE}/sign-in`);
await page.screenshot({ path: `${OUT}/signin-signed-out-header.png` });
await page.getByLabel('姓名').fill('王芳');
await page.getByLabel('公民身份号码').fill('420102199503082843');
await page.getByLabel('手机号码').fill('13800000002');
const since = Date.now() - 1000;
await page.getByRole('button', { name: /获取验证码/ }).click();
await page.getByRole('textbox', { name: /^验证码/ }).fill(await latestCode('13800000002', since));
await page.getByRole('button', { name: '登录', exact: true }).click();
await page.waitForURL('**/me');
await page.screenshot({ path: `${OUT}/me-zh.png`, fullPage: true });
await page.getByRole('button', { name: 'Switch to English' }).click();
await page.getByRole('button', { name: /切换到简体中文/ }).waitFor();
await page.screenshot({ path: `${OUT}/me-en.png`, fullPage: true });
await page.getByRole('button', { name: /切换到简体中文/ }).click();
const staff = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
await staff.goto(`${BASE}/staff/sign-in`);
await staff.getByLabel('用户名').fill('supervisor');
await staff.getByLabel('密码').fill('Wuhan-Demo-2026');
await staff.getByRole('button', { name: '登录', exact: true }).click();
await staff.getByLabel('动态验证码').fill(totpCodeForStep('O52WQYLOFVSGK3LPFV2G65DQFUZDAMRW', totpStepAt(new Date())));
await staff.getByRole('button', { name: '验证并登录' }).click();
await staff.waitForURL((u) => u.pathname.startsWith('/staff') && !u.pathname.includes('sign-in'));
await staff.goto(`${BASE}/staff/deliveries`);
await staff.screenshot({ path: `${OUT}/deliveries.png` });
await staff.setViewportSize({ width: 700, height: 900 });
await staff.screenshot({ path: `${OUT}/deliveries-narrow.png` });
await browser.close();
