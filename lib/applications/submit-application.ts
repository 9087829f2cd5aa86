import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Database } from '@/db/connect';
import { applicationDrafts, applicationEvents, applications, citizenAccounts, residents } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { CitizenActor, StaffActor } from '@/lib/auth/actor';
import { addWorkingDays, toBeijingDate } from '@/lib/calendar/working-days';
import { forbidden, invalid, notFound, ok, OperationFailure, type FieldErrors, type Result } from '@/lib/result';
import { isOfferedIn, offeredDistrictNames } from '@/lib/services/availability';
import { findPublishedService } from '@/lib/services/published-catalogue';
import { parseServiceForm } from '@/lib/services/form-schema';
import { queueCitizenNotice } from './citizen-notices';
import { checkServiceDocuments, documentCountErrors, storeDocuments, type UploadedFile } from './documents';
import { countDraftDocuments, moveDraftDocuments } from './draft-documents';
import { loadRegistryChoices } from './queries';
import { msg } from '@/lib/i18n/problem';

export type { UploadedFile } from './documents';

export const submitEnvelopeSchema = z.object({
  idempotencyKey: z.uuid(msg('problems.applications.formExpired')),
  serviceId: z.string().min(1, msg('problems.applications.chooseService')),
});

export type SubmitOutcome = { applicationId: string; referenceNumber: string; isDuplicate: boolean };

/**
 * Filed at a service counter on the citizen's behalf (lib/applications/counter-assist.ts): the staff
 * member is recorded on the case and is the actor of its first entry, the citizen's own draft is left
 * alone, and the case must land in a district the staff member may file for.
 */
export type CounterAssistance = { staff: StaffActor; counterDistrictCode: string | null; mayFileIn: (districtCode: string) => boolean };

/**
 * Submits an application for any catalogue service, with its documents, in one transaction: the
 * application, its documents (those posted and those kept with the draft), the first timeline entry, the audit entry and the confirmation messages
 * all land together or not at all, and the citizen's draft of it is removed. A retry with the same
 * idempotency key (a double click, a refresh, a retry after a network error) returns the first application.
 */
export async function submitApplication(
  db: Database,
  actor: CitizenActor,
  input: { serviceId: unknown; form: unknown; files: UploadedFile[]; idempotencyKey: unknown },
  now = new Date(),
  assisted?: CounterAssistance,
): Promise<Result<SubmitOutcome>> {
  const envelope = submitEnvelopeSchema.safeParse({ idempotencyKey: input.idempotencyKey, serviceId: input.serviceId });
  if (!envelope.success) return invalid(envelope.error.issues[0]?.message ?? 'invalid');
  const service = await findPublishedService(db, envelope.data.serviceId);
  if (!service) return notFound(msg('problems.applications.noSuchService'));
  if (actor.assuranceLevel < service.requiredAssuranceLevel) {
    return forbidden(msg('problems.common.higherLevel'));
  }

  const existing = await findByIdempotencyKey(db, actor.accountId, envelope.data.idempotencyKey);
  if (existing) return ok({ ...existing, isDuplicate: true });

  const today = toBeijingDate(now);
  const form = parseServiceForm(service, input.form, await loadRegistryChoices(db, actor.residentId), today);
  const fieldErrors: FieldErrors = form.ok ? {} : { ...form.fieldErrors };
  // Files kept with the draft (uploaded as the citizen picked them) count as the application's.
  const kept = assisted ? {} : await countDraftDocuments(db, actor, service.id);
  const checked = await checkServiceDocuments(service, input.files, { requireAllRequired: true, kept });
  Object.assign(fieldErrors, checked.fieldErrors);
  const documents = checked.documents;

  if (!form.ok || Object.keys(fieldErrors).length > 0) {
    return invalid(msg('problems.common.correctMarked'), fieldErrors);
  }
  const { fields, delivery } = form.data;

  try {
    const outcome = await db.transaction(async (tx) => {
      const [resident] = await tx.select().from(residents).where(eq(residents.id, actor.residentId));
      if (!resident) throw new Error('resident of an active account is missing');
      if (!isOfferedIn(service, resident.districtCode)) {
        const names = offeredDistrictNames(service)!.join('、');
        throw new OperationFailure(forbidden(msg('problems.applications.onlyResidentsOf', { names })));
      }
      const [next] = await queryRows<{ seq: number }>(tx, sql`select nextval('application_reference_seq')::int as seq`);
      const referenceNumber = `WH${today.replaceAll('-', '')}${String(Number(next?.seq)).padStart(6, '0')}`;
      const jurisdiction = (service.jurisdictionField && fields[service.jurisdictionField]) || resident.districtCode;
      if (assisted && !assisted.mayFileIn(jurisdiction)) {
        throw new OperationFailure(forbidden(msg('problems.applications.otherDistrictCounter')));
      }
      const deadlineDate = addWorkingDays(today, service.deadlineWorkingDays);
      const [application] = await tx
        .insert(applications)
        .values({
          referenceNumber,
          serviceId: service.id,
          citizenAccountId: actor.accountId,
          residentId: actor.residentId,
          districtCode: jurisdiction,
          status: 'submitted',
          formData: { ...fields, ...delivery, fromAddress: resident.address, fromDistrictCode: resident.districtCode },
          // The form was checked against this version; the case and status pages show it by this version.
          serviceVersion: service.version,
          deliveryAddress: delivery.deliveryAddress,
          contactPhone: delivery.contactPhone,
          idempotencyKey: envelope.data.idempotencyKey,
          submittedAt: now,
          deadlineDate,
          ...(assisted && {
            assistedByStaffId: assisted.staff.staffId,
            assistedByName: assisted.staff.displayName,
            assistedAtDistrictCode: assisted.counterDistrictCode,
          }),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!application) throw new Error('application insert returned nothing');
      await storeDocuments(tx, application.id, documents, now);
      const moved = assisted ? [] : await moveDraftDocuments(tx, actor, service.id, application.id);
      // The draft's files were counted before the transaction; a removal in between is caught here.
      const counts: Record<string, number> = {};
      for (const d of [...documents, ...moved]) counts[d.kind] = (counts[d.kind] ?? 0) + 1;
      const countErrors = documentCountErrors(service, counts);
      if (Object.keys(countErrors).length > 0) throw new OperationFailure(invalid(msg('problems.common.correctMarked'), countErrors));
      await tx.insert(applicationEvents).values({
        applicationId: application.id,
        fromStatus: null,
        toStatus: 'submitted',
        transition: 'submit',
        actorType: assisted ? 'staff' : 'citizen',
        actorId: assisted ? assisted.staff.staffId : actor.accountId,
        createdAt: now,
      });
      const documentDetails = [...documents, ...moved].map((d) => ({ kind: d.kind, sha256: d.sha256 }));
      await writeAudit(
        tx,
        assisted
          ? {
              action: 'application.filed_at_counter',
              actorType: 'staff',
              actorId: assisted.staff.staffId,
              subjectType: 'application',
              subjectId: application.id,
              details: { referenceNumber, serviceId: service.id, citizenAccountId: actor.accountId, counterDistrictCode: assisted.counterDistrictCode, documents: documentDetails },
            }
          : { action: 'application.submitted', actorType: 'citizen', actorId: actor.accountId, subjectType: 'application', subjectId: application.id, details: { referenceNumber, serviceId: service.id, documents: documentDetails } },
      );
      // The citizen's own draft of this service stays theirs when a clerk files for them.
      if (!assisted) await tx.delete(applicationDrafts).where(and(eq(applicationDrafts.citizenAccountId, actor.accountId), eq(applicationDrafts.serviceId, service.id)));
      if (delivery.notificationEmail) {
        await tx.update(citizenAccounts).set({ email: delivery.notificationEmail }).where(eq(citizenAccounts.id, actor.accountId));
      }
      await queueCitizenNotice(tx, actor.accountId, referenceNumber, {
        kind: 'submitted',
        serviceName: { zh: service.nameZh, en: service.nameEn },
        deadline: deadlineDate,
        deadlineWorkingDays: service.deadlineWorkingDays,
      });
      return { applicationId: application.id, referenceNumber, isDuplicate: false };
    });
    return ok(outcome);
  } catch (error) {
    if (error instanceof OperationFailure) return error.failure;
    // Two identical submits racing: the unique (account, idempotency key) index stops the second.
    const again = await findByIdempotencyKey(db, actor.accountId, envelope.data.idempotencyKey);
    if (again) return ok({ ...again, isDuplicate: true });
    throw error;
  }
}

/**
 * The name callers used when the household transfer was the only form; every service goes through
 * submitApplication. Only db/seed.ts still calls it (tests call submitApplication): remove with that call.
 */
export const submitHouseholdTransfer = submitApplication;

async function findByIdempotencyKey(db: Database, accountId: string, key: string) {
  const [row] = await db
    .select({ applicationId: applications.id, referenceNumber: applications.referenceNumber })
    .from(applications)
    .where(and(eq(applications.citizenAccountId, accountId), eq(applications.idempotencyKey, key)));
  return row;
}
