import { asc, count, desc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/connect';
import { applications, certificates, dispatchStatusEnum, mailDispatches } from '@/db/schema';
import type { StaffActor } from '@/lib/auth/actor';
import { maskName, maskPhone } from '@/lib/privacy/mask';

export const dispatchListParamsSchema = z.object({
  status: z.enum([...dispatchStatusEnum.enumValues, 'all']).catch('all').default('all'),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});

/** Every mailed certificate with where it is now; for the supervisor only. */
export async function listDispatches(db: Executor, actor: StaffActor, params: z.infer<typeof dispatchListParamsSchema>) {
  if (actor.role !== 'supervisor') return { rows: [], total: 0 };
  const where: SQL | undefined = params.status === 'all' ? undefined : eq(mailDispatches.status, params.status);
  const pageSize = 50;
  const rows = await db
    .select({
      id: mailDispatches.id,
      status: mailDispatches.status,
      version: mailDispatches.version,
      recipientName: mailDispatches.recipientName,
      address: mailDispatches.address,
      phone: mailDispatches.phone,
      courier: mailDispatches.courier,
      trackingNumber: mailDispatches.trackingNumber,
      returnReason: mailDispatches.returnReason,
      updatedAt: mailDispatches.updatedAt,
      serialNumber: certificates.serialNumber,
      referenceNumber: applications.referenceNumber,
    })
    .from(mailDispatches)
    .innerJoin(certificates, eq(certificates.id, mailDispatches.certificateId))
    .innerJoin(applications, eq(applications.id, mailDispatches.applicationId))
    .where(where)
    .orderBy(asc(mailDispatches.status), desc(mailDispatches.updatedAt))
    .limit(pageSize)
    .offset((params.page - 1) * pageSize);
  const [total] = await db.select({ n: count() }).from(mailDispatches).where(where);
  return {
    rows: rows.map((r) => ({ ...r, recipientName: maskName(r.recipientName), phone: maskPhone(r.phone) })),
    total: total?.n ?? 0,
  };
}
