import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIdNumber, WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { piiIndex } from '@/lib/privacy/pii-columns';
import { openCleanDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import type { Connection } from './connect';
import { DEMO_CITIZENS, demoCitizenIdentities, generateRegistry } from './registry-generator';
import { applications, citizenAccounts, households, outboxMessages, residents, staffUsers } from './schema';
import { seedDemoData, type SeedSummary } from './seed';

const WUHAN_CODES = new Set(WUHAN_DISTRICTS.map((d) => d.code));
const SEED_NOW = new Date('2026-11-20T02:00:00Z');

describe('generateRegistry', () => {
  it('gives identical rows for the same seed and different ones for another seed', () => {
    const first = generateRegistry(300);
    const again = generateRegistry(300);
    expect(again).toEqual(first);
    expect(generateRegistry(300, 20261128)).toEqual(first); // the default seed, spelt out

    const other = generateRegistry(300, 7);
    expect(other.residentRows).toHaveLength(300);
    expect(other.residentRows.map((r) => r.idNumber)).not.toEqual(first.residentRows.map((r) => r.idNumber));
  });

  it('makes only well-formed Wuhan ID numbers whose birth date and sex digit match the record', () => {
    const { residentRows } = generateRegistry(1000);
    expect(residentRows).toHaveLength(1000);
    for (const resident of residentRows) {
      const parsed = parseIdNumber(resident.idNumber, { now: SEED_NOW });
      expect(parsed.ok, resident.idNumber).toBe(true);
      if (!parsed.ok) continue;
      expect(WUHAN_CODES.has(parsed.value.areaCode), resident.idNumber).toBe(true);
      expect(parsed.value.areaCode).toBe(resident.districtCode);
      expect(parsed.value.birthDate).toBe(resident.birthDate);
      expect(parsed.value.sex, resident.idNumber).toBe(resident.sex);
    }
  });

  it('never repeats an ID number or a phone, and every phone is a mainland mobile number', () => {
    const { residentRows } = generateRegistry(1000);
    expect(new Set(residentRows.map((r) => r.idNumber)).size).toBe(residentRows.length);
    expect(new Set(residentRows.map((r) => r.phone)).size).toBe(residentRows.length);
    expect(residentRows.every((r) => /^1\d{10}$/.test(r.phone))).toBe(true);
  });

  it('puts every resident in a household of their own district, and covers all 13 districts', () => {
    const { householdRows, residentRows } = generateRegistry(300);
    const householdById = new Map(householdRows.map((h) => [h.id, h]));
    for (const resident of residentRows) {
      const household = householdById.get(resident.householdId);
      expect(household?.districtCode).toBe(resident.districtCode);
      expect(resident.address).toBe(household?.address);
    }
    expect(new Set(residentRows.map((r) => r.districtCode))).toEqual(WUHAN_CODES);
  });

  it('starts with the demo citizens, active, with the phones the guides give', () => {
    const { residentRows } = generateRegistry(10);
    const demo = demoCitizenIdentities();
    DEMO_CITIZENS.forEach((citizen, i) => {
      expect(residentRows[i]).toMatchObject({ name: citizen.name, phone: citizen.phone, birthDate: citizen.birthDate, status: 'active', idNumber: demo[i]!.idNumber });
    });
  });
});

describe.each(TEST_TARGETS)('seedDemoData on $kind', (target) => {
  let connection: Connection;
  let summary: SeedSummary;
  beforeAll(async () => {
    connection = await openCleanDatabase(target);
    // The defaults, as `npm start` uses them: no resident count given.
    summary = await seedDemoData(connection.db, { publicBaseUrl: TEST_BASE_URL, now: SEED_NOW });
  });
  afterAll(async () => connection?.close());

  async function countOf(table: typeof residents | typeof households | typeof staffUsers | typeof applications | typeof citizenAccounts | typeof outboxMessages) {
    const [row] = await connection.db.select({ n: count() }).from(table);
    return row!.n;
  }

  it('loads at least 200 residents by default, the same rows the generator makes', async () => {
    expect(summary.skipped).toBe(false);
    expect(summary.residents).toBeGreaterThanOrEqual(200);
    expect(await countOf(residents)).toBe(summary.residents);
    const stored = await connection.db.select({ idNumber: residents.idNumber }).from(residents);
    const generated = generateRegistry(summary.residents).residentRows.map((r) => r.idNumber);
    expect(stored.map((r) => r.idNumber).sort()).toEqual(generated.sort());
  });

  it('has a clerk for each of the 13 districts, a supervisor and an admin', async () => {
    const staff = await connection.db.select().from(staffUsers);
    expect(summary.staff).toBe(staff.length);
    for (const district of WUHAN_DISTRICTS) {
      const clerks = staff.filter((s) => s.role === 'clerk' && s.isActive && s.districtCodes.includes(district.code));
      expect(clerks.length, district.name).toBeGreaterThanOrEqual(1);
    }
    expect(staff.filter((s) => s.role === 'supervisor' && s.isActive)).toHaveLength(1);
    expect(staff.filter((s) => s.role === 'admin' && s.isActive)).toHaveLength(1);
    // A bureau-wide role is not tied to a district; a clerk always is.
    expect(staff.filter((s) => s.role !== 'clerk').every((s) => s.districtCodes.length === 0)).toBe(true);
  });

  it('has applications in every state a demo walks through', async () => {
    const rows = await connection.db.select({ status: applications.status }).from(applications);
    expect(rows).toHaveLength(summary.applications);
    const statuses = [...new Set(rows.map((r) => r.status))];
    expect(statuses).toEqual(expect.arrayContaining(['submitted', 'in_review', 'needs_more_material', 'approved', 'rejected', 'withdrawn']));
  });

  it('leaves the outbox empty, so the demo history notifies nobody', async () => {
    expect(await countOf(outboxMessages)).toBe(0);
  });

  it('does nothing when run a second time', async () => {
    const tables = [residents, households, staffUsers, applications, citizenAccounts, outboxMessages] as const;
    const before = await Promise.all(tables.map((t) => countOf(t)));
    const second = await seedDemoData(connection.db, { publicBaseUrl: TEST_BASE_URL, now: SEED_NOW });
    expect(second).toEqual({ residents: 0, staff: 0, applications: 0, skipped: true });
    expect(await Promise.all(tables.map((t) => countOf(t)))).toEqual(before);
  });

  it('gives the demo citizen Wang Fang the account that owns the demo applications', async () => {
    const [wang] = await connection.db.select().from(residents).where(eq(residents.phoneIndex, piiIndex('phone', DEMO_CITIZENS[1]!.phone)));
    const [account] = await connection.db.select().from(citizenAccounts).where(eq(citizenAccounts.residentId, wang!.id));
    const owned = await connection.db.select({ n: count() }).from(applications).where(eq(applications.citizenAccountId, account!.id));
    expect(owned[0]!.n).toBe(summary.applications);
  });
});
