import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/connect';
import { citizenAccounts, residents } from '@/db/schema';
import type { StaffActor } from '@/lib/auth/actor';
import { findServiceVersion } from '@/lib/services/published-catalogue';
import { listCaseNotes } from './case-notes';
import { crossCheckCase } from './cross-checks';
import { getApplicationDetail, getRegistryRecordForCase } from './queries';
import { listQueue } from './queue';

/** Everything the case page shows a clerk, or undefined when the case is outside their scope. */
export async function getCaseReview(db: Executor, actor: StaffActor, applicationId: string) {
  const [detail, registry] = await Promise.all([getApplicationDetail(db, actor, applicationId), getRegistryRecordForCase(db, actor, applicationId)]);
  if (!detail || !registry) return undefined;
  const { application, documents } = detail;
  const [applicant] = await db
    .select({ residentId: residents.id, name: residents.name })
    .from(citizenAccounts)
    .innerJoin(residents, eq(residents.id, citizenAccounts.residentId))
    .where(eq(citizenAccounts.id, application.citizenAccountId));
  const memberIds = await db.select({ id: residents.id }).from(residents).where(eq(residents.householdId, registry.household.id));
  const checks = crossCheckCase({
    applicant: applicant ?? { residentId: '', name: '' },
    record: registry.resident,
    household: registry.household,
    householdMemberIds: memberIds.map((m) => m.id),
    form: application.formData as { fromAddress?: unknown },
    service: await findServiceVersion(db, application.serviceId, application.serviceVersion),
    documentKinds: documents.map((d) => d.kind),
  });
  const notes = await listCaseNotes(db, application.id);
  return { ...detail, registry, checks, notes };
}

/** The case to open after this one: the most urgent unclaimed case in the caller's queue. */
export async function findNextCase(db: Executor, actor: StaffActor, currentId: string): Promise<string | undefined> {
  const page = await listQueue(db, actor, { status: 'submitted', assignee: 'unassigned', sort: 'deadlineDate', dir: 'asc', pageSize: 5 });
  return page.rows.find((row) => row.id !== currentId)?.id;
}
