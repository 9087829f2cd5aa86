import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CAR_MODELS, STREETS } from '@/db/registry-generator';
import { makeIdNumber } from './id-number';
import { DISTRICT_STREETS, VEHICLE_MODELS } from './questionnaire-data';
import {
  MAX_ATTEMPTS_PER_DAY,
  QUESTION_KINDS,
  QUESTION_TIME_LIMIT_SECONDS,
  generateQuestionnaire,
  nextAttemptState,
  scoreQuestionnaire,
  type CitizenRecords,
  type Question,
  type QuestionKind,
} from './questionnaire';

const SECRET = 'test-secret-for-questionnaire-keys';
const NOW = new Date('2026-11-28T02:00:00Z');

// What the citizen is, beside the records: none of it may ever appear in a question.
const IDENTITY = {
  name: '张伟',
  idNumber: makeIdNumber('420106', '1985-04-12', 123),
  phone: '13912345678',
};

const RICH: CitizenRecords = {
  residentId: '7f1d2c3b-0000-4000-8000-000000000001',
  birthDate: '1985-04-12',
  districtCode: '420106',
  currentAddress: '武汉市武昌区中南路88号3栋1201室',
  formerAddresses: [
    { districtCode: '420106', street: '武珞路', address: '武汉市武昌区武珞路17号', movedOutOn: '2021-03-01' },
    { districtCode: '420111', street: '珞喻路', address: '武汉市洪山区珞喻路152号', movedOutOn: '2016-06-30' },
    { districtCode: '420102', street: '沿江大道', address: '武汉市江岸区沿江大道9号', movedOutOn: '2010-09-01' },
  ],
  vehicles: [
    { plate: '鄂A3B7K9', model: '大众朗逸', registeredOn: '2018-05-02' },
    { plate: '鄂AD12345', model: '比亚迪汉', registeredOn: '2022-09-10' },
  ],
  householdMembers: [
    { relation: 'child', surname: '张', givenName: '子轩', birthYear: 2014 },
    { relation: 'spouse', surname: '陈', givenName: '静怡', birthYear: 1987 },
    { relation: 'parent', surname: '张', givenName: '建国', birthYear: 1958 },
  ],
  credentials: [
    { kind: 'passport', issuedOn: '2019-07-01', expiresOn: '2029-07-01' },
    { kind: 'driving_licence', issuedOn: '2006-08-15', expiresOn: '2032-08-15' },
    { kind: 'vehicle_licence', issuedOn: '2018-05-02', expiresOn: '2099-12-31' },
  ],
  drivingLicence: { class: 'C1', firstIssuedOn: '2006-08-15' },
  violations: [
    { occurredOn: '2021-05-20', district: '洪山区', kind: '闯红灯' },
    { occurredOn: '2023-11-02', district: '420103', kind: '违反禁止停车标志' },
  ],
};

// Exactly four usable kinds: a car (plate, model) and a licence (class, first year).
const SPARSE: CitizenRecords = {
  residentId: '7f1d2c3b-0000-4000-8000-000000000002',
  birthDate: '1998-02-03',
  districtCode: '420111',
  currentAddress: '武汉市洪山区珞喻路300号',
  formerAddresses: [],
  vehicles: [{ plate: '鄂A7Q2M8', model: '本田思域', registeredOn: '2023-01-09' }],
  householdMembers: [],
  credentials: [],
  drivingLicence: { class: 'C2', firstIssuedOn: '2018-07-01' },
  violations: [],
};

const EMPTY: CitizenRecords = {
  residentId: '7f1d2c3b-0000-4000-8000-000000000003',
  birthDate: '2001-06-15',
  districtCode: '420106',
  currentAddress: '武汉市武昌区中北路5号',
  formerAddresses: [],
  vehicles: [],
  householdMembers: [],
  credentials: [],
  drivingLicence: null,
  violations: [],
};

type Generated = { questions: Question[]; answerKey: Record<string, string> };

function generate(records: CitizenRecords, seed: string, exclude: ReadonlySet<string> = new Set(), count?: number): Generated {
  const result = generateQuestionnaire(records, { seed, secret: SECRET, exclude, now: NOW, count });
  if ('error' in result) throw new Error(`expected questions, got ${result.error}`);
  return result;
}

// Every question the records allow, in one go.
function askAll(records: CitizenRecords, seed = 'seed-1'): Generated {
  for (let count = QUESTION_KINDS.length; count >= 4; count -= 1) {
    const result = generateQuestionnaire(records, { seed, secret: SECRET, exclude: new Set(), now: NOW, count });
    if (!('error' in result)) return result;
  }
  throw new Error('not enough data');
}

function questionOf(generated: Generated, kind: QuestionKind) {
  const question = generated.questions.find((q) => q.kind === kind);
  if (!question) throw new Error(`no ${kind} question`);
  const answerId = generated.answerKey[question.key];
  const answer = question.options.find((o) => o.id === answerId);
  if (!answer) throw new Error(`answer of ${kind} is not among its options`);
  return { question, answer, decoys: question.options.filter((o) => o.id !== answerId) };
}

const labels = (options: readonly { labelZh: string }[]) => options.map((o) => o.labelZh);
const letterDigitShape = (plate: string) => plate.replace(/\d/g, '9').replace(/[A-Z]/g, 'L');

describe('generateQuestionnaire: shape', () => {
  it('asks four questions by default, each with four distinct options and its answer among them', () => {
    const { questions, answerKey } = generate(RICH, 'attempt-1');
    expect(questions).toHaveLength(4);
    expect(new Set(questions.map((q) => q.kind)).size).toBe(4);
    for (const q of questions) {
      expect(q.options.length).toBeGreaterThanOrEqual(4);
      expect(new Set(q.options.map((o) => o.id)).size).toBe(q.options.length);
      expect(new Set(labels(q.options)).size).toBe(q.options.length);
      expect(new Set(q.options.map((o) => o.labelEn)).size).toBe(q.options.length);
      expect(q.options.map((o) => o.id)).toContain(answerKey[q.key]);
      expect(q.promptZh).not.toBe('');
      expect(q.promptEn).not.toBe('');
    }
    expect(Object.keys(answerKey).sort()).toEqual(questions.map((q) => q.key).sort());
  });

  it('keeps the answer out of the question objects sent to the browser', () => {
    const { questions } = generate(RICH, 'attempt-1');
    for (const q of questions) {
      expect(Object.keys(q).sort()).toEqual(['key', 'kind', 'options', 'promptEn', 'promptZh']);
      for (const o of q.options) expect(Object.keys(o).sort()).toEqual(['id', 'labelEn', 'labelZh']);
    }
  });

  it('asks every kind for a rich record, one question per kind', () => {
    const { questions } = askAll(RICH);
    expect(questions.map((q) => q.kind).sort()).toEqual([...QUESTION_KINDS].sort());
  });

  it('works with exactly four usable kinds and refuses an empty record', () => {
    expect(generate(SPARSE, 'a').questions.map((q) => q.kind).sort()).toEqual(['licence_class', 'licence_first_year', 'vehicle_model', 'vehicle_plate']);
    expect(generateQuestionnaire(EMPTY, { seed: 'a', secret: SECRET, exclude: new Set(), now: NOW })).toEqual({ error: 'not_enough_data' });
  });

  it('refuses fewer than four questions and an empty secret', () => {
    expect(() => generateQuestionnaire(RICH, { seed: 'a', secret: SECRET, exclude: new Set(), count: 3 })).toThrow(RangeError);
    expect(() => generateQuestionnaire(RICH, { seed: 'a', secret: '', exclude: new Set() })).toThrow(RangeError);
  });
});

describe('generateQuestionnaire: determinism and repetition', () => {
  it('gives the same questionnaire for the same seed and a different one for another seed', () => {
    expect(generate(RICH, 'attempt-1')).toEqual(generate(RICH, 'attempt-1'));
    const others = ['attempt-2', 'attempt-3', 'attempt-4'].map((seed) => generate(RICH, seed));
    expect(others.some((o) => JSON.stringify(o) !== JSON.stringify(generate(RICH, 'attempt-1')))).toBe(true);
  });

  it('keeps a question key stable across seeds and specific to the secret', () => {
    const a = questionOf(askAll(RICH, 'x'), 'vehicle_plate').question.key;
    expect(questionOf(askAll(RICH, 'y'), 'vehicle_plate').question.key).toBe(a);
    const other = generateQuestionnaire(RICH, { seed: 'x', secret: 'another-secret', exclude: new Set(), now: NOW, count: 9 });
    if ('error' in other) throw new Error('unexpected');
    expect(other.questions.find((q) => q.kind === 'vehicle_plate')?.key).not.toBe(a);
  });

  it('never asks an excluded question again and runs out rather than repeat', () => {
    const asked = new Set<string>();
    let attempts = 0;
    for (;;) {
      const result = generateQuestionnaire(RICH, { seed: `attempt-${attempts}`, secret: SECRET, exclude: asked, now: NOW });
      if ('error' in result) {
        expect(result.error).toBe('not_enough_data');
        break;
      }
      for (const q of result.questions) {
        expect(asked.has(q.key)).toBe(false);
        asked.add(q.key);
      }
      attempts += 1;
      expect(attempts).toBeLessThan(10);
    }
    // Nine kinds: two attempts of four, then the last question alone is not enough.
    expect(attempts).toBe(2);
    expect(asked.size).toBe(8);
  });

  it('never pairs the street and district questions of the same district, in one attempt or across attempts', () => {
    const livedInOneDistrict: CitizenRecords = {
      ...RICH,
      formerAddresses: [{ districtCode: '420111', street: '珞喻路', address: '武汉市洪山区珞喻路152号', movedOutOn: '2016-06-30' }],
    };
    const pair = (q: Question) => q.kind === 'former_street' || q.kind === 'former_district';
    for (let i = 0; i < 20; i += 1) {
      const first = askAll(livedInOneDistrict, `s${i}`).questions.filter(pair);
      expect(first).toHaveLength(1); // both exist, never together
      const later = generateQuestionnaire(livedInOneDistrict, { seed: `later${i}`, secret: SECRET, exclude: new Set([first[0]!.key]), now: NOW, count: 4 });
      if ('error' in later) throw new Error('unexpected');
      expect(later.questions.some(pair)).toBe(false);
    }
    // Each alone is available: the street question for one seed, the district question for another.
    const kindsSeen = new Set(Array.from({ length: 20 }, (_, i) => askAll(livedInOneDistrict, `s${i}`).questions.find(pair)?.kind));
    expect(kindsSeen).toEqual(new Set(['former_street', 'former_district']));
  });
});

describe('generateQuestionnaire: decoys', () => {
  it('plate: same city prefix and letter/digit pattern, never another of the citizen\'s plates', () => {
    for (let i = 0; i < 30; i += 1) {
      const nev = questionOf(askAll(RICH, `s${i}`), 'vehicle_plate');
      expect(nev.answer.labelZh).toBe('鄂AD12345'); // the most recently registered car
      for (const o of nev.question.options) {
        expect(o.labelZh).toMatch(/^鄂A[DF]\d{5}$/);
        expect(o.labelZh).not.toBe('鄂A3B7K9');
      }
      const regular = questionOf(askAll({ ...RICH, vehicles: [RICH.vehicles[0]!] }, `s${i}`), 'vehicle_plate');
      expect(regular.answer.labelZh).toBe('鄂A3B7K9');
      for (const o of regular.question.options) {
        expect(o.labelZh.startsWith('鄂A')).toBe(true);
        expect(letterDigitShape(o.labelZh)).toBe(letterDigitShape('鄂A3B7K9'));
        expect(o.labelZh).not.toMatch(/[IO]/);
      }
    }
  });

  it('plate: keeps another city prefix, and the marker letter of a large new-energy plate', () => {
    const q = questionOf(askAll({ ...RICH, vehicles: [{ plate: '鄂B·12345D', model: '比亚迪汉', registeredOn: '2024-01-01' }] }), 'vehicle_plate');
    for (const o of q.question.options) expect(o.labelZh).toMatch(/^鄂B\d{5}[DF]$/);
  });

  it('street: other streets of the same district, never the current street or another own street', () => {
    for (let i = 0; i < 30; i += 1) {
      const q = questionOf(askAll(RICH, `s${i}`), 'former_street');
      expect(q.answer.labelZh).toBe('武珞路');
      for (const o of q.question.options) expect(DISTRICT_STREETS['420106']).toContain(o.labelZh);
      for (const d of labels(q.decoys)) expect(['中南路', '珞喻路', '沿江大道']).not.toContain(d);
    }
  });

  it('street: skips a former street that is also the current one, and districts without enough streets', () => {
    const sameStreet = { ...RICH, formerAddresses: [{ districtCode: '420106', street: '中南路', address: '武汉市武昌区中南路1号', movedOutOn: '2020-01-01' }] };
    expect(askAll(sameStreet).questions.some((q) => q.kind === 'former_street')).toBe(false);
  });

  it('district: never the current district, never another former district', () => {
    for (let i = 0; i < 30; i += 1) {
      const q = questionOf(askAll(RICH, `s${i}`), 'former_district');
      expect(q.answer.labelZh).toBe('洪山区'); // the latest former address outside the current district
      expect(labels(q.question.options)).not.toContain('武昌区');
      expect(labels(q.decoys)).not.toContain('江岸区');
    }
  });

  it('model: same energy type as the answer, never another model the citizen owns', () => {
    for (let i = 0; i < 30; i += 1) {
      const q = questionOf(askAll(RICH, `s${i}`), 'vehicle_model');
      expect(q.answer.labelZh).toBe('比亚迪汉');
      for (const o of q.question.options) expect(VEHICLE_MODELS.find((m) => m.zh === o.labelZh)?.energy).toBe('nev');
      expect(labels(q.decoys)).not.toContain('大众朗逸');
    }
  });

  it('model: recognises every model the registry generator assigns', () => {
    for (const model of CAR_MODELS) {
      const records = { ...SPARSE, vehicles: [{ plate: '鄂A7Q2M8', model, registeredOn: '2023-01-09' }] };
      expect(generate(records, 'm').questions.some((q) => q.kind === 'vehicle_model')).toBe(true);
    }
  });

  it('given name: only given names, of the same length, never another household member\'s', () => {
    for (let i = 0; i < 30; i += 1) {
      const q = questionOf(askAll(RICH, `s${i}`), 'household_member_surname_given');
      expect(q.answer.labelZh).toBe('静怡'); // the spouse comes first
      expect(q.question.promptEn).toContain('spouse');
      for (const o of q.question.options) {
        expect([...o.labelZh]).toHaveLength(2);
        expect(o.labelZh).not.toMatch(/[张陈]/);
      }
      expect(labels(q.decoys)).not.toContain('子轩');
      expect(labels(q.decoys)).not.toContain('建国');
    }
  });

  it('given name: a doubled name gets doubled decoys', () => {
    const records = { ...RICH, householdMembers: [{ relation: 'child' as const, surname: '张', givenName: '婷婷', birthYear: 2012 }] };
    const q = questionOf(askAll(records), 'household_member_surname_given');
    for (const o of q.question.options) expect(o.labelZh).toMatch(/^(.)\1$/u);
  });

  it('credential: asks which one is held when one is, which one is not when three are, else nothing', () => {
    const held = questionOf(askAll(RICH), 'credential_held');
    expect(held.answer.labelZh).toBe('普通护照');
    expect(held.question.options).toHaveLength(4);

    const three = { ...RICH, credentials: (['passport', 'hk_macau_permit', 'taiwan_permit'] as const).map((kind) => ({ kind, issuedOn: '2020-01-01', expiresOn: '2030-01-01' })) };
    const notHeld = questionOf(askAll(three), 'credential_held');
    expect(notHeld.question.promptEn).toContain('never');
    expect(notHeld.answer.labelZh).toBe('居住证');

    const two = { ...RICH, credentials: three.credentials.slice(0, 2) };
    expect(askAll(two).questions.some((q) => q.kind === 'credential_held')).toBe(false);
  });

  it('violation: the most recent one, never another district with a violation of the citizen', () => {
    for (let i = 0; i < 30; i += 1) {
      const q = questionOf(askAll(RICH, `s${i}`), 'violation_district');
      expect(q.answer.labelZh).toBe('江汉区');
      expect(labels(q.decoys)).not.toContain('洪山区');
    }
  });

  it('licence: class among the known classes, first year among the same block of four years', () => {
    const all = askAll(RICH);
    const cls = questionOf(all, 'licence_class');
    expect(cls.answer.labelZh).toContain('C1');
    // Worded options and prompts come from the dictionary (enrol.questions), in both languages, word for word.
    expect(cls.answer).toMatchObject({ labelZh: 'C1（小型汽车）', labelEn: 'C1 (small car)' });
    expect(cls.question).toMatchObject({ promptZh: '您的机动车驾驶证准驾车型是？', promptEn: 'Which vehicle class does your driving licence cover?' });
    const year = questionOf(all, 'licence_first_year');
    expect(year.answer.labelEn).toBe('2006');
    expect(labels(year.question.options).sort()).toEqual(['2003年', '2004年', '2005年', '2006年']);
  });

  it('licence year: no question when the block would reach into the future', () => {
    const young = { ...SPARSE, birthDate: '2006-01-01', drivingLicence: { class: 'C1', firstIssuedOn: '2025-05-01' } };
    const result = generateQuestionnaire(young, { seed: 'a', secret: SECRET, exclude: new Set(), now: NOW });
    expect(result).toEqual({ error: 'not_enough_data' });
  });
});

describe('generateQuestionnaire: privacy', () => {
  it('never shows the name, ID number, phone, birth date, current address or house numbers', () => {
    for (let i = 0; i < 50; i += 1) {
      const text = JSON.stringify(askAll(RICH, `p${i}`).questions);
      for (const value of [
        IDENTITY.name,
        IDENTITY.idNumber,
        IDENTITY.phone,
        RICH.birthDate,
        RICH.birthDate.replaceAll('-', ''),
        RICH.currentAddress,
        '中南路',
        '88号',
        ...RICH.formerAddresses.map((a) => a.address),
        ...RICH.householdMembers.map((m) => m.surname + m.givenName),
      ]) {
        expect(text).not.toContain(value);
      }
      expect(text).not.toMatch(/\d+号/);
    }
  });

  it('uses keys that reveal nothing: not the fact in clear, not a plain hash of any option', () => {
    const { questions } = askAll(RICH);
    for (const q of questions) {
      expect(q.key).toMatch(/^[a-z_]+:[0-9a-f]{16}$/);
      const digest = q.key.split(':')[1] ?? '';
      for (const o of q.options) {
        for (const input of [o.labelZh, o.labelEn, `${q.kind}:${o.labelZh}`]) {
          expect(createHash('sha256').update(input).digest('hex')).not.toContain(digest);
        }
      }
    }
  });
});

describe('generateQuestionnaire: answer position', () => {
  it('spreads the correct option over every position, evenly', () => {
    const perKind = new Map<QuestionKind, Set<number>>();
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 200; i += 1) {
      const { questions, answerKey } = askAll(RICH, `position-${i}`);
      for (const q of questions) {
        const position = q.options.findIndex((o) => o.id === answerKey[q.key]);
        counts[position] = (counts[position] ?? 0) + 1;
        perKind.set(q.kind, (perKind.get(q.kind) ?? new Set()).add(position));
      }
    }
    for (const kind of QUESTION_KINDS) expect(perKind.get(kind)?.size).toBe(4);
    // 1800 questions: about 450 a position; 350–550 is over five standard deviations either side.
    for (const count of counts) expect(count).toBeGreaterThan(350);
    for (const count of counts) expect(count).toBeLessThan(550);
  });
});

describe('questionnaire data', () => {
  it('lists every street under one district only, and keeps the registry generator\'s streets', () => {
    const seen = new Map<string, string>();
    for (const [code, streets] of Object.entries(DISTRICT_STREETS)) {
      for (const street of streets) {
        expect(seen.get(street), `${street} in ${code} and ${seen.get(street)}`).toBeUndefined();
        seen.set(street, code);
      }
      for (const street of STREETS[code] ?? []) expect(streets).toContain(street);
      expect(streets.length).toBeGreaterThanOrEqual(7);
    }
  });
});

describe('scoreQuestionnaire', () => {
  const startedAt = new Date('2026-11-28T02:00:00Z');
  const { questions, answerKey } = generate(RICH, 'score');
  const at = (seconds: number) => new Date(startedAt.getTime() + seconds * 1000);
  const allAt = (seconds: number) => Object.fromEntries(questions.map((q) => [q.key, at(seconds)]));
  const wrongOption = (q: Question) => q.options.find((o) => o.id !== answerKey[q.key])?.id ?? '';

  it('passes when every answer is right and in time', () => {
    expect(scoreQuestionnaire(answerKey, { ...answerKey }, { startedAt, answeredAt: allAt(60), now: at(300) })).toEqual({
      passed: true,
      correct: 4,
      total: 4,
      timedOut: [],
    });
  });

  it('fails with one wrong answer', () => {
    const [first] = questions;
    if (!first) throw new Error('no question');
    const answers = { ...answerKey, [first.key]: wrongOption(first) };
    expect(scoreQuestionnaire(answerKey, answers, { startedAt, answeredAt: allAt(60), now: at(300) })).toMatchObject({ passed: false, correct: 3, total: 4 });
  });

  it('fails a right answer given after count × 2 minutes and lists it', () => {
    const [first] = questions;
    if (!first) throw new Error('no question');
    const limit = 4 * QUESTION_TIME_LIMIT_SECONDS;
    const answeredAt = { ...allAt(60), [first.key]: at(limit + 1) };
    const result = scoreQuestionnaire(answerKey, { ...answerKey }, { startedAt, answeredAt, now: at(limit + 5) });
    expect(result).toEqual({ passed: false, correct: 3, total: 4, timedOut: [first.key] });
    // Exactly on the limit is still in time.
    expect(scoreQuestionnaire(answerKey, { ...answerKey }, { startedAt, answeredAt: allAt(limit), now: at(limit) }).passed).toBe(true);
  });

  it('lists unanswered questions once the time is up, and only then', () => {
    const [first, ...rest] = questions;
    if (!first) throw new Error('no question');
    const answers = Object.fromEntries(rest.map((q) => [q.key, answerKey[q.key] ?? '']));
    expect(scoreQuestionnaire(answerKey, answers, { startedAt, answeredAt: allAt(30), now: at(100) }).timedOut).toEqual([]);
    expect(scoreQuestionnaire(answerKey, answers, { startedAt, answeredAt: allAt(30), now: at(481) })).toEqual({ passed: false, correct: 3, total: 4, timedOut: [first.key] });
  });

  it('does not count an answer stamped before the start, nor pass an empty answer key', () => {
    expect(scoreQuestionnaire(answerKey, { ...answerKey }, { startedAt, answeredAt: allAt(-5), now: at(60) })).toMatchObject({ passed: false, correct: 0 });
    expect(scoreQuestionnaire({}, {}, { startedAt, answeredAt: {}, now: at(1) }).passed).toBe(false);
  });
});

describe('nextAttemptState', () => {
  const hour = 60 * 60 * 1000;
  const t0 = new Date('2026-11-28T00:00:00Z');
  const after = (hours: number) => new Date(t0.getTime() + hours * hour);
  const failed = (hours: number) => ({ startedAt: after(hours), passed: false });

  it('allows three attempts a day and counts down', () => {
    expect(nextAttemptState([], t0)).toEqual({ allowed: true, remaining: MAX_ATTEMPTS_PER_DAY });
    expect(nextAttemptState([failed(0)], after(1))).toEqual({ allowed: true, remaining: 2 });
    expect(nextAttemptState([failed(0), failed(1)], after(2))).toEqual({ allowed: true, remaining: 1 });
  });

  it('locks after three attempts within 24 hours until the oldest leaves the window', () => {
    const attempts = [failed(5), failed(0), failed(3)];
    expect(nextAttemptState(attempts, after(6))).toEqual({ allowed: false, unlockAt: after(24) });
    expect(nextAttemptState(attempts, after(23.99))).toMatchObject({ allowed: false });
    expect(nextAttemptState(attempts, after(24))).toEqual({ allowed: true, remaining: 1 });
  });

  it('ignores attempts older than 24 hours', () => {
    expect(nextAttemptState([failed(0), failed(1), failed(2)], after(30))).toEqual({ allowed: true, remaining: 3 });
    expect(nextAttemptState([failed(0), failed(10), failed(20)], after(25))).toEqual({ allowed: true, remaining: 1 });
  });

  it('after a pass, counts only the attempts since', () => {
    expect(nextAttemptState([failed(0), failed(1), { startedAt: after(2), passed: true }], after(3))).toEqual({ allowed: true, remaining: 3 });
  });
});
