import type { Executor } from '@/db/connect';
import { writeAudit } from '@/lib/audit/actions';
import type { StaffActor } from '@/lib/auth/actor';

/** Every time staff open a case it is on the record (accountability). */
export async function recordCaseView(db: Executor, actor: StaffActor, applicationId: string): Promise<void> {
  await writeAudit(db, {
    action: 'application.viewed_by_staff',
    actorType: 'staff',
    actorId: actor.staffId,
    subjectType: 'application',
    subjectId: applicationId,
  });
}
