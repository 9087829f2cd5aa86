// The e2e journeys answer gate 3 with knownFactsOf + rightOptionIndex. A wrong answer there fails a
// journey by chance (the questions and decoys are drawn per attempt), so this checks the helper against
// the answer keys the server generates, from the records the server loads, over many attempts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { generateRegistry } from '@/db/registry-generator';
import { loadCitizenRecords } from '@/lib/identity/citizen-records';
import { generateQuestionnaire, QUESTION_KINDS, type Question } from '@/lib/identity/questionnaire';
import { knownFactsOf, rightOptionIndex } from './questionnaire-facts';
import { openSeededDatabase, TEST_TARGETS } from './test-databases';

const SECRET = 'questionnaire-facts-test-secret';
const NOW = new Date('2026-12-06T23:00:00Z');
// The test seed's 60 residents (seedTestData): the e2e seed's first residents are the same people.
const REGISTRY = generateRegistry(60);
const ATTEMPTS_EACH = 40;
// The demo citizens and their families answer in most journeys: many more attempts for them.
const FAMILY_ATTEMPTS = 400;

/** What the page shows: the legend numbered, each label with a leading space. */
const shown = (question: Question, index: number) => ({ prompt: `${index + 1}. ${question.promptZh}`, labels: question.options.map((o) => ` ${o.labelZh}`) });

describe.each(TEST_TARGETS)('the e2e answers to gate 3 on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  it('are the server’s answer keys, for every kind of question, whoever is asked', async () => {
    const asked = new Set<string>();
    let attempts = 0;
    for (const [index, resident] of REGISTRY.residentRows.entries()) {
      if (resident.status !== 'active') continue;
      const records = await loadCitizenRecords(connection.db, resident.id);
      expect(records, resident.name).toBeDefined();
      const facts = knownFactsOf(resident.idNumber, REGISTRY);
      const count = index < 5 ? FAMILY_ATTEMPTS : ATTEMPTS_EACH;
      for (let n = 0; n < count; n += 1) {
        const generated = generateQuestionnaire(records!, { seed: `${resident.id}-${n}`, secret: SECRET, exclude: new Set(), now: NOW });
        if ('error' in generated) break; // too few records for a questionnaire: the same for every seed
        attempts += 1;
        generated.questions.forEach((question, i) => {
          const { prompt, labels } = shown(question, i);
          const right = rightOptionIndex(facts, question.kind, prompt, labels);
          expect(question.options[right]?.id, `${resident.name}: ${question.kind} ${labels.join(' |')}`).toBe(generated.answerKey[question.key]);
          asked.add(question.kind);
        });
      }
    }
    expect(attempts).toBeGreaterThan(2_000);
    expect([...asked].sort()).toEqual([...QUESTION_KINDS].sort());
  });

  it('does not take a decoy that begins with a relative’s name for the answer (李建国’s spouse 秀兰 among decoys like 静怡, his daughter being 李静)', async () => {
    const father = REGISTRY.residentRows.find((r) => r.name === '李建国')!;
    const records = await loadCitizenRecords(connection.db, father.id);
    const facts = knownFactsOf(father.idNumber, REGISTRY);
    let seen = 0;
    for (let n = 0; n < 2_000 && seen < 3; n += 1) {
      const generated = generateQuestionnaire(records!, { seed: `spouse-${n}`, secret: SECRET, exclude: new Set(), now: NOW });
      if ('error' in generated) throw new Error('李建国 has records for a questionnaire');
      generated.questions.forEach((question, i) => {
        const { prompt, labels } = shown(question, i);
        const answerAt = question.options.findIndex((o) => o.id === generated.answerKey[question.key]);
        const prefixed = labels.findIndex((label) => label.trim().startsWith('静'));
        if (question.kind !== 'household_member_surname_given' || prefixed < 0 || prefixed > answerAt) return;
        seen += 1;
        expect(question.options[answerAt]!.labelZh).toBe('秀兰');
        expect(rightOptionIndex(facts, question.kind, prompt, labels)).toBe(answerAt);
      });
    }
    expect(seen, 'attempts whose decoy 静… comes before the answer').toBe(3);
  });
});
