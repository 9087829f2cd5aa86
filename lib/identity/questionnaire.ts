// Gate 3 of the e-ID (基于用户记忆的动态问卷): multiple-choice questions generated from the citizen's own
// registry records. Pure domain logic: the caller maps database rows into CitizenRecords, stores the
// answer key server-side and records every attempt.
//
// Design rules, each enforced below:
// - Exactly one correct option per question, never a "none of the above": a rarely-correct "none" is
//   what a hurried genuine citizen picks, and an always-wrong one is a free elimination.
// - Decoys come from the same pool and share the answer's format, and never equal another true fact of
//   the citizen; values an impostor may already know (current street, current district) never appear.
// - At most one question per kind, about one canonical fact (e.g. the most recently registered car):
//   two questions of one kind would leak through their option sets, because each excludes the other's
//   answer (an option shown in both must be a decoy).
// - Keys and option order are derived with HMAC from a server secret: a plain hash of the answer in
//   the key would let the browser hash each option and find the match, and a public seed alone would
//   let anyone replay the shuffle.
import 'server-only';
import { createHmac } from 'node:crypto';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { dictionaryFor, type MessageKey } from '@/lib/i18n/messages';
import { createTranslator, type MessageVars } from '@/lib/i18n/translate';
import {
  DISTRICT_NAMES_EN,
  DISTRICT_STREETS,
  GIVEN_NAME_CHARS,
  LICENCE_CLASSES,
  TRAVEL_DOCUMENTS,
  VEHICLE_MODELS,
  isLicenceClass,
  type LicenceClass,
  type TravelDocument,
  type VehicleModel,
} from './questionnaire-data';

export type CitizenRecords = {
  residentId: string;
  birthDate: string; // YYYY-MM-DD
  districtCode: string;
  currentAddress: string;
  formerAddresses: { districtCode: string; street: string; address: string; movedOutOn: string }[];
  vehicles: { plate: string /* e.g. '鄂A12345' */; model: string; registeredOn: string }[];
  householdMembers: { relation: 'spouse' | 'child' | 'parent' | 'other'; surname: string; givenName: string; birthYear: number }[];
  credentials: {
    kind: 'passport' | 'hk_macau_permit' | 'taiwan_permit' | 'residence_permit' | 'driving_licence' | 'vehicle_licence';
    issuedOn: string;
    expiresOn: string;
  }[];
  drivingLicence: { class: string /* 'C1', 'C2', 'B2', 'A1' … */; firstIssuedOn: string } | null;
  violations: { occurredOn: string; district: string /* district code or name */; kind: string }[];
};

export const QUESTION_KINDS = [
  'vehicle_plate',
  'vehicle_model',
  'former_street',
  'former_district',
  'licence_class',
  'licence_first_year',
  'household_member_surname_given',
  'credential_held',
  'violation_district',
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export type QuestionOption = { id: string; labelZh: string; labelEn: string };

/** Safe to send to the browser: no answer inside, and the key is an HMAC, not a hash of the answer. */
export type Question = {
  key: string;
  kind: QuestionKind;
  promptZh: string;
  promptEn: string;
  options: QuestionOption[];
};

export type GenerateQuestionnaireOptions = {
  /** Per attempt (e.g. the attempt id): different attempts get different decoys and positions. */
  seed: string;
  /** Server-side secret (e.g. from the environment); must stay stable, or `exclude` stops matching. */
  secret: string;
  /** Keys of every question shown in earlier attempts. */
  exclude: ReadonlySet<string>;
  count?: number;
  /** Bounds the licence-year options; defaults to the current time. */
  now?: Date;
};

export type GenerateQuestionnaireResult =
  | { questions: Question[]; answerKey: Record<string, string> }
  | { error: 'not_enough_data' };

export type ScoreResult = { passed: boolean; correct: number; total: number; timedOut: string[] };

export type AttemptState = { allowed: true; remaining: number } | { allowed: false; unlockAt: Date };

export const MIN_QUESTIONS = 4;
export const OPTIONS_PER_QUESTION = 4;
export const QUESTION_TIME_LIMIT_SECONDS = 120;
export const MAX_ATTEMPTS_PER_DAY = 3;
const DAY_MS = 24 * 60 * 60 * 1000;
const OPTION_IDS = ['a', 'b', 'c', 'd'] as const;

// Weak kinds are guessable from base rates (most licences are C1; most travellers hold a passport), so
// they only fill a questionnaire when the strong kinds have run out.
const WEAK_KINDS: ReadonlySet<QuestionKind> = new Set<QuestionKind>(['licence_class', 'credential_held']);

// ---------------------------------------------------------------------------------------------------
// Deterministic randomness: HMAC-SHA256 in counter mode, keyed by the server secret.

type Rng = {
  below: (n: number) => number;
  shuffle: <T>(items: readonly T[]) => T[];
  sample: <T>(items: readonly T[], k: number) => T[];
};

function createRng(secret: string, label: string): Rng {
  const key = createHmac('sha256', secret).update(`questionnaire-rng\u0000${label}`).digest();
  let block = Buffer.alloc(0);
  let offset = 0;
  let counter = 0;
  const nextUint32 = () => {
    if (offset + 4 > block.length) {
      block = createHmac('sha256', key).update(String(counter++)).digest();
      offset = 0;
    }
    const value = block.readUInt32BE(offset);
    offset += 4;
    return value;
  };
  // Rejection sampling: a plain modulo would favour low values, i.e. the first option positions.
  const below = (n: number) => {
    const limit = Math.floor(0x1_0000_0000 / n) * n;
    for (;;) {
      const value = nextUint32();
      if (value < limit) return value % n;
    }
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = below(i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  return { below, shuffle, sample: (items, k) => shuffle(items).slice(0, k) };
}

// ---------------------------------------------------------------------------------------------------
// Generators: one canonical fact per kind, or null when the citizen has no usable data of that kind.

type Choice = { labelZh: string; labelEn: string };

/** Prompts and worded options (not registry values) come from the dictionary. */
type QuestionText = Extract<MessageKey, `enrol.questions.${string}`>;

// An attempt's questions are stored and shown in either language (the reader may switch mid-attempt),
// so the words go in both at generation time.
const inChinese = createTranslator('zh-CN', dictionaryFor('zh-CN')).t;
const inEnglish = createTranslator('en', dictionaryFor('en')).t;

function wordedChoice(key: QuestionText, vars?: MessageVars): Choice {
  return { labelZh: inChinese(key, vars), labelEn: inEnglish(key, vars) };
}

type Draft = {
  kind: QuestionKind;
  key: string;
  prompt: QuestionText;
  answer: Choice;
  decoys: Choice[];
  /** Keys whose question would give this one away (and vice versa): never in the same or a later attempt. */
  blockedBy: string[];
};

type Context = {
  keyFor: (kind: QuestionKind, fact: string) => string;
  rngFor: (key: string) => Rng;
  now: Date;
};

type Generator = (records: CitizenRecords, ctx: Context) => Draft | null;

const byDateDesc = <T>(pick: (item: T) => string) => (a: T, b: T) => pick(b).localeCompare(pick(a));

function districtChoice(code: string): Choice {
  return { labelZh: WUHAN_DISTRICTS.find((d) => d.code === code)?.name ?? code, labelEn: DISTRICT_NAMES_EN[code] ?? code };
}

function resolveDistrict(value: string): string | null {
  const trimmed = value.trim();
  return WUHAN_DISTRICTS.find((d) => d.code === trimmed || d.name === trimmed)?.code ?? null;
}

// Streets the citizen is known to live or have lived on; used to keep them out of every decoy set.
function ownStreets(records: CitizenRecords): Set<string> {
  const own = new Set(records.formerAddresses.map((a) => a.street.trim()));
  for (const streets of Object.values(DISTRICT_STREETS)) {
    for (const street of streets) if (records.currentAddress.includes(street)) own.add(street);
  }
  return own;
}

const PLATE_PATTERN = /^(\p{Script=Han})([A-Z])([A-HJ-NP-Z0-9]{5,6})$/u;
const PLATE_LETTERS = [...'ABCDEFGHJKLMNPQRSTUVWXYZ'];
// New-energy plates use only these letters (D/F/A–K mark electric or hybrid).
const NEV_PLATE_LETTERS = [...'ABCDEFGHJK'];
const DIGITS = [...'0123456789'];

function normalizePlate(plate: string): string {
  return plate.replace(/[\s·•.\-]/g, '').toUpperCase();
}

const vehiclePlate: Generator = (records, ctx) => {
  const own = new Set(records.vehicles.map((v) => normalizePlate(v.plate)));
  const vehicle = [...records.vehicles]
    .sort(byDateDesc((v) => v.registeredOn))
    .find((v) => PLATE_PATTERN.test(normalizePlate(v.plate)));
  if (!vehicle) return null;
  const plate = normalizePlate(vehicle.plate);
  const [, province = '', city = '', body = ''] = PLATE_PATTERN.exec(plate) ?? [];
  const key = ctx.keyFor('vehicle_plate', plate);
  const rng = ctx.rngFor(key);
  // Same prefix and the same letter/digit pattern as the true plate: nothing to eliminate by format.
  // A new-energy plate's marker letter (first for small cars, last for large ones) stays in its group:
  // D/F of the first scheme, or the letters added later.
  const nev = body.length === 6;
  const markerLetters = (c: string) => ('DF'.includes(c) ? [...'DF'] : NEV_PLATE_LETTERS.filter((l) => !'DF'.includes(l)));
  const charsFor = (c: string, i: number) =>
    /\d/.test(c) ? DIGITS : nev && (i === 0 || i === body.length - 1) ? markerLetters(c) : PLATE_LETTERS;
  const decoys = new Set<string>();
  for (let tries = 0; decoys.size < OPTIONS_PER_QUESTION - 1 && tries < 200; tries += 1) {
    const decoy = province + city + [...body].map((c, i) => { const pool = charsFor(c, i); return pool[rng.below(pool.length)] ?? c; }).join('');
    if (!own.has(decoy)) decoys.add(decoy);
  }
  return {
    kind: 'vehicle_plate',
    key,
    prompt: 'enrol.questions.prompt.vehicle_plate',
    answer: { labelZh: plate, labelEn: plate },
    decoys: [...decoys].map((d) => ({ labelZh: d, labelEn: d })),
    blockedBy: [],
  };
};

function normalizeModel(model: string): string {
  return model.replace(/[\s·\-]/g, '').toLowerCase();
}

function findModel(model: string): VehicleModel | undefined {
  const wanted = normalizeModel(model);
  return VEHICLE_MODELS.find((m) => normalizeModel(m.zh) === wanted || normalizeModel(m.en) === wanted);
}

const vehicleModel: Generator = (records, ctx) => {
  const own = new Set(records.vehicles.map((v) => findModel(v.model)).filter((m) => m !== undefined));
  const model = [...records.vehicles].sort(byDateDesc((v) => v.registeredOn)).map((v) => findModel(v.model)).find((m) => m !== undefined);
  if (!model) return null;
  const key = ctx.keyFor('vehicle_model', model.zh);
  const pool = VEHICLE_MODELS.filter((m) => m.energy === model.energy && !own.has(m));
  return {
    kind: 'vehicle_model',
    key,
    prompt: 'enrol.questions.prompt.vehicle_model',
    answer: { labelZh: model.zh, labelEn: model.en },
    decoys: ctx.rngFor(key).sample(pool, OPTIONS_PER_QUESTION - 1).map((m) => ({ labelZh: m.zh, labelEn: m.en })),
    blockedBy: [],
  };
};

const formerStreetKey = (ctx: Context, districtCode: string, street: string) => ctx.keyFor('former_street', `${districtCode}|${street}`);
const formerDistrictKey = (ctx: Context, districtCode: string) => ctx.keyFor('former_district', districtCode);

const formerStreet: Generator = (records, ctx) => {
  const own = ownStreets(records);
  // The current street is never shown, not even as the answer: an impostor may well know it.
  const address = [...records.formerAddresses]
    .sort(byDateDesc((a) => a.movedOutOn))
    .find((a) => DISTRICT_STREETS[a.districtCode]?.includes(a.street.trim()) && !records.currentAddress.includes(a.street.trim()));
  if (!address) return null;
  const street = address.street.trim();
  const key = formerStreetKey(ctx, address.districtCode, street);
  const pool = (DISTRICT_STREETS[address.districtCode] ?? []).filter((s) => !own.has(s));
  return {
    kind: 'former_street',
    key,
    prompt: 'enrol.questions.prompt.former_street',
    answer: { labelZh: street, labelEn: street },
    decoys: ctx.rngFor(key).sample(pool, OPTIONS_PER_QUESTION - 1).map((s) => ({ labelZh: s, labelEn: s })),
    // Streets give their district away to anyone who knows Wuhan.
    blockedBy: [formerDistrictKey(ctx, address.districtCode)],
  };
};

const formerDistrict: Generator = (records, ctx) => {
  const own = new Set([records.districtCode, ...records.formerAddresses.map((a) => a.districtCode)]);
  // A former address in the current district is skipped: the current district must never appear, or an
  // impostor who knows it would know that, when shown, it is the answer.
  const address = [...records.formerAddresses]
    .sort(byDateDesc((a) => a.movedOutOn))
    .find((a) => a.districtCode !== records.districtCode && a.districtCode in DISTRICT_NAMES_EN);
  if (!address) return null;
  const key = formerDistrictKey(ctx, address.districtCode);
  const pool = WUHAN_DISTRICTS.map((d) => d.code).filter((code) => !own.has(code));
  return {
    kind: 'former_district',
    key,
    prompt: 'enrol.questions.prompt.former_district',
    answer: districtChoice(address.districtCode),
    decoys: ctx.rngFor(key).sample(pool, OPTIONS_PER_QUESTION - 1).map(districtChoice),
    blockedBy: records.formerAddresses
      .filter((a) => a.districtCode === address.districtCode)
      .map((a) => formerStreetKey(ctx, a.districtCode, a.street.trim())),
  };
};

const licenceClass: Generator = (records, ctx) => {
  const licenceClassCode = records.drivingLicence?.class.trim().toUpperCase();
  if (licenceClassCode === undefined || !isLicenceClass(licenceClassCode)) return null;
  const key = ctx.keyFor('licence_class', licenceClassCode);
  const pool = LICENCE_CLASSES.filter((code) => code !== licenceClassCode);
  const classChoice = (code: LicenceClass) => wordedChoice(`enrol.questions.licenceClass.${code}`);
  return {
    kind: 'licence_class',
    key,
    prompt: 'enrol.questions.prompt.licence_class',
    answer: classChoice(licenceClassCode),
    decoys: ctx.rngFor(key).sample(pool, OPTIONS_PER_QUESTION - 1).map(classChoice),
    blockedBy: [],
  };
};

function shanghaiYear(date: Date): number {
  return new Date(date.getTime() + 8 * 60 * 60 * 1000).getUTCFullYear();
}

const licenceFirstYear: Generator = (records, ctx) => {
  if (!records.drivingLicence) return null;
  const year = Number(records.drivingLicence.firstIssuedOn.slice(0, 4));
  const minYear = Number(records.birthDate.slice(0, 4)) + 18; // the minimum age for a first licence
  const maxYear = shanghaiYear(ctx.now);
  if (!Number.isInteger(year) || year < minYear || year > maxYear) return null;
  // Fixed blocks of four years counted from the 18th birthday: every year in a block yields that same
  // block, so the option set says nothing about which year is the answer. A window centred on the
  // answer and clipped at the 18th birthday would point at the early years.
  const start = minYear + Math.floor((year - minYear) / OPTIONS_PER_QUESTION) * OPTIONS_PER_QUESTION;
  if (start + OPTIONS_PER_QUESTION - 1 > maxYear) return null; // a partial block would include future years
  const yearChoice = (y: number): Choice => wordedChoice('enrol.questions.year', { year: y });
  return {
    kind: 'licence_first_year',
    key: ctx.keyFor('licence_first_year', String(year)),
    prompt: 'enrol.questions.prompt.licence_first_year',
    answer: yearChoice(year),
    decoys: [0, 1, 2, 3].map((i) => start + i).filter((y) => y !== year).map(yearChoice),
    blockedBy: [],
  };
};

type NameLean = keyof typeof GIVEN_NAME_CHARS | 'mixed';

function nameLean(name: readonly string[]): NameLean {
  const male = name.some((c) => (GIVEN_NAME_CHARS.male as readonly string[]).includes(c));
  const female = name.some((c) => (GIVEN_NAME_CHARS.female as readonly string[]).includes(c));
  if (male && female) return 'mixed';
  return male ? 'male' : female ? 'female' : 'neutral';
}

const householdMember: Generator = (records, ctx) => {
  const own = new Set(records.householdMembers.map((m) => m.givenName.trim()));
  const order = { spouse: 0, child: 1, parent: 2, other: 3 } as const;
  const member = [...records.householdMembers]
    .filter((m) => m.relation !== 'other' && [1, 2].includes([...m.givenName.trim()].length))
    .sort((a, b) => order[a.relation] - order[b.relation] || a.birthYear - b.birthYear)[0];
  if (!member || member.relation === 'other') return null;
  const given = [...member.givenName.trim()];
  const lean = nameLean(given);
  // Decoys are built from characters of the same lean as the true name, with the same length and the
  // same shape (婷婷-style doubled names get doubled decoys), so no option stands out.
  const chars: readonly string[] =
    lean === 'mixed' ? [...GIVEN_NAME_CHARS.male, ...GIVEN_NAME_CHARS.female, ...GIVEN_NAME_CHARS.neutral]
    : lean === 'neutral' ? GIVEN_NAME_CHARS.neutral
    : [...GIVEN_NAME_CHARS[lean], ...GIVEN_NAME_CHARS.neutral];
  const doubled = given.length === 2 && given[0] === given[1];
  const key = ctx.keyFor('household_member_surname_given', `${member.relation}|${member.givenName.trim()}|${member.birthYear}`);
  const rng = ctx.rngFor(key);
  const decoys = new Set<string>();
  for (let tries = 0; decoys.size < OPTIONS_PER_QUESTION - 1 && tries < 200; tries += 1) {
    const first = chars[rng.below(chars.length)] ?? '';
    const second = chars[rng.below(chars.length)] ?? '';
    const decoy = given.length === 1 ? first : doubled ? first + first : first + second;
    if ([...decoy].length !== given.length || (!doubled && given.length === 2 && first === second)) continue;
    if (own.has(decoy) || nameLean([...decoy]) !== lean) continue;
    decoys.add(decoy);
  }
  return {
    kind: 'household_member_surname_given',
    key,
    prompt: `enrol.questions.prompt.member_${member.relation}`,
    answer: { labelZh: given.join(''), labelEn: given.join('') },
    decoys: [...decoys].map((d) => ({ labelZh: d, labelEn: d })),
    blockedBy: [],
  };
};

const credentialHeld: Generator = (records, ctx) => {
  const kinds = TRAVEL_DOCUMENTS;
  const held = kinds.filter((k) => records.credentials.some((c) => c.kind === k));
  // All four documents are always the options, so exactly one must differ from the rest: holding one
  // asks which is held, holding three asks which is not. Holding none, two or all four: no question.
  const mode = held.length === 1 ? 'held' : held.length === kinds.length - 1 ? 'not_held' : null;
  if (mode === null) return null;
  const answerKind = mode === 'held' ? held[0] : kinds.find((k) => !held.includes(k));
  if (!answerKind) return null;
  const choice = (k: TravelDocument): Choice => wordedChoice(`enrol.questions.travelDocument.${k}`);
  return {
    kind: 'credential_held',
    key: ctx.keyFor('credential_held', `${mode}|${held.join(',')}`),
    prompt: mode === 'held' ? 'enrol.questions.prompt.credential_held' : 'enrol.questions.prompt.credential_not_held',
    answer: choice(answerKind),
    decoys: kinds.filter((k) => k !== answerKind).map(choice),
    blockedBy: [],
  };
};

const violationDistrict: Generator = (records, ctx) => {
  const violations = records.violations
    .map((v) => ({ occurredOn: v.occurredOn, code: resolveDistrict(v.district) }))
    .sort(byDateDesc((v) => v.occurredOn));
  const [latest, next] = violations;
  if (!latest?.code) return null;
  // Two "most recent" violations in different districts on the same day: no single right answer.
  if (next && next.occurredOn.slice(0, 10) === latest.occurredOn.slice(0, 10) && next.code !== latest.code) return null;
  const own = new Set(violations.map((v) => v.code));
  const key = ctx.keyFor('violation_district', `${latest.occurredOn}|${latest.code}`);
  const pool = WUHAN_DISTRICTS.map((d) => d.code).filter((code) => !own.has(code));
  return {
    kind: 'violation_district',
    key,
    prompt: 'enrol.questions.prompt.violation_district',
    answer: districtChoice(latest.code),
    decoys: ctx.rngFor(key).sample(pool, OPTIONS_PER_QUESTION - 1).map(districtChoice),
    blockedBy: [],
  };
};

const GENERATORS: Readonly<Record<QuestionKind, Generator>> = {
  vehicle_plate: vehiclePlate,
  vehicle_model: vehicleModel,
  former_street: formerStreet,
  former_district: formerDistrict,
  licence_class: licenceClass,
  licence_first_year: licenceFirstYear,
  household_member_surname_given: householdMember,
  credential_held: credentialHeld,
  violation_district: violationDistrict,
};

// A draft is usable only with a full set of distinct options and no decoy equal to the answer.
function isComplete(draft: Draft): boolean {
  const labels = [draft.answer, ...draft.decoys].map((c) => c.labelZh);
  return draft.decoys.length === OPTIONS_PER_QUESTION - 1 && new Set(labels).size === labels.length;
}

// ---------------------------------------------------------------------------------------------------

/**
 * Builds one attempt's questionnaire. The answer key is returned beside the questions, never inside
 * them: send `questions` to the browser, keep `answerKey` on the server.
 */
export function generateQuestionnaire(records: CitizenRecords, options: GenerateQuestionnaireOptions): GenerateQuestionnaireResult {
  const count = options.count ?? MIN_QUESTIONS;
  if (!Number.isInteger(count) || count < MIN_QUESTIONS) throw new RangeError(`A questionnaire has at least ${MIN_QUESTIONS} questions`);
  if (options.secret.length === 0) throw new RangeError('generateQuestionnaire needs a server-side secret');

  const ctx: Context = {
    keyFor: (kind, fact) =>
      `${kind}:${createHmac('sha256', options.secret).update(`questionnaire-key\u0000${records.residentId}\u0000${kind}\u0000${fact}`).digest('hex').slice(0, 16)}`,
    rngFor: (key) => createRng(options.secret, `${options.seed}\u0000${key}`),
    now: options.now ?? new Date(),
  };
  const isExcluded = (draft: Draft) => options.exclude.has(draft.key) || draft.blockedBy.some((k) => options.exclude.has(k));
  const drafts = QUESTION_KINDS.map((kind) => GENERATORS[kind](records, ctx)).filter(
    (d): d is Draft => d !== null && isComplete(d) && !isExcluded(d),
  );

  const rng = createRng(options.secret, `${options.seed}\u0000select`);
  const ordered = [...rng.shuffle(drafts.filter((d) => !WEAK_KINDS.has(d.kind))), ...rng.shuffle(drafts.filter((d) => WEAK_KINDS.has(d.kind)))];
  const chosen: Draft[] = [];
  for (const draft of ordered) {
    if (chosen.length === count) break;
    const conflicts = chosen.some((c) => c.blockedBy.includes(draft.key) || draft.blockedBy.includes(c.key));
    if (!conflicts) chosen.push(draft);
  }
  // Fewer questions than required, or repeating an old one, would both weaken the gate: refuse instead.
  if (chosen.length < count) return { error: 'not_enough_data' };

  const answerKey: Record<string, string> = {};
  const questions = rng.shuffle(chosen).map((draft): Question => {
    const placed = ctx.rngFor(`${draft.key}\u0000place`).shuffle([{ choice: draft.answer, correct: true }, ...draft.decoys.map((choice) => ({ choice, correct: false }))]);
    const optionList = placed.map(({ choice }, i) => ({ id: OPTION_IDS[i] ?? String(i), labelZh: choice.labelZh, labelEn: choice.labelEn }));
    answerKey[draft.key] = optionList[placed.findIndex((p) => p.correct)]?.id ?? '';
    return { key: draft.key, kind: draft.kind, promptZh: inChinese(draft.prompt), promptEn: inEnglish(draft.prompt), options: optionList };
  });
  return { questions, answerKey };
}

/**
 * Pass rule: every answer must be right. A blind guesser then passes one attempt with (1/4)^4 ≈ 0.4 %
 * chance, about 1.2 % a day over three attempts; "3 of 4" would be 13/256 ≈ 5 % an attempt, ~15 % a
 * day, and weak kinds guess better than 1/4. The genuine citizen is asked only about their own records
 * and can retry.
 *
 * Time: the whole questionnaire must be answered within total × QUESTION_TIME_LIMIT_SECONDS of
 * `startedAt`; an answer after that (or none, once the time is up) is wrong and listed in `timedOut`.
 * An answer without a timestamp counts as given at `now`.
 */
export function scoreQuestionnaire(
  answerKey: Readonly<Record<string, string>>,
  answers: Readonly<Record<string, string>>,
  timing: { startedAt: Date; answeredAt: Readonly<Record<string, Date>>; now: Date },
): ScoreResult {
  const keys = Object.keys(answerKey);
  const deadline = timing.startedAt.getTime() + keys.length * QUESTION_TIME_LIMIT_SECONDS * 1000;
  const timedOut: string[] = [];
  let correct = 0;
  for (const key of keys) {
    const answer = answers[key];
    const at = (timing.answeredAt[key] ?? timing.now).getTime();
    if (answer === undefined) {
      if (timing.now.getTime() > deadline) timedOut.push(key);
      continue;
    }
    if (at > deadline) {
      timedOut.push(key);
      continue;
    }
    // An answer stamped before the questionnaire started cannot be genuine.
    if (at >= timing.startedAt.getTime() && answer === answerKey[key]) correct += 1;
  }
  return { passed: keys.length >= MIN_QUESTIONS && correct === keys.length, correct, total: keys.length, timedOut };
}

/**
 * At most MAX_ATTEMPTS_PER_DAY attempts in any rolling 24 hours. An attempt counts from the moment its
 * questions are shown, answered or not, so abandoning an attempt cannot be used to browse questions.
 * A passed attempt closes the series: only attempts after the latest pass count, so a citizen who has
 * proven who they are is not locked out of enrolling another device the same day.
 */
export function nextAttemptState(previousAttempts: readonly { startedAt: Date; passed: boolean }[], now: Date): AttemptState {
  const windowStart = now.getTime() - DAY_MS;
  const lastPass = Math.max(-Infinity, ...previousAttempts.filter((a) => a.passed).map((a) => a.startedAt.getTime()));
  const counted = previousAttempts
    .map((a) => a.startedAt.getTime())
    .filter((t) => t > windowStart && t > lastPass)
    .sort((a, b) => a - b);
  if (counted.length < MAX_ATTEMPTS_PER_DAY) return { allowed: true, remaining: MAX_ATTEMPTS_PER_DAY - counted.length };
  // Allowed again once enough attempts have left the window that fewer than the maximum remain in it.
  const releasing = counted[counted.length - MAX_ATTEMPTS_PER_DAY] ?? now.getTime();
  return { allowed: false, unlockAt: new Date(releasing + DAY_MS) };
}
