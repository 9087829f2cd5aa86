import { desc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/connect';
import { addressHistory, credentials, drivingLicences, residents, trafficViolations, vehicles } from '@/db/schema';
import type { CitizenRecords } from './questionnaire';

const QUESTIONNAIRE_CREDENTIALS = new Set(['passport', 'hk_macau_permit', 'taiwan_permit', 'residence_permit', 'driving_licence', 'vehicle_licence']);

/** The citizen's own registry records, in the shape the questionnaire generator reads. */
export async function loadCitizenRecords(db: Executor, residentId: string): Promise<CitizenRecords | undefined> {
  const [resident] = await db.select().from(residents).where(eq(residents.id, residentId));
  if (!resident) return undefined;
  const [formerAddresses, ownVehicles, ownCredentials, licence, violations, members] = await Promise.all([
    db.select().from(addressHistory).where(eq(addressHistory.residentId, residentId)),
    db.select().from(vehicles).where(eq(vehicles.ownerResidentId, residentId)),
    db.select().from(credentials).where(eq(credentials.residentId, residentId)),
    db.select().from(drivingLicences).where(eq(drivingLicences.residentId, residentId)),
    db.select().from(trafficViolations).where(eq(trafficViolations.residentId, residentId)).orderBy(desc(trafficViolations.occurredAt)),
    db.select().from(residents).where(eq(residents.householdId, resident.householdId)),
  ]);
  return {
    residentId,
    birthDate: resident.birthDate,
    districtCode: resident.districtCode,
    currentAddress: resident.address,
    formerAddresses: formerAddresses.map((a) => ({ districtCode: a.districtCode, street: a.street, address: a.address, movedOutOn: a.movedOutOn })),
    vehicles: ownVehicles.map((v) => ({ plate: v.plate, model: v.model, registeredOn: v.registeredOn })),
    householdMembers: members
      .filter((m) => m.id !== residentId)
      .map((m) => ({
        relation: relationTo(resident.householdRelation, m.householdRelation),
        surname: m.name.slice(0, 1),
        givenName: m.name.slice(1),
        birthYear: Number(m.birthDate.slice(0, 4)),
      })),
    credentials: ownCredentials
      .filter((c) => QUESTIONNAIRE_CREDENTIALS.has(c.kind))
      .map((c) => ({
        kind: c.kind as CitizenRecords['credentials'][number]['kind'],
        issuedOn: c.issuedOn,
        expiresOn: c.expiresOn ?? '9999-12-31',
      })),
    drivingLicence: licence[0] ? { class: licence[0].licenceClass, firstIssuedOn: licence[0].firstIssuedOn } : null,
    violations: violations.map((v) => ({ occurredOn: v.occurredAt.toISOString().slice(0, 10), district: v.districtCode, kind: v.kind })),
  };
}

type Relation = (typeof residents.$inferSelect)['householdRelation'];

/** How a household member stands to the citizen, from both their relations to the head. */
function relationTo(self: Relation, other: Relation): CitizenRecords['householdMembers'][number]['relation'] {
  if (self === 'head') return other === 'spouse' || other === 'child' || other === 'parent' ? other : 'other';
  if (self === 'spouse') return other === 'head' ? 'spouse' : other === 'child' ? 'child' : 'other';
  if (self === 'child') return other === 'head' || other === 'spouse' ? 'parent' : 'other';
  return 'other';
}
