// A supervisor revokes a certificate (it stops being valid) or reissues it (a new serial and file
// supersede the old one and go out by mail or wait at the counter, as the citizen chose). Reasons are codes, so reports can count them.
import { and, asc, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '@/db/connect';
import { applications, certificates, mailDispatches } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { StaffActor } from '@/lib/auth/actor';
import { applicationScope, isUuid } from '@/lib/applications/access';
import { cancelUnsentDispatches } from '@/lib/delivery/cancel-unsent-dispatches';
import { queueCitizenNotice } from '@/lib/applications/citizen-notices';
import { createDispatch, deliveryMethodOf } from '@/lib/delivery/create-dispatch';
import { pickupOfficeFor } from '@/lib/delivery/pickup-office';
import { dictionaryFor } from '@/lib/i18n/messages';
import { msg } from '@/lib/i18n/problem';
import { conflict, forbidden, invalid, notFound, ok, OperationFailure, type Result } from '@/lib/result';
import { createCertificate } from './issue-certificate';
import { canManageCertificates } from '@/lib/auth/permissions';

// The codes only: their words are problems.certificates.revokeReason.* and reissueReason.* in the dictionary.
export const REVOKE_REASONS = ['issued_in_error', 'obtained_by_fraud', 'decision_withdrawn', 'holder_deceased'] as const;
export type RevokeReasonCode = (typeof REVOKE_REASONS)[number];

export const REISSUE_REASONS = ['lost', 'damaged', 'content_corrected', 'lost_in_mail'] as const;
export type ReissueReasonCode = (typeof REISSUE_REASONS)[number];

// certificates.revoke_reason has always held the Chinese word when no note was given; it still does.
const STORED_REVOKE_REASON = dictionaryFor('zh-CN').problems.certificates.revokeReason;

const revokeSchema = z.object({
  certificateId: z.uuid(),
  reasonCode: z.enum(REVOKE_REASONS),
  note: z.string().trim().max(500).optional().default(''),
});
const reissueSchema = z.object({
  certificateId: z.uuid(),
  reasonCode: z.enum(REISSUE_REASONS),
  note: z.string().trim().max(500).optional().default(''),
});

function statusConflict(status: string) {
  return conflict(status === 'revoked' ? msg('problems.certificates.alreadyRevoked') : msg('problems.certificates.alreadyReplaced'));
}

/** Revokes a valid certificate; its QR then says revoked. */
export async function revokeCertificate(db: Database, actor: StaffActor, rawInput: unknown, now = new Date()): Promise<Result<{ certificateId: string }>> {
  if (!canManageCertificates(actor)) return forbidden();
  const parsed = revokeSchema.safeParse(rawInput);
  if (!parsed.success) return invalid(msg('problems.certificates.chooseRevokeReason'), z.flattenError(parsed.error).fieldErrors);
  const input = parsed.data;
  const [certificate] = await db.select({ id: certificates.id, status: certificates.status, serialNumber: certificates.serialNumber }).from(certificates).where(eq(certificates.id, input.certificateId));
  if (!certificate) return notFound(msg('problems.certificates.notFound'));
  if (certificate.status !== 'valid') return statusConflict(certificate.status);
  try {
    await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(certificates)
        .set({ status: 'revoked', revokedAt: now, revokeReasonCode: input.reasonCode, revokeReason: input.note || STORED_REVOKE_REASON[input.reasonCode] })
        .where(and(eq(certificates.id, certificate.id), eq(certificates.status, 'valid')))
        .returning({ id: certificates.id });
      if (!updated) throw new OperationFailure(statusConflict('revoked'));
      const reason = msg('problems.certificates.revokedCancel', { reason: msg(`problems.certificates.revokeReason.${input.reasonCode}`) });
      const mail = await cancelUnsentDispatches(tx, certificate.id, actor.staffId, reason, now);
      await writeAudit(tx, {
        action: 'certificate.revoked',
        actorType: 'staff',
        actorId: actor.staffId,
        subjectType: 'certificate',
        subjectId: certificate.id,
        details: {
          serialNumber: certificate.serialNumber,
          reasonCode: input.reasonCode,
          note: input.note || undefined,
          cancelledDispatchIds: mail.cancelled,
          // Already with the courier: the office must intercept it; the dashboard still lists it as open.
          dispatchesWithCourier: mail.stillWithCourier,
        },
      });
      const [application] = await tx
        .select({ citizenAccountId: applications.citizenAccountId, referenceNumber: applications.referenceNumber })
        .from(applications)
        .innerJoin(certificates, eq(certificates.applicationId, applications.id))
        .where(eq(certificates.id, certificate.id));
      if (application) {
        await queueCitizenNotice(tx, application.citizenAccountId, application.referenceNumber, { kind: 'certificate_revoked', serialNumber: certificate.serialNumber, reason: msg(`problems.certificates.revokeReason.${input.reasonCode}`) });
      }
    });
    return ok({ certificateId: certificate.id });
  } catch (error) {
    if (error instanceof OperationFailure) return error.failure;
    throw error;
  }
}

/** Issues a new copy (new serial, new file, new signature) that supersedes a valid certificate, and mails it. */
export async function reissueCertificate(
  db: Database,
  actor: StaffActor,
  rawInput: unknown,
  ctx: { now?: Date; publicBaseUrl: string },
): Promise<Result<{ certificateId: string; serialNumber: string; dispatchId: string }>> {
  if (!canManageCertificates(actor)) return forbidden();
  const parsed = reissueSchema.safeParse(rawInput);
  if (!parsed.success) return invalid(msg('problems.certificates.chooseReissueReason'), z.flattenError(parsed.error).fieldErrors);
  const input = parsed.data;
  const now = ctx.now ?? new Date();
  const [old] = await db.select({ id: certificates.id, status: certificates.status, applicationId: certificates.applicationId, serialNumber: certificates.serialNumber }).from(certificates).where(eq(certificates.id, input.certificateId));
  if (!old) return notFound(msg('problems.certificates.notFound'));
  if (old.status !== 'valid') return statusConflict(old.status);
  try {
    const outcome = await db.transaction(async (tx) => {
      // Superseding first takes the row lock, so two reissues of one certificate cannot both pass.
      const [superseded] = await tx
        .update(certificates)
        .set({ status: 'superseded' })
        .where(and(eq(certificates.id, old.id), eq(certificates.status, 'valid')))
        .returning({ id: certificates.id });
      if (!superseded) throw new OperationFailure(statusConflict('superseded'));
      // The superseded copy must not go out as well as the new one.
      const oldMail = await cancelUnsentDispatches(tx, old.id, actor.staffId, msg('problems.certificates.supersededCancel'), now);
      const [application] = await tx.select().from(applications).where(eq(applications.id, old.applicationId));
      if (!application) throw new OperationFailure(notFound());
      const [copies] = await tx.select({ n: max(certificates.copyNumber) }).from(certificates).where(eq(certificates.applicationId, application.id));
      const issued = await createCertificate(tx, application, {
        now,
        publicBaseUrl: ctx.publicBaseUrl,
        actorId: actor.staffId,
        actorType: 'staff',
        copyNumber: (copies?.n ?? 1) + 1,
        supersedesCertificateId: old.id,
      });
      const dispatch = await createDispatch(tx, {
        certificateId: issued.certificateId,
        application,
        recipientName: issued.recipientName,
        now,
        actorId: actor.staffId,
        actorType: 'staff',
        // The new copy goes the way the citizen chose: by post, or waiting at the counter.
        method: deliveryMethodOf(application),
        note: `补发 Reissue of ${old.serialNumber}`,
      });
      await queueCitizenNotice(tx, application.citizenAccountId, application.referenceNumber, {
        kind: 'certificate_reissued',
        serialNumber: old.serialNumber,
        newSerialNumber: issued.serialNumber,
        isCounterPickup: dispatch.method === 'counter',
      });
      if (dispatch.method === 'counter') {
        await queueCitizenNotice(tx, application.citizenAccountId, application.referenceNumber, { kind: 'ready_for_collection', pickup: pickupOfficeFor(application.districtCode) });
      }
      await writeAudit(tx, {
        action: 'certificate.reissued',
        actorType: 'staff',
        actorId: actor.staffId,
        subjectType: 'certificate',
        subjectId: old.id,
        details: {
          serialNumber: old.serialNumber,
          reasonCode: input.reasonCode,
          note: input.note || undefined,
          newCertificateId: issued.certificateId,
          newSerialNumber: issued.serialNumber,
          cancelledDispatchIds: oldMail.cancelled,
        },
      });
      return { certificateId: issued.certificateId, serialNumber: issued.serialNumber, dispatchId: dispatch.id };
    });
    return ok(outcome);
  } catch (error) {
    if (error instanceof OperationFailure) return error.failure;
    throw error;
  }
}

/** Every copy issued for a case, oldest first, with where its latest parcel is; for staff who may see the case. */
export async function listCertificateCopies(db: Executor, actor: StaffActor, applicationId: string) {
  if (!isUuid(applicationId)) return [];
  const rows = await db
    .select({
      id: certificates.id,
      serialNumber: certificates.serialNumber,
      status: certificates.status,
      copyNumber: certificates.copyNumber,
      issuedAt: certificates.issuedAt,
      revokedAt: certificates.revokedAt,
      revokeReasonCode: certificates.revokeReasonCode,
      supersedesCertificateId: certificates.supersedesCertificateId,
    })
    .from(certificates)
    .innerJoin(applications, eq(applications.id, certificates.applicationId))
    .where(and(eq(certificates.applicationId, applicationId), applicationScope(actor)))
    .orderBy(asc(certificates.copyNumber));
  const dispatches = rows.length
    ? await db.select({ certificateId: mailDispatches.certificateId, status: mailDispatches.status }).from(mailDispatches).where(eq(mailDispatches.applicationId, applicationId)).orderBy(asc(mailDispatches.createdAt))
    : [];
  return rows.map((r) => ({ ...r, latestDispatchStatus: dispatches.filter((d) => d.certificateId === r.id).at(-1)?.status ?? null }));
}
