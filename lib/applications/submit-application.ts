import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Database } from '@/db/connect';
import { applicationEvents, applications, citizenAccounts, residents } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { CitizenActor } from '@/lib/auth/actor';
import { addWorkingDays, toBeijingDate } from '@/lib/calendar/working-days';
import { enqueueEmail, enqueueSms } from '@/lib/notifications/outbox';
import { forbidden, invalid, notFound, ok, type FieldErrors, type Result } from '@/lib/result';
import { findService } from '@/lib/services/catalog';
import { checkServiceDocuments, storeDocuments, type UploadedFile } from './documents';
import { householdTransferSchema } from './household-transfer-form';

export type { UploadedFile } from './documents';

export const submitEnvelopeSchema = z.object({
  idempotencyKey: z.uuid('表单已过期，请刷新页面 / The form has expired; reload the page'),
  serviceId: z.string().min(1, '请选择办理事项 / Choose a service'),
});

export type SubmitOutcome = { applicationId: string; referenceNumber: string; isDuplicate: boolean };

/**
 * Submits a household transfer with its documents in one transaction: the application, its
 * documents, the first timeline entry, the audit entry and the confirmation messages all land
 * together or not at all. A retry with the same idempotency key returns the first application.
 */
export async function submitHouseholdTransfer(
  db: Database,
  actor: CitizenActor,
  input: { serviceId: unknown; form: unknown; files: UploadedFile[]; idempotencyKey: unknown },
  now = new Date(),
): Promise<Result<SubmitOutcome>> {
  const envelope = submitEnvelopeSchema.safeParse({ idempotencyKey: input.idempotencyKey, serviceId: input.serviceId });
  if (!envelope.success) return invalid(envelope.error.issues[0]?.message ?? 'invalid');
  const service = findService(envelope.data.serviceId);
  if (!service || service.formKind !== 'household-transfer') return notFound('没有这个办理事项 / No such service');
  if (actor.assuranceLevel < service.requiredAssuranceLevel) {
    return forbidden('此事项需要更高的身份认证等级 / This service needs a higher e-ID level');
  }

  const existing = await findByIdempotencyKey(db, actor.accountId, envelope.data.idempotencyKey);
  if (existing) return ok({ ...existing, isDuplicate: true });

  const form = householdTransferSchema.safeParse(input.form);
  const fieldErrors: FieldErrors = form.success ? {} : { ...z.flattenError(form.error).fieldErrors };

  const checked = checkServiceDocuments(service, input.files, { requireAllRequired: true });
  Object.assign(fieldErrors, checked.fieldErrors);
  const documents = checked.documents;

  if (!form.success || Object.keys(fieldErrors).length > 0) {
    return invalid('请修改标出的内容后再提交 / Please correct the marked fields and submit again', fieldErrors);
  }

  try {
    const outcome = await db.transaction(async (tx) => {
      const [resident] = await tx.select().from(residents).where(eq(residents.id, actor.residentId));
      if (!resident) throw new Error('resident of an active account is missing');
      const [next] = await queryRows<{ seq: number }>(tx, sql`select nextval('application_reference_seq')::int as seq`);
      const seqValue = Number(next?.seq);
      const today = toBeijingDate(now);
      const referenceNumber = `WH${today.replaceAll('-', '')}${String(seqValue).padStart(6, '0')}`;
      const [application] = await tx
        .insert(applications)
        .values({
          referenceNumber,
          serviceId: service.id,
          citizenAccountId: actor.accountId,
          residentId: actor.residentId,
          districtCode: form.data.toDistrictCode,
          status: 'submitted',
          formData: { ...form.data, fromAddress: resident.address, fromDistrictCode: resident.districtCode },
          deliveryAddress: form.data.deliveryAddress,
          contactPhone: form.data.contactPhone,
          idempotencyKey: envelope.data.idempotencyKey,
          submittedAt: now,
          deadlineDate: addWorkingDays(today, service.deadlineWorkingDays),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!application) throw new Error('application insert returned nothing');
      await storeDocuments(tx, application.id, documents, now);
      await tx.insert(applicationEvents).values({
        applicationId: application.id,
        fromStatus: null,
        toStatus: 'submitted',
        transition: 'submit',
        actorType: 'citizen',
        actorId: actor.accountId,
        createdAt: now,
      });
      await writeAudit(tx, {
        action: 'application.submitted',
        actorType: 'citizen',
        actorId: actor.accountId,
        subjectType: 'application',
        subjectId: application.id,
        details: { referenceNumber, serviceId: service.id, documents: documents.map((d) => ({ kind: d.kind, sha256: d.sha256 })) },
      });
      if (form.data.notificationEmail) {
        await tx.update(citizenAccounts).set({ email: form.data.notificationEmail }).where(eq(citizenAccounts.id, actor.accountId));
      }
      const email = form.data.notificationEmail || (await tx.select({ email: citizenAccounts.email }).from(citizenAccounts).where(eq(citizenAccounts.id, actor.accountId)))[0]?.email;
      const deadline = application.deadlineDate ?? '';
      if (email) {
        await enqueueEmail(tx, {
          to: email,
          subject: `【武汉公安】申请已受理 ${referenceNumber} / Application received`,
          text: [
            `${resident.name}，您好：`,
            `您的“${service.nameZh}”申请已提交，申请编号 ${referenceNumber}。`,
            `承诺办结日期：${deadline}（${service.deadlineWorkingDays} 个工作日）。`,
            '您可以登录门户查看办理进度。',
            '',
            `Your application "${service.nameEn}" was received. Reference: ${referenceNumber}. Expected decision by ${deadline}.`,
          ].join('\n'),
        });
      }
      await enqueueSms(tx, {
        to: resident.phone,
        text: `【武汉公安】您的${service.nameZh}申请已提交，编号 ${referenceNumber}。`,
      });
      return { applicationId: application.id, referenceNumber, isDuplicate: false };
    });
    return ok(outcome);
  } catch (error) {
    // Two identical submits racing: the unique (account, idempotency key) index stops the second.
    const again = await findByIdempotencyKey(db, actor.accountId, envelope.data.idempotencyKey);
    if (again) return ok({ ...again, isDuplicate: true });
    throw error;
  }
}

async function findByIdempotencyKey(db: Database, accountId: string, key: string) {
  const [row] = await db
    .select({ applicationId: applications.id, referenceNumber: applications.referenceNumber })
    .from(applications)
    .where(and(eq(applications.citizenAccountId, accountId), eq(applications.idempotencyKey, key)));
  return row;
}
