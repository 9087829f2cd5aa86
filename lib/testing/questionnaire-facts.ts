// How a test citizen knows their own answers to gate 3: from the same synthetic registry the server
// seeded (deterministic), exactly as a real citizen knows their own plates and former streets. The e2e
// journeys answer with it (e2e/support/questionnaire-answers.ts); questionnaire-facts.integration.test.ts
// checks it against the answer keys the server generates, so a journey never fails on a wrong answer.
import { DEMO_CITIZENS, generateRegistry } from '@/db/registry-generator';
import { dictionaryFor } from '@/lib/i18n/messages';
import { isLicenceClass, TRAVEL_DOCUMENTS, VEHICLE_MODELS } from '@/lib/identity/questionnaire-data';
import { interpolate } from '@/lib/i18n/translate';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';

// The worded options as the Chinese page shows them (the tests answer in Chinese).
const QUESTION_WORDS = dictionaryFor('zh-CN').enrol.questions;
const districtName = (code: string) => WUHAN_DISTRICTS.find((d) => d.code === code)?.name ?? code;
const squeeze = (text: string) => text.replace(/[\s·\-]/g, '').toLowerCase();

export type KnownFacts = Record<string, (prompt: string) => string[]>;

/** `registry`: the seeded registry the person is in (the demo citizens by default; any resident of a seed may be passed). */
export function knownFactsOf(idNumber: string, registry: ReturnType<typeof generateRegistry> = generateRegistry(DEMO_CITIZENS.length)): KnownFacts {
  const me = registry.residentRows.find((r) => r.idNumber === idNumber);
  if (!me) throw new Error('not a resident of this registry');
  const vehicles = registry.vehicleRows.filter((v) => v.ownerResidentId === me.id);
  const moves = registry.addressRows.filter((a) => a.residentId === me.id);
  const licence = registry.licenceRows.find((l) => l.residentId === me.id);
  const violations = registry.violationRows.filter((v) => v.residentId === me.id).sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime());
  const documents = registry.credentialRows.filter((c) => c.residentId === me.id).map((c) => c.kind);
  const family = registry.residentRows.filter((r) => r.householdId === me.householdId && r.id !== me.id);
  return {
    vehicle_plate: () => vehicles.map((v) => v.plate),
    // The registry writes some models without the space the question shows (五菱宏光MINIEV, 五菱宏光MINI EV);
    // matched as the server's findModel does (lib/identity/questionnaire.ts is server-only, the browser journeys import this).
    vehicle_model: () => vehicles.flatMap((v) => VEHICLE_MODELS.filter((m) => squeeze(m.zh) === squeeze(v.model)).map((m) => m.zh)),
    former_street: () => moves.map((m) => m.street),
    former_district: () => moves.map((m) => districtName(m.districtCode)),
    licence_class: () => (licence ? [isLicenceClass(licence.licenceClass) ? QUESTION_WORDS.licenceClass[licence.licenceClass] : licence.licenceClass] : []),
    licence_first_year: () => (licence ? [interpolate(QUESTION_WORDS.year, { year: licence.firstIssuedOn.slice(0, 4) })] : []),
    household_member_surname_given: () => family.map((r) => r.name.slice(1)),
    credential_held: (prompt: string) =>
      TRAVEL_DOCUMENTS.filter((kind) => (prompt.includes('从未') ? !documents.includes(kind) : documents.includes(kind))).map((kind) => QUESTION_WORDS.travelDocument[kind]),
    violation_district: () => (violations[0] ? [districtName(violations[0].districtCode)] : []),
  };
}

/**
 * The index of the option that is one of the citizen's own facts, or -1. Options match whole: a
 * prefix would not do, since a decoy may begin with one of the citizen's facts (李建国's spouse is
 * 秀兰; a decoy 静怡 begins with his daughter's given name 静 and was once taken for the answer).
 */
export function rightOptionIndex(facts: KnownFacts, kind: string, prompt: string, labels: readonly string[]): number {
  const truths = facts[kind]?.(prompt) ?? [];
  return labels.findIndex((label) => truths.includes(label.trim()));
}
