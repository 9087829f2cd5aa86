import type { Database } from '@/db/connect';
import { writeAudit } from '@/lib/audit/actions';
import type { Actor } from './actor';
import { endAllCitizenSessions } from './citizen-session';
import { endAllStaffSessions } from './staff-session';

/** Ends every server session of the caller's account (this browser's included), with its audit entry. */
export async function signOutEverywhere(db: Database, actor: Actor, now = new Date()): Promise<{ ended: number }> {
  return db.transaction(async (tx) => {
    if (actor.kind === 'citizen') {
      const ended = await endAllCitizenSessions(tx, actor.accountId, now);
      await writeAudit(tx, { action: 'citizen.signed_out_everywhere', actorType: 'citizen', actorId: actor.accountId, subjectType: 'citizen', subjectId: actor.accountId, details: { ended } });
      return { ended };
    }
    const ended = await endAllStaffSessions(tx, actor.staffId, now);
    await writeAudit(tx, { action: 'staff.signed_out_everywhere', actorType: 'staff', actorId: actor.staffId, subjectType: 'staff', subjectId: actor.staffId, details: { ended } });
    return { ended };
  });
}
