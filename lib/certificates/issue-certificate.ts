import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/connect';
import { certificateSerials, certificates, residents, services, type Application, type DispatchMethod } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import { toBeijingDate } from '@/lib/calendar/working-days';
import { createDispatch, deliveryMethodOf } from '@/lib/delivery/create-dispatch';
import { districtName } from '@/lib/places';
import { maskIdNumber } from '@/lib/privacy/mask';
import { CERTIFICATE_KIND_LABELS } from '@/lib/services/catalog';
import { getActiveKey } from '@/lib/crypto/authority-keys';
import { getCertificateKeyRing, signCertificateHash } from './certificate-signature';
import { renderCertificatePdf } from './render-certificate';
import { certificateDocumentFor } from './templates';

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

export function issuingAuthorityFor(districtCode: string): string {
  return `武汉市公安局${districtName(districtCode)}分局`;
}

type IssueContext = { now: Date; publicBaseUrl: string; actorId: string };

/**
 * Renders, signs and stores one certificate of an application (the first, or a reissue), inside the
 * caller's transaction. The serial, the file, its sha256 and the SM2 signature are written once.
 */
export async function createCertificate(
  tx: Transaction,
  application: Application,
  ctx: IssueContext & { actorType: 'staff' | 'system'; copyNumber: number; supersedesCertificateId?: string },
): Promise<{ certificateId: string; serialNumber: string; recipientName: string }> {
  const [resident] = await tx.select().from(residents).where(eq(residents.id, application.residentId));
  if (!resident) throw new Error('resident of an application is missing');
  const [service] = await tx.select({ certificateKind: services.certificateKind }).from(services).where(eq(services.id, application.serviceId));
  const kind = service?.certificateKind ?? 'migration_permit';
  const form = (application.formData ?? {}) as Record<string, unknown>;
  const year = Number(toBeijingDate(ctx.now).slice(0, 4));
  const serialNumber = await allocateSerialNumber(tx, kind, year);
  const verifyToken = randomBytes(18).toString('base64url');
  const issuingAuthority = issuingAuthorityFor(application.districtCode);
  const keyRing = await getCertificateKeyRing();
  const pdf = await renderCertificatePdf({
    ...certificateDocumentFor({
      kind,
      serialNumber,
      holderName: resident.name,
      idNumberMasked: maskIdNumber(resident.idNumber),
      sex: resident.sex,
      birthDate: String(resident.birthDate),
      registeredAddress: resident.address,
      districtName: districtName(application.districtCode),
      toDistrictName: typeof form.toDistrictCode === 'string' ? districtName(form.toDistrictCode) : undefined,
      issuingAuthority,
      issuedAt: ctx.now,
      verifyUrl: verifyUrlFor(ctx.publicBaseUrl, verifyToken),
      referenceNumber: application.referenceNumber,
      form,
      copyNumber: ctx.copyNumber,
    }),
    // Printed on the certificate: the key that signs the file's hash below.
    signingKeyId: getActiveKey(keyRing).id,
  });
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const { signature, signingKeyId } = signCertificateHash(sha256, keyRing);
  const [certificate] = await tx
    .insert(certificates)
    .values({
      serialNumber,
      kind,
      applicationId: application.id,
      residentId: resident.id,
      verifyToken,
      pdf,
      sha256,
      signature,
      signingKeyId,
      issuingAuthority,
      copyNumber: ctx.copyNumber,
      supersedesCertificateId: ctx.supersedesCertificateId ?? null,
      issuedAt: ctx.now,
    })
    .returning({ id: certificates.id });
  if (!certificate) throw new Error('certificate insert returned nothing');
  await writeAudit(tx, {
    action: 'certificate.issued',
    actorType: ctx.actorType,
    actorId: ctx.actorId,
    subjectType: 'certificate',
    subjectId: certificate.id,
    details: { serialNumber, sha256, signingKeyId, applicationId: application.id, copyNumber: ctx.copyNumber, supersedes: ctx.supersedesCertificateId },
  });
  return { certificateId: certificate.id, serialNumber, recipientName: resident.name };
}

/**
 * Issues the certificate of an approved application, in the approving transaction, and starts its way
 * to the holder as they chose: a mail parcel queued for printing, or (counter pickup) no parcel at all —
 * the certificate waits at the counter of the case's district office (lib/delivery/pickup-office.ts).
 */
export async function issueCertificate(
  tx: Transaction,
  application: Application,
  ctx: IssueContext,
): Promise<{ certificateId: string; serialNumber: string; dispatchId: string; method: DispatchMethod }> {
  const issued = await createCertificate(tx, application, { ...ctx, actorType: 'system', copyNumber: 1 });
  const dispatch = await createDispatch(tx, {
    certificateId: issued.certificateId,
    application,
    recipientName: issued.recipientName,
    now: ctx.now,
    actorId: ctx.actorId,
    actorType: 'system',
    method: deliveryMethodOf(application),
  });
  return { certificateId: issued.certificateId, serialNumber: issued.serialNumber, dispatchId: dispatch.id, method: dispatch.method };
}
