import { and, asc, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { RegistryChoices } from '@/lib/services/form-schema';
import type { Executor } from '@/db/connect';
import { jsonRows } from '@/db/json-rows';
import { definePrepared } from '@/db/prepared';
import { toBeijingDate } from '@/lib/calendar/working-days';
import { workingDaysLate } from './lateness';
import { FINAL_STATUSES } from './state-machine';
import {
  applicationDocuments,
  applicationDrafts,
  applicationEvents,
  applications,
  certificates,
  citizenAccounts,
  dispatchEvents,
  households,
  mailDispatches,
  residents,
  services,
  drivingLicences,
  staffUsers,
  trafficViolations,
  vehicles,
} from '@/db/schema';
import type { Actor, CitizenActor, StaffActor } from '@/lib/auth/actor';
import { maskIdNumber } from '@/lib/privacy/mask';
import { applicationScope, citizenApplicationScope, findApplicationForActor, isUuid } from './access';
import { citizenDraftColumns } from './drafts';

/** "My applications" takes `?finished=all` to show the whole history; anything else there is ignored. */
export const myApplicationsParamsSchema = z.object({ finished: z.enum(['all']).optional().catch(undefined) });

/** How many finished applications "My applications" shows before offering the whole history. */
export const FINISHED_SHOWN = 20;

// "My applications" is the page a citizen opens most: its three lists (open, the newest finished with how
// many there are, drafts) come in ONE statement (db/json-rows.ts), built once (db/prepared.ts).
const citizenListColumns = {
  id: applications.id,
  referenceNumber: applications.referenceNumber,
  status: applications.status,
  submittedAt: applications.submittedAt,
  deadlineDate: applications.deadlineDate,
  deadlinePausedDaysLeft: applications.deadlinePausedDaysLeft,
  assistedByName: applications.assistedByName,
  serviceNameZh: services.nameZh,
  serviceNameEn: services.nameEn,
};
const accountId = sql.placeholder('accountId');
const isFinished = inArray(applications.status, [...FINAL_STATUSES]);
const myApplicationsPage = definePrepared((db) =>
  db
    .select({
      open: jsonRows(citizenListColumns, (row) =>
        db
          .select({ row })
          .from(applications)
          .innerJoin(services, eq(services.id, applications.serviceId))
          .where(and(citizenApplicationScope(accountId), notInArray(applications.status, [...FINAL_STATUSES])))
          .orderBy(desc(applications.createdAt), desc(applications.id)),
      ),
      // A null limit is no limit (the whole history).
      finished: jsonRows(citizenListColumns, (row) =>
        db
          .select({ row })
          .from(applications)
          .innerJoin(services, eq(services.id, applications.serviceId))
          .where(and(citizenApplicationScope(accountId), isFinished))
          .orderBy(desc(applications.createdAt), desc(applications.id))
          .limit(sql.placeholder('limit')),
      ),
      finishedTotal: sql<number>`(select cast(count(*) as int) from ${applications} where ${and(citizenApplicationScope(accountId), isFinished)})`.mapWith(Number),
      drafts: jsonRows(citizenDraftColumns, (row) =>
        db
          .select({ row })
          .from(applicationDrafts)
          .innerJoin(services, eq(services.id, applicationDrafts.serviceId))
          .where(eq(applicationDrafts.citizenAccountId, accountId))
          .orderBy(desc(applicationDrafts.updatedAt)),
      ),
    })
    .from(citizenAccounts)
    .where(eq(citizenAccounts.id, accountId))
    .prepare('my_applications_page'),
);

/**
 * "My applications", in one statement: the citizen's own applications, newest first, each with how many
 * working days it is late (null when it is not) — every open one, and the newest FINISHED_SHOWN finished
 * ones unless `allFinished` (a long history, an agent's or years of a citizen's, would otherwise make
 * every visit read and render all of it); `finishedTotal` says how many finished ones there are in all —
 * and the citizen's drafts, last touched first.
 */
export async function listApplicationsForCitizen(db: Executor, actor: CitizenActor, options: { now?: Date; allFinished?: boolean } = {}) {
  const [page] = await myApplicationsPage(db).execute({ accountId: actor.accountId, limit: options.allFinished ? null : FINISHED_SHOWN });
  const today = toBeijingDate(options.now ?? new Date());
  const withLateness = (row: NonNullable<typeof page>['open'][number]) => ({ ...row, workingDaysLate: workingDaysLate(row, today) });
  return {
    open: (page?.open ?? []).map(withLateness),
    finished: (page?.finished ?? []).map(withLateness),
    finishedTotal: page?.finishedTotal ?? 0,
    drafts: page?.drafts ?? [],
  };
}

/** Everything a case page or a status page shows, or undefined when outside the actor's scope. */
export async function getApplicationDetail(db: Executor, actor: Actor, applicationId: string) {
  const application = await findApplicationForActor(db, actor, applicationId);
  if (!application) return undefined;
  const [service] = await db.select().from(services).where(eq(services.id, application.serviceId));
  const documents = await db
    .select({
      id: applicationDocuments.id,
      kind: applicationDocuments.kind,
      fileName: applicationDocuments.fileName,
      mimeType: applicationDocuments.mimeType,
      sizeBytes: applicationDocuments.sizeBytes,
      uploadedAt: applicationDocuments.uploadedAt,
    })
    .from(applicationDocuments)
    .where(eq(applicationDocuments.applicationId, application.id))
    .orderBy(asc(applicationDocuments.uploadedAt));
  const events = await db
    .select()
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, application.id))
    .orderBy(asc(applicationEvents.id));
  const [certificate] = await db
    .select({ id: certificates.id, serialNumber: certificates.serialNumber, status: certificates.status, verifyToken: certificates.verifyToken, issuedAt: certificates.issuedAt })
    .from(certificates)
    .where(eq(certificates.applicationId, application.id))
    .orderBy(desc(certificates.copyNumber))
    .limit(1);
  // A reissue or a re-sent parcel adds rows: show the latest, and the whole delivery timeline.
  const [dispatch] = await db.select().from(mailDispatches).where(eq(mailDispatches.applicationId, application.id)).orderBy(desc(mailDispatches.createdAt)).limit(1);
  const deliveryEvents = dispatch
    ? await db
        .select({ id: dispatchEvents.id, toStatus: dispatchEvents.toStatus, note: dispatchEvents.note, createdAt: dispatchEvents.createdAt })
        .from(dispatchEvents)
        .innerJoin(mailDispatches, eq(mailDispatches.id, dispatchEvents.dispatchId))
        .where(eq(mailDispatches.applicationId, application.id))
        .orderBy(asc(dispatchEvents.createdAt), asc(dispatchEvents.id))
    : [];
  const [claimedBy] = application.claimedByStaffId
    ? await db
        .select({ id: staffUsers.id, displayName: staffUsers.displayName, staffNumber: staffUsers.staffNumber })
        .from(staffUsers)
        .where(eq(staffUsers.id, application.claimedByStaffId))
    : [];
  return { application, service, documents, events, certificate, dispatch, deliveryEvents, claimedBy };
}

/** The registry record beside the form, for the clerk (full ID number: the case page is for the decision). */
export async function getRegistryRecordForCase(db: Executor, actor: StaffActor, applicationId: string) {
  const application = await findApplicationForActor(db, actor, applicationId);
  if (!application) return undefined;
  const [record] = await db
    .select({ resident: residents, household: households })
    .from(residents)
    .innerJoin(households, eq(households.id, residents.householdId))
    .where(eq(residents.id, application.residentId));
  if (!record) return undefined;
  const members = await db
    .select({ name: residents.name, sex: residents.sex, birthDate: residents.birthDate, idNumber: residents.idNumber })
    .from(residents)
    .where(eq(residents.householdId, record.household.id));
  return { ...record, members: members.map((m) => ({ ...m, idNumber: maskIdNumber(m.idNumber) })) };
}

export async function getDocumentForActor(db: Executor, actor: Actor, documentId: string) {
  if (!isUuid(documentId)) return undefined;
  const [row] = await db
    .select({ document: applicationDocuments })
    .from(applicationDocuments)
    .innerJoin(applications, eq(applications.id, applicationDocuments.applicationId))
    .where(and(eq(applicationDocuments.id, documentId), applicationScope(actor)));
  return row?.document;
}

export async function getCertificateForActor(db: Executor, actor: Actor, certificateId: string) {
  if (!isUuid(certificateId)) return undefined;
  const [row] = await db
    .select({ certificate: certificates })
    .from(certificates)
    .innerJoin(applications, eq(applications.id, certificates.applicationId))
    .where(and(eq(certificates.id, certificateId), applicationScope(actor)));
  return row?.certificate;
}

// The clerk's queue lives in ./queue.ts (keyset pagination at scale); re-exported for callers of this module.
export { listQueue, queueParamsSchema, QUEUE_SORT_COLUMNS, QUEUE_STATUSES, type QueueParams } from './queue';

/** What the application form pre-fills from the registry ("linked automatically"). */
export async function getApplicantProfile(db: Executor, actor: CitizenActor) {
  const [row] = await db
    .select({ resident: residents, email: citizenAccounts.email, household: households })
    .from(citizenAccounts)
    .innerJoin(residents, eq(residents.id, citizenAccounts.residentId))
    .innerJoin(households, eq(households.id, residents.householdId))
    .where(eq(citizenAccounts.id, actor.accountId));
  if (!row) return undefined;
  const [licence] = await db.select().from(drivingLicences).where(eq(drivingLicences.residentId, row.resident.id));
  const ownVehicles = await db
    .select({ plate: vehicles.plate, model: vehicles.model, color: vehicles.color })
    .from(vehicles)
    .where(eq(vehicles.ownerResidentId, row.resident.id))
    .orderBy(asc(vehicles.plate));
  const violations = await db
    .select({ id: trafficViolations.id, plate: trafficViolations.plate, occurredAt: trafficViolations.occurredAt, location: trafficViolations.location, kind: trafficViolations.kind, fineYuan: trafficViolations.fineYuan, points: trafficViolations.points })
    .from(trafficViolations)
    .where(and(eq(trafficViolations.residentId, row.resident.id), eq(trafficViolations.status, 'unhandled')))
    .orderBy(desc(trafficViolations.occurredAt));
  return {
    name: row.resident.name,
    idNumberMasked: maskIdNumber(row.resident.idNumber),
    address: row.resident.address,
    districtCode: row.resident.districtCode,
    phone: row.resident.phone,
    email: row.email ?? '',
    householdNumber: row.household.householdNumber,
    householdRelation: row.resident.householdRelation,
    licence: licence ? { licenceClass: licence.licenceClass, validUntil: licence.validUntil, points: licence.points } : null,
    vehicles: ownVehicles,
    violations,
  };
}

export type ApplicantProfile = NonNullable<Awaited<ReturnType<typeof getApplicantProfile>>>;

/** The registry records a "registry" field may point at: the applicant's own vehicles and unhandled violations. */
export async function loadRegistryChoices(db: Executor, residentId: string): Promise<RegistryChoices> {
  const [ownVehicles, violations] = await Promise.all([
    db.select({ plate: vehicles.plate }).from(vehicles).where(eq(vehicles.ownerResidentId, residentId)),
    db.select({ id: trafficViolations.id }).from(trafficViolations).where(and(eq(trafficViolations.residentId, residentId), eq(trafficViolations.status, 'unhandled'))),
  ]);
  return { vehicle: ownVehicles.map((v) => v.plate), violation: violations.map((v) => v.id) };
}
