// Walks the audit trail in id order and checks every link. No `server-only`: `npm run audit:verify`
// (scripts/audit-verify.ts) runs it outside Next.
import { asc, eq, gt, lte } from 'drizzle-orm';
import type { Executor } from '@/db/connect';
import { auditChainHead, auditEvents } from '@/db/schema';
import { GENESIS_HASH, hashAuditRow } from './chain';

export type ChainVerdict =
  | { ok: true; chained: number; unchainedBeforeChain: number; lastId: number }
  | { ok: false; brokenId: number; reason: string; checked: number };

const PAGE = 2_000;

export async function verifyAuditChain(db: Executor): Promise<ChainVerdict> {
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  if (!head) return { ok: false, brokenId: 0, reason: 'the chain head row is missing', checked: 0 };

  const legacy = await db.select({ id: auditEvents.id, hash: auditEvents.hash }).from(auditEvents).where(lte(auditEvents.id, head.chainStartsAfterId));
  const legacyWithHash = legacy.find((row) => row.hash !== null);
  if (legacyWithHash) return { ok: false, brokenId: legacyWithHash.id, reason: 'a row before the chain start carries a hash', checked: 0 };

  let expectedPrev = GENESIS_HASH;
  let lastId = head.chainStartsAfterId;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.id, lastId)).orderBy(asc(auditEvents.id)).limit(PAGE);
    for (const row of rows) {
      if (row.prevHash !== expectedPrev) {
        return { ok: false, brokenId: row.id, reason: 'prev_hash does not match the previous row (a row was removed, inserted or reordered)', checked };
      }
      const recomputed = hashAuditRow(row);
      if (row.hash !== recomputed) return { ok: false, brokenId: row.id, reason: 'the row does not match its hash (it was changed)', checked };
      expectedPrev = row.hash;
      lastId = row.id;
      checked += 1;
    }
    if (rows.length < PAGE) break;
  }
  if (head.lastHash !== expectedPrev || head.lastId !== lastId) {
    return { ok: false, brokenId: head.lastId, reason: `the chain head names row ${head.lastId} but the trail ends at row ${lastId} (rows were removed from the end)`, checked };
  }
  return { ok: true, chained: checked, unchainedBeforeChain: legacy.length, lastId };
}

