import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/connect';
import { residents } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { StaffActor } from '@/lib/auth/actor';
import { invalid, notFound, ok, type Result } from '@/lib/result';
import { findApplicationForActor } from './access';
import { msg } from '@/lib/i18n/problem';

// The case page shows the applicant's ID number and mobile masked (lib/applications/case-view.ts);
// a clerk who needs a full value clicks "show", and each such look is on the record.
export const REVEALABLE_CASE_FIELDS = ['idNumber', 'contactPhone'] as const;
export type RevealableCaseField = (typeof REVEALABLE_CASE_FIELDS)[number];

export const revealCasePiiSchema = z.object({
  applicationId: z.uuid(msg('problems.common.invalidRequest')),
  field: z.enum(REVEALABLE_CASE_FIELDS, msg('problems.common.invalidRequest')),
});

/**
 * The full value of one masked field of a case, for staff who may open the case (the same scope as
 * the case page: lib/applications/access.ts), written with its audit entry in one transaction.
 */
export async function revealCasePii(db: Database, actor: StaffActor, rawInput: unknown): Promise<Result<{ field: RevealableCaseField; value: string }>> {
  const parsed = revealCasePiiSchema.safeParse(rawInput);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message ?? msg('problems.common.invalidRequest'));
  const { applicationId, field } = parsed.data;
  return db.transaction(async (tx) => {
    const application = await findApplicationForActor(tx, actor, applicationId);
    if (!application) return notFound(msg('problems.applications.notFound'));
    let value = application.contactPhone;
    if (field === 'idNumber') {
      const [resident] = await tx.select({ idNumber: residents.idNumber }).from(residents).where(eq(residents.id, application.residentId));
      if (!resident) return notFound(msg('problems.applications.notFound'));
      value = resident.idNumber;
    }
    await writeAudit(tx, { action: 'application.pii_revealed', actorType: 'staff', actorId: actor.staffId, subjectType: 'application', subjectId: application.id, details: { field } });
    return ok({ field, value });
  });
}
