import { desc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/connect';
import { citizenAccounts, eids, identityUses, residents } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { StaffActor } from '@/lib/auth/actor';
import { parseIdNumber } from '@/lib/identity/id-number';
import { maskIdNumber } from '@/lib/privacy/mask';
import { canManageEids } from '@/lib/auth/permissions';
import { piiIndex } from '@/lib/privacy/pii-columns';

/** A supervisor or admin finds an e-ID by the exact ID number (to revoke it); every lookup is audited. */
export async function findEidByIdNumber(db: Executor, actor: StaffActor, rawIdNumber: string) {
  if (!canManageEids(actor)) return { status: 'forbidden' as const };
  const parsed = parseIdNumber(rawIdNumber);
  if (!parsed.ok) return { status: 'invalid' as const, message: parsed.message };
  const [row] = await db
    .select({ eid: eids, name: residents.name, idNumber: residents.idNumber, accountId: citizenAccounts.id })
    .from(residents)
    .innerJoin(citizenAccounts, eq(citizenAccounts.residentId, residents.id))
    .innerJoin(eids, eq(eids.citizenAccountId, citizenAccounts.id))
    .where(eq(residents.idNumberIndex, piiIndex('id_number', parsed.value.idNumber)));
  await writeAudit(db, { action: 'eid.looked_up', actorType: 'staff', actorId: actor.staffId, subjectType: 'eid', subjectId: row?.eid.id ?? 'none', details: { found: Boolean(row) } });
  if (!row) return { status: 'not_found' as const };
  const uses = await db.select().from(identityUses).where(eq(identityUses.citizenAccountId, row.accountId)).orderBy(desc(identityUses.id)).limit(10);
  return {
    status: 'ok' as const,
    eid: { id: row.eid.id, status: row.eid.status, assuranceLevel: row.eid.assuranceLevel, issuedAt: row.eid.issuedAt, statusReason: row.eid.statusReason },
    holder: { name: row.name, idNumberMasked: maskIdNumber(row.idNumber) },
    uses,
  };
}
