import { eq } from 'drizzle-orm';
import type { Database } from '@/db/connect';
import { applications, mailDispatches, type MailDispatch } from '@/db/schema';
import { msg } from '@/lib/i18n/problem';
import { approveForTest, staffByUsername } from './fixtures';

let made = 0;

/**
 * A freshly approved case (a copy of a seeded in-review one, in 420106) and its dispatch: queued for
 * printing, or (method 'counter', the citizen chose counter pickup) waiting at the counter.
 */
export async function approvedDispatchForTest(db: Database, now = new Date('2026-11-27T20:00:00Z'), method: 'mail' | 'counter' = 'mail'): Promise<MailDispatch> {
  const clerk = await staffByUsername(db, 'clerk06');
  const [template] = await db.select().from(applications).where(eq(applications.status, 'in_review')).limit(1);
  if (!template) throw new Error('the seed has no in-review case to copy');
  const id = crypto.randomUUID();
  made += 1;
  await db.insert(applications).values({
    ...template,
    id,
    referenceNumber: `WH7${String(process.pid % 1000).padStart(3, '0')}${String(made).padStart(8, '0')}`,
    idempotencyKey: crypto.randomUUID(),
    districtCode: '420106',
    ...(method === 'counter' ? { formData: { ...(template.formData as Record<string, unknown>), deliveryMethod: 'counter' }, deliveryAddress: msg('problems.delivery.counterPickup') } : {}),
    claimedByStaffId: clerk.staffId,
    version: 1,
  });
  await approveForTest(db, id, 1, now);
  const [dispatch] = await db.select().from(mailDispatches).where(eq(mailDispatches.applicationId, id));
  return dispatch!;
}
