import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoCitizenIdentities } from './registry-generator';
import { DEMO_PASSWORD, staffSeeds } from './seed';

// The README promises working demo accounts; this keeps its table true when the seed changes.
describe('README demo accounts', () => {
  const readme = fs.readFileSync(path.join(process.cwd(), 'README.md'), 'utf8');

  it('lists every demo citizen with the name, ID number and mobile the seed gives them', () => {
    for (const citizen of demoCitizenIdentities()) {
      expect(readme).toMatch(new RegExp(`\\|\\s*${citizen.name}\\s*\\|\\s*${citizen.idNumber}\\s*\\|\\s*${citizen.phone}\\s*\\|`));
    }
  });

  it('gives the staff password and the staff usernames it names', () => {
    expect(readme).toContain(DEMO_PASSWORD);
    const usernames = new Set(staffSeeds().map((s) => s.username));
    for (const named of ['clerk06', 'clerk06b', 'clerk02', 'supervisor', 'admin']) expect(usernames.has(named)).toBe(true);
  });
});
