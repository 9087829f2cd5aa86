import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/connect';
import { certificateSerials, certificates, dispatchEvents, mailDispatches, residents, type Application } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import { toBeijingDate } from '@/lib/calendar/working-days';
import { districtName } from '@/lib/places';
import { maskIdNumber } from '@/lib/privacy/mask';
import { CERTIFICATE_KIND_LABELS } from '@/lib/services/catalog';
import { TRANSFER_REASONS, type HouseholdTransferForm } from '@/lib/applications/household-transfer-form';
import { renderMigrationPermitPdf } from './render-migration-permit';

/**
 * The next serial for (kind, year), taken inside the caller's transaction: the counter row is
 * locked until commit, so concurrent approvals queue up and a rolled-back one gives its number back.
 */
export async function allocateSerialNumber(tx: Transaction, kind: string, year: number): Promise<string> {
  const prefix = CERTIFICATE_KIND_LABELS[kind]?.serialPrefix ?? 'XX';
  const [row] = await tx
    .insert(certificateSerials)
    .values({ kind, year, lastValue: 1 })
    .onConflictDoUpdate({
      target: [certificateSerials.kind, certificateSerials.year],
      set: { lastValue: sql`${certificateSerials.lastValue} + 1` },
    })
    .returning({ value: certificateSerials.lastValue });
  if (!row) throw new Error('serial allocation returned nothing');
  return `${prefix}${year}${String(row.value).padStart(6, '0')}`;
}

export function verifyUrlFor(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}/verify/${token}`;
}

/** Issues the certificate of an approved application and queues its mail dispatch, in the approving transaction. */
export async function issueCertificate(
  tx: Transaction,
  application: Application,
  ctx: { now: Date; publicBaseUrl: string; actorId: string },
): Promise<{ certificateId: string; serialNumber: string; dispatchId: string }> {
  const [resident] = await tx.select().from(residents).where(eq(residents.id, application.residentId));
  if (!resident) throw new Error('resident of an application is missing');
  const form = application.formData as HouseholdTransferForm & { fromAddress: string };
  const kind = 'migration_permit';
  const year = Number(toBeijingDate(ctx.now).slice(0, 4));
  const serialNumber = await allocateSerialNumber(tx, kind, year);
  const verifyToken = randomBytes(18).toString('base64url');
  const pdf = await renderMigrationPermitPdf({
    serialNumber,
    holderName: resident.name,
    idNumberMasked: maskIdNumber(resident.idNumber),
    sex: resident.sex,
    fromAddress: form.fromAddress,
    toAddress: form.toAddress,
    toDistrictName: districtName(form.toDistrictCode),
    reason: TRANSFER_REASONS[form.reason]?.zh ?? form.reason,
    issuingAuthority: `武汉市公安局${districtName(application.districtCode)}分局`,
    issuedAt: ctx.now,
    verifyUrl: verifyUrlFor(ctx.publicBaseUrl, verifyToken),
    referenceNumber: application.referenceNumber,
  });
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const [certificate] = await tx
    .insert(certificates)
    .values({ serialNumber, kind, applicationId: application.id, residentId: resident.id, verifyToken, pdf, sha256, issuedAt: ctx.now })
    .returning({ id: certificates.id });
  if (!certificate) throw new Error('certificate insert returned nothing');
  const [dispatch] = await tx
    .insert(mailDispatches)
    .values({
      certificateId: certificate.id,
      applicationId: application.id,
      recipientName: resident.name,
      address: application.deliveryAddress,
      phone: application.contactPhone,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning({ id: mailDispatches.id });
  if (!dispatch) throw new Error('dispatch insert returned nothing');
  await tx.insert(dispatchEvents).values({ dispatchId: dispatch.id, fromStatus: null, toStatus: 'queued', actorId: ctx.actorId, createdAt: ctx.now });
  await writeAudit(tx, {
    action: 'certificate.issued',
    actorType: 'system',
    actorId: ctx.actorId,
    subjectType: 'certificate',
    subjectId: certificate.id,
    details: { serialNumber, sha256, applicationId: application.id },
  });
  await writeAudit(tx, {
    action: 'dispatch.created',
    actorType: 'system',
    actorId: ctx.actorId,
    subjectType: 'dispatch',
    subjectId: dispatch.id,
    details: { certificateId: certificate.id },
  });
  return { certificateId: certificate.id, serialNumber, dispatchId: dispatch.id };
}
