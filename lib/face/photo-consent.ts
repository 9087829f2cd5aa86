import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { Placeholder } from 'drizzle-orm';
import { photoConsents } from '@/db/schema';

// The consent to reuse the check photo, as the wallet reads it (in its one statement, lib/identity/wallet.ts)
// and as face-check.ts reads and withdraws it.

export const PHOTO_REUSE_PURPOSE = 'traffic_document_photo';

/** What the wallet shows of a consent. */
export const photoConsentColumns = { id: photoConsents.id, grantedAt: photoConsents.grantedAt };

/** The account's consent to reuse the photo that is in force: granted for that purpose and not withdrawn. */
export function activePhotoConsentOf(accountId: string | Placeholder): SQL {
  return and(eq(photoConsents.citizenAccountId, accountId), eq(photoConsents.purpose, PHOTO_REUSE_PURPOSE), isNull(photoConsents.revokedAt))!;
}
