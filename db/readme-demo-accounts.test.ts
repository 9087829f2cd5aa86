import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '@/lib/identity/id-number';
import { findCodeCatalogueService } from '@/lib/services/catalog';
import { demoCitizenIdentities, generateRegistry } from './registry-generator';
import { DEMO_EID_LEVELS, DEMO_PASSWORD, DEMO_PHOTO_FILES, DEMO_RESIDENT_COUNT, PERSONA_A_RESIDENT, staffSeeds } from './seed';

// The README promises working demo accounts and says what each can do; this keeps its tables true
// when the seed changes: who exists, with which registry photo, e-ID, role and district.

const readme = fs.readFileSync(path.join(process.cwd(), 'README.md'), 'utf8');

/** The rows of the first Markdown table whose header row starts with `header`. */
function tableRows(header: string): string[][] {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${header} |`));
  if (start < 0) throw new Error(`README has no table headed "${header}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split('|').map((cell) => cell.trim()));
  }
  return rows;
}

// What the fixtures (shared/testdata/faces, README.md there) can do for a registry photo: persona A has a
// photo for every action of the default pool, so a camera showing A passes the face check; persona C is
// one frontal picture, so nobody can pass a face check against it with the fixtures.
const PERSONAS: Record<string, { label: string; sex: 'female' | undefined; canPassFaceCheck: boolean }> = {
  'stock-emotions-a-1.jpg': { label: 'persona A (A-1)', sex: 'female', canPassFaceCheck: true },
  'ai-face.jpg': { label: 'persona C', sex: undefined, canPassFaceCheck: false },
};

describe('README demo accounts', () => {
  const citizens = tableRows('who').map(([who, name, idNumber, phone, photo, eid, canDo]) => ({ who, name, idNumber, phone, photo, eid, canDo }));
  const registry = generateRegistry(DEMO_RESIDENT_COUNT).residentRows;

  it('lists every demo citizen with the name, ID number and mobile the seed gives them', () => {
    for (const citizen of demoCitizenIdentities()) {
      expect(readme).toMatch(new RegExp(`\\|\\s*${citizen.name}\\s*\\|\\s*${citizen.idNumber}\\s*\\|\\s*${citizen.phone}\\s*\\|`));
    }
    expect(citizens.map((c) => c.phone)).toEqual(expect.arrayContaining([PERSONA_A_RESIDENT.phone]));
  });

  it('names, for each citizen row, a resident the seed makes: name, ID number, mobile, and a sex digit that matches the record', () => {
    expect(citizens.length).toBeGreaterThanOrEqual(3);
    for (const row of citizens) {
      const resident = registry.find((r) => r.phone === row.phone);
      expect(resident, row.name).toBeDefined();
      expect({ name: resident!.name, idNumber: resident!.idNumber }).toEqual({ name: row.name, idNumber: row.idNumber });
      const parsed = parseIdNumber(row.idNumber!);
      expect(parsed.ok && parsed.value.sex, row.name).toBe(resident!.sex);
    }
  });

  it('gives each citizen the registry photo and e-ID the seed gives them, and a photo of their own sex', () => {
    for (const row of citizens) {
      const file = DEMO_PHOTO_FILES[row.phone!];
      const persona = file ? PERSONAS[file] : undefined;
      expect(file ? persona?.label : 'none', `${row.name}'s photo (${file})`).toBe(file ? row.photo!.split(' (one')[0] : row.photo);
      if (persona?.sex) expect(registry.find((r) => r.phone === row.phone)!.sex, `${row.name} has ${persona.label}'s photo`).toBe(persona.sex);
      const level = DEMO_EID_LEVELS[row.phone!];
      expect(row.eid, `${row.name}'s e-ID`).toBe(level ? `L${level}` : 'none');
    }
  });

  it('says what each citizen can do as the fixtures allow: L3 and the household transfer only with a photo the fixtures can pass', () => {
    expect(findCodeCatalogueService('household-transfer')!.requiredAssuranceLevel).toBe(3);
    expect(readme.replace(/\s+/g, ' ')).toContain('The household transfer needs all three (L3).');
    const canReachL3 = citizens.filter((row) => PERSONAS[DEMO_PHOTO_FILES[row.phone!] ?? '']?.canPassFaceCheck);
    // Issue 14: at least one citizen can reach L3 in the browser with the fixtures.
    expect(canReachL3.length).toBeGreaterThanOrEqual(1);
    for (const row of citizens) {
      if (canReachL3.includes(row)) {
        expect(row.canDo, row.name).toMatch(/L3|like [^:]+:/);
        expect(row.canDo, row.name).toMatch(/household transfer/);
        expect(row.canDo, row.name).toMatch(/camera showing persona A/);
      } else {
        expect(row.canDo, row.name).toMatch(/cannot pass a face check/);
        expect(row.canDo, row.name).toMatch(/L3 services stay closed/);
      }
    }
    // "like X:" points at a row that says the same thing.
    for (const row of citizens) {
      const like = /like ([^:]+):/.exec(row.canDo!)?.[1];
      if (like) expect(canReachL3.map((c) => c.name), row.name).toContain(like);
    }
  });

  it('gives the staff password and, for every staff row, the role and district the seed gives that username', () => {
    expect(readme).toContain(DEMO_PASSWORD);
    const seeds = new Map(staffSeeds().map((s) => [s.username, s]));
    const listed = new Set<string>();
    for (const [usernames, role, where] of tableRows('username')) {
      const named = [...usernames!.matchAll(/`([\w-]+)`/g)].map((m) => m[1]!);
      const range = /^`clerk(\d\d)` … `clerk(\d\d)`$/.exec(usernames!);
      const covered = range ? [...seeds.keys()].filter((u) => /^clerk\d\d$/.test(u) && u.slice(5) >= range[1]! && u.slice(5) <= range[2]!) : named;
      // "also `clerk06b`, a second clerk there"
      const also = [...where!.matchAll(/also `([\w-]+)`/g)].map((m) => m[1]!);
      expect(covered.length, usernames).toBeGreaterThan(0);
      for (const username of [...covered, ...also]) {
        const seed = seeds.get(username);
        expect(seed, `${username} in README`).toBeDefined();
        expect(seed!.role, username).toBe(role);
        const district = /\((\d{6})\)/.exec(where!)?.[1];
        if (range) expect(seed!.districtCodes, username).toEqual([`4201${username.slice(5)}`]);
        else if (district) expect(seed!.districtCodes, username).toEqual([district]);
        else expect(seed!.districtCodes, username).toEqual([]);
        listed.add(username);
      }
    }
    // Every staff account the seed makes is in the table.
    expect([...seeds.keys()].filter((u) => !listed.has(u))).toEqual([]);
  });
});
