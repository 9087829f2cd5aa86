// Personal data stays out of places it leaks from: the JavaScript and CSS every visitor downloads, and
// the URLs that end up in browser history, proxies and access logs.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { computeCheckDigit } from '@/lib/identity/id-number';
import { E2E_BASE_URL, ROOT } from './support/paths';
import { GRADUATE, SECOND_CITIZEN, signInCitizen, signInStaff, SPOUSE } from './support/people';

const DEMO_PEOPLE = [GRADUATE, SECOND_CITIZEN, SPOUSE];
// 18-character candidates; only those with a valid check digit count as ID numbers.
const ID_CANDIDATE = /\d{17}[\dXx]/g;
const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** Every URL the page requests or navigates to, kept for the assertions at the end. */
function recordUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  page.on('framenavigated', (frame) => urls.push(frame.url()));
  return urls;
}

function personalDataIn(urls: string[]): string[] {
  const found: string[] = [];
  for (const raw of urls) {
    const url = decodeURIComponent(raw);
    for (const m of url.matchAll(ID_CANDIDATE)) if (computeCheckDigit(m[0].slice(0, 17)) === m[0].slice(17).toUpperCase()) found.push(`${m[0]} in ${raw}`);
    for (const person of DEMO_PEOPLE) {
      if (url.includes(person.phone)) found.push(`phone in ${raw}`);
      if (url.includes(person.name)) found.push(`name in ${raw}`);
    }
    for (const m of url.matchAll(PHONE)) found.push(`${m[0]} in ${raw}`);
  }
  return found;
}

test('[PRIVACY] the client bundles carry no demo person’s ID number or phone', async () => {
  const files = filesUnder(path.join(ROOT, '.next', 'static')).filter((f) => /\.(js|css|json|txt)$/.test(f));
  expect(files.length, 'run after `next build`').toBeGreaterThan(10);
  const leaks: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const person of DEMO_PEOPLE) {
      if (text.includes(person.idNumber)) leaks.push(`${person.name}'s ID number in ${path.relative(ROOT, file)}`);
      if (text.includes(person.phone)) leaks.push(`${person.name}'s phone in ${path.relative(ROOT, file)}`);
    }
  }
  expect(leaks).toEqual([]);
});

test('[PRIVACY] no URL a citizen or a clerk visits carries an ID number, a phone or a name', async ({ browser }) => {
  const citizenContext = await browser.newContext({ baseURL: E2E_BASE_URL });
  const citizen = await citizenContext.newPage();
  const citizenUrls = recordUrls(citizen);
  // 赵俊杰: the demo citizens' sign-in codes (five per 15 minutes) are spent by the other journeys.
  await signInCitizen(citizen, SPOUSE);
  for (const target of ['/me', '/me/apply', '/wallet']) {
    await citizen.goto(target);
    await expect(citizen.locator('main')).toBeVisible();
  }
  const firstCase = citizen.locator('a[href^="/me/applications/"]').first();
  await citizen.goto('/me');
  if (await firstCase.count()) {
    await firstCase.click();
    await citizen.waitForURL(/\/me\/applications\//);
  }
  await citizenContext.close();

  const clerkContext = await browser.newContext({ baseURL: E2E_BASE_URL });
  const clerk = await clerkContext.newPage();
  const clerkUrls = recordUrls(clerk);
  await signInStaff(clerk, 'clerk06');
  await clerk.goto('/staff/queue');
  // The clerk searches by the citizen's full ID number: the server keeps it in a cookie, not the URL.
  await clerk.locator('#q').fill(SECOND_CITIZEN.idNumber);
  await clerk.locator('#q').press('Enter');
  await clerk.waitForURL(/idSearch=1/);
  await expect(clerk.getByTestId('queue-table')).toContainText(SECOND_CITIZEN.name);
  await clerk.getByTestId('queue-table').locator('a[href^="/staff/cases/"]').first().click();
  await clerk.waitForURL(/\/staff\/cases\//);
  await clerkContext.close();

  expect(citizenUrls.length).toBeGreaterThan(5);
  expect(personalDataIn([...citizenUrls, ...clerkUrls])).toEqual([]);
});
