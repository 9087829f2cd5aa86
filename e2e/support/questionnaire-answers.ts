// How the e2e citizen knows their own answers: from the same synthetic registry the server seeded
// (deterministic), exactly as a real citizen knows their own plates and former streets.
import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_CITIZENS, generateRegistry } from '@/db/registry-generator';
import { dictionaryFor } from '@/lib/i18n/messages';
import { isLicenceClass, TRAVEL_DOCUMENTS, VEHICLE_MODELS } from '@/lib/identity/questionnaire-data';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';

// The worded options as the Chinese page shows them (the e2e answers in Chinese).
const QUESTION_WORDS = dictionaryFor('zh-CN').enrol.questions;
const districtName = (code: string) => WUHAN_DISTRICTS.find((d) => d.code === code)?.name ?? code;

/** `registry`: the seeded registry the person is in (the demo citizens by default; any resident of the e2e seed may be passed). */
export function knownFactsOf(idNumber: string, registry: ReturnType<typeof generateRegistry> = generateRegistry(DEMO_CITIZENS.length)) {
  const me = registry.residentRows.find((r) => r.idNumber === idNumber);
  if (!me) throw new Error('not a demo citizen');
  const vehicles = registry.vehicleRows.filter((v) => v.ownerResidentId === me.id);
  const moves = registry.addressRows.filter((a) => a.residentId === me.id);
  const licence = registry.licenceRows.find((l) => l.residentId === me.id);
  const violations = registry.violationRows.filter((v) => v.residentId === me.id).sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime());
  const documents = registry.credentialRows.filter((c) => c.residentId === me.id).map((c) => c.kind);
  const family = registry.residentRows.filter((r) => r.householdId === me.householdId && r.id !== me.id);
  return {
    vehicle_plate: () => vehicles.map((v) => v.plate),
    vehicle_model: () => vehicles.flatMap((v) => VEHICLE_MODELS.filter((m) => m.zh === v.model).map((m) => m.zh)),
    former_street: () => moves.map((m) => m.street),
    former_district: () => moves.map((m) => districtName(m.districtCode)),
    licence_class: () => (licence ? [isLicenceClass(licence.licenceClass) ? QUESTION_WORDS.licenceClass[licence.licenceClass] : licence.licenceClass] : []),
    licence_first_year: () => (licence ? [`${licence.firstIssuedOn.slice(0, 4)}年`] : []),
    household_member_surname_given: () => family.map((r) => r.name.slice(1)),
    credential_held: (prompt: string) =>
      TRAVEL_DOCUMENTS.filter((kind) => (prompt.includes('从未') ? !documents.includes(kind) : documents.includes(kind))).map((kind) => QUESTION_WORDS.travelDocument[kind]),
    violation_district: () => (violations[0] ? [districtName(violations[0].districtCode)] : []),
  } as Record<string, (prompt: string) => string[]>;
}

/** The index of the option that is one of the citizen's own facts, in one question of gate 3. */
export async function rightOptionOf(question: Locator, facts: ReturnType<typeof knownFactsOf>): Promise<number> {
  const kind = (await question.getAttribute('data-kind'))!;
  const prompt = (await question.locator('legend').textContent()) ?? '';
  const truths = facts[kind]!(prompt);
  const labels = await question.locator('label').allTextContents();
  const right = labels.findIndex((label) => truths.some((t) => label.trim().startsWith(t)));
  expect(right, `an option of ${kind} is one of my facts: ${truths.join(', ')} in ${labels.join(' | ')}`).toBeGreaterThanOrEqual(0);
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
