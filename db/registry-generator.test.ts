import { describe, expect, it } from 'vitest';
import { demoCitizenIdentities, generateRegistry, STREETS } from './registry-generator';

describe('the synthetic registry records', () => {
  const registry = generateRegistry(400);
  const byResident = <T extends { residentId?: string; ownerResidentId?: string }>(rows: T[], id: string) =>
    rows.filter((r) => (r.residentId ?? r.ownerResidentId) === id);

  it('gives everyone a household register and every resident of 16 or over an ID card whose number is their ID number', () => {
    for (const resident of registry.residentRows) {
      const own = byResident(registry.credentialRows, resident.id);
      expect(own.filter((c) => c.kind === 'household_register')).toHaveLength(1);
      const age = 2026 - Number(resident.birthDate.slice(0, 4));
      const card = own.find((c) => c.kind === 'resident_id_card');
      if (age >= 16) expect(card?.number).toBe(resident.idNumber);
      else expect(card).toBeUndefined();
    }
  });

  it('registers Wuhan plates (鄂A) with a vehicle licence each, owned by licence holders', () => {
    const licenceHolders = new Set(registry.licenceRows.map((l) => l.residentId));
    expect(registry.vehicleRows.length).toBeGreaterThan(20);
    for (const vehicle of registry.vehicleRows) {
      expect(vehicle.plate).toMatch(/^鄂A([A-HJ-NP-Z0-9]{5}|[DF]\d{5})$/);
      expect(licenceHolders.has(vehicle.ownerResidentId)).toBe(true);
      expect(registry.credentialRows.filter((c) => c.kind === 'vehicle_licence' && c.number === vehicle.plate)).toHaveLength(1);
    }
    for (const violation of registry.violationRows) expect(registry.vehicleRows.some((v) => v.plate === violation.plate)).toBe(true);
  });

  it('keeps former addresses on real streets of their district, and never the current street', () => {
    for (const move of registry.addressRows) {
      expect(STREETS[move.districtCode]).toContain(move.street);
      expect(move.movedInOn < move.movedOutOn).toBe(true);
      const resident = registry.residentRows.find((r) => r.id === move.residentId)!;
      expect(resident.address.includes(move.street)).toBe(false);
    }
  });

  it('gives the demo citizens rich records for the questionnaire, and the same ones every time', () => {
    const [li, wang] = demoCitizenIdentities();
    for (const demo of [li!, wang!]) {
      const resident = registry.residentRows.find((r) => r.idNumber === demo.idNumber)!;
      expect(byResident(registry.vehicleRows, resident.id).length).toBeGreaterThanOrEqual(1);
      expect(byResident(registry.addressRows, resident.id).length).toBeGreaterThanOrEqual(1);
      expect(registry.licenceRows.some((l) => l.residentId === resident.id)).toBe(true);
    }
    const again = generateRegistry(400);
    expect(again.vehicleRows).toEqual(registry.vehicleRows);
    expect(again.credentialRows).toEqual(registry.credentialRows);
    expect(new Set(registry.credentialRows.map((c) => `${c.kind}:${c.number}`)).size).toBe(registry.credentialRows.length);
  });
});
