import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/connect';
import { certificates, residents } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import { maskName } from '@/lib/privacy/mask';
import { CERTIFICATE_KIND_LABELS } from '@/lib/services/catalog';
import { hitThrottle } from '@/lib/security/throttle';
import { THROTTLE_RULES } from '@/lib/security/throttle-rules';
import type { KeyRing } from '@/lib/crypto/authority-keys';
import { getCertificateKeyRing, isCertificateSignatureValid } from './certificate-signature';

export type VerificationResult =
  | { found: false; throttledForSeconds?: number }
  | { found: true; status: 'valid' | 'revoked' | 'superseded' | 'tampered'; serialNumber: string; kindZh: string; kindEn: string; holderNameMasked: string; issuedAt: Date };

/** What the public learns by scanning a certificate's QR: whether it is genuine and current, and nothing more. */
export async function verifyCertificate(
  db: Executor,
  token: string,
  clientKey?: string,
  now = new Date(),
  keyRing?: KeyRing,
): Promise<VerificationResult> {
  // Public and unauthenticated: a device checking certificates in bulk is slowed down.
  if (clientKey) {
    const throttle = await hitThrottle(db, `certificate-verify:client:${clientKey}`, THROTTLE_RULES.certificateVerifyPerClient, now);
    if (!throttle.isAllowed) return { found: false, throttledForSeconds: throttle.retryAfterSeconds };
  }
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return { found: false };
  const [row] = await db
    .select({ certificate: certificates, name: residents.name })
    .from(certificates)
    .innerJoin(residents, eq(residents.id, certificates.residentId))
    .where(eq(certificates.verifyToken, token));
  if (!row) return { found: false };
  const { certificate } = row;
  // The stored file must still be the one that was issued, and its hash the one the authority signed.
  const actualSha256 = createHash('sha256').update(certificate.pdf).digest('hex');
  const isIntact =
    actualSha256 === certificate.sha256 &&
    isCertificateSignatureValid(actualSha256, certificate.signature, certificate.signingKeyId, keyRing ?? (await getCertificateKeyRing()));
  await writeAudit(db, { action: 'certificate.verified', actorType: 'public', actorId: null, subjectType: 'certificate', subjectId: certificate.id });
  const labels = CERTIFICATE_KIND_LABELS[certificate.kind];
  return {
    found: true,
    status: isIntact ? certificate.status : 'tampered',
    serialNumber: certificate.serialNumber,
    kindZh: labels?.zh ?? certificate.kind,
    kindEn: labels?.en ?? certificate.kind,
    holderNameMasked: maskName(row.name),
    issuedAt: certificate.issuedAt,
  };
}
