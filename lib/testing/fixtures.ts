import { eq } from 'drizzle-orm';
import type { Database } from '@/db/connect';
import { applications, citizenAccounts, residents, staffUsers } from '@/db/schema';
import { transitionApplication } from '@/lib/applications/transition-application';
import { makeDemoPdf } from '@/db/seed';
import { staffActorFrom, type CitizenActor, type StaffActor } from '@/lib/auth/actor';
import { seedTestData, TEST_BASE_URL } from './test-seed';
import { piiIndex } from '@/lib/privacy/pii-columns';

export async function seedForTest(db: Database) {
  return seedTestData(db);
}

/**
 * A citizen account for the resident with this phone (created if needed), acting as if signed in
 * through all three gates (L3, which the household transfer needs) unless another level is given.
 */
export async function citizenByPhone(db: Database, phone: string, email: string | null = null, assuranceLevel = 3): Promise<CitizenActor> {
  const [resident] = await db.select().from(residents).where(eq(residents.phoneIndex, piiIndex('phone', phone)));
  if (!resident) throw new Error(`no resident with phone ${phone}`);
  const [account] = await db
    .insert(citizenAccounts)
    .values({ residentId: resident.id, email })
    .onConflictDoUpdate({ target: citizenAccounts.residentId, set: { email } })
    .returning();
  return { kind: 'citizen', role: 'citizen', accountId: account!.id, residentId: resident.id, name: resident.name, assuranceLevel, sessionId: null, eid: null };
}

export async function staffByUsername(db: Database, username: string): Promise<StaffActor> {
  const [row] = await db.select().from(staffUsers).where(eq(staffUsers.username, username));
  if (!row) throw new Error(`no staff ${username}`);
  return staffActorFrom(row);
}

export async function validTransferInput(db: Database, citizen: CitizenActor, overrides: Record<string, unknown> = {}) {
  const [resident] = await db.select().from(residents).where(eq(residents.id, citizen.residentId));
  return {
    serviceId: 'household-transfer',
    idempotencyKey: crypto.randomUUID(),
    form: {
      toDistrictCode: '420106',
      toAddress: '武汉市武昌区中南路 88 号 3 栋 1201 室',
      reason: 'graduate_employment',
      employer: '武汉某某科技有限公司',
      deliveryAddress: resident!.address,
      contactPhone: resident!.phone,
      notificationEmail: 'citizen@example.test',
      ...overrides,
    },
    files: [{ kind: 'diploma', fileName: 'diploma.pdf', bytes: await makeDemoPdf('Diploma') }],
  };
}

/**
 * The claiming clerk of 420106 (clerk06) approves the case and, where its service is countersigned
 * (the household transfer is), the supervisor countersigns: the case ends approved, its certificate
 * issued. Returns the case's version after the last step.
 */
export async function approveForTest(db: Database, applicationId: string, expectedVersion: number, now = new Date(), clerkUsername = 'clerk06'): Promise<number> {
  const clerk = await staffByUsername(db, clerkUsername);
  const approved = await transitionApplication(db, clerk, { applicationId, transition: 'approve', expectedVersion }, { publicBaseUrl: TEST_BASE_URL, now });
  if (approved.status !== 'ok') throw new Error(JSON.stringify(approved));
  const [row] = await db.select({ status: applications.status }).from(applications).where(eq(applications.id, applicationId));
  if (row?.status !== 'awaiting_countersign') return approved.data.version;
  const supervisor = await staffByUsername(db, 'supervisor');
  const countersigned = await transitionApplication(db, supervisor, { applicationId, transition: 'countersign', expectedVersion: approved.data.version }, { publicBaseUrl: TEST_BASE_URL, now });
  if (countersigned.status !== 'ok') throw new Error(JSON.stringify(countersigned));
  return countersigned.data.version;
}
