// The supervisor's view of the queue's health: backlog by service, district and age; throughput per
// day and per clerk; breaches. Bureau-wide, so supervisors only.
import { and, count, desc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '@/db/connect';
import { applicationEvents, applications, services, staffUsers } from '@/db/schema';
import type { StaffActor } from '@/lib/auth/actor';
import { toBeijingDate } from '@/lib/calendar/working-days';
import { forbidden, ok, type Result } from '@/lib/result';
import { OPEN_STATUSES } from './state-machine';
import { canSeeOverview } from '@/lib/auth/permissions';

/** Decisions counted as throughput: each closes (or hands on) a piece of a clerk's work. */
const DECISIONS = ['approve', 'reject', 'request_more_material', 'countersign', 'return_for_review'] as const;
export const AGE_BUCKETS = [
  { key: '0-1', labelZh: '1 天内', maxDays: 1 },
  { key: '2-3', labelZh: '2–3 天', maxDays: 3 },
  { key: '4-7', labelZh: '4–7 天', maxDays: 7 },
  { key: '8-14', labelZh: '8–14 天', maxDays: 14 },
  { key: '15+', labelZh: '15 天以上', maxDays: Infinity },
] as const;

export async function getQueueOverview(db: Executor, actor: StaffActor, options: { now?: Date; days?: number } = {}) {
  if (!canSeeOverview(actor)) return forbidden() as Result<never>;
  const now = options.now ?? new Date();
  const days = options.days ?? 14;
  const since = new Date(now.getTime() - days * 86_400_000);
  const today = toBeijingDate(now);
  const open = inArray(applications.status, [...OPEN_STATUSES]);

  const [byService, byDistrict, byAgeRaw, perDay, perClerk, [breached], [escalated], oldestBreaches] = await Promise.all([
    db.select({ serviceId: applications.serviceId, name: services.nameZh, n: count() }).from(applications).innerJoin(services, eq(services.id, applications.serviceId)).where(open).groupBy(applications.serviceId, services.nameZh).orderBy(desc(count())),
    db.select({ districtCode: applications.districtCode, n: count() }).from(applications).where(open).groupBy(applications.districtCode).orderBy(desc(count())),
    db
      .select({ days: sql<number>`floor(extract(epoch from (${now.toISOString()}::timestamptz - ${applications.submittedAt})) / 86400)::int`.as('days'), n: count() })
      .from(applications)
      .where(and(open, isNotNull(applications.submittedAt)))
      .groupBy(sql`1`),
    db
      .select({ day: sql<string>`to_char(${applicationEvents.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`.as('day'), n: count() })
      .from(applicationEvents)
      .where(and(inArray(applicationEvents.transition, [...DECISIONS]), gte(applicationEvents.createdAt, since)))
      .groupBy(sql`1`)
      .orderBy(sql`1`),
    db
      .select({ staffNumber: staffUsers.staffNumber, displayName: staffUsers.displayName, n: count() })
      .from(applicationEvents)
      .innerJoin(staffUsers, sql`${staffUsers.id}::text = ${applicationEvents.actorId}`)
      .where(and(eq(applicationEvents.actorType, 'staff'), inArray(applicationEvents.transition, [...DECISIONS]), gte(applicationEvents.createdAt, since)))
      .groupBy(staffUsers.staffNumber, staffUsers.displayName)
      .orderBy(desc(count())),
    db.select({ n: count() }).from(applications).where(and(open, lt(applications.deadlineDate, today))),
    db.select({ n: count() }).from(applications).where(and(open, isNotNull(applications.escalatedAt))),
    db
      .select({ id: applications.id, referenceNumber: applications.referenceNumber, districtCode: applications.districtCode, deadlineDate: applications.deadlineDate, status: applications.status, escalatedAt: applications.escalatedAt, holder: staffUsers.staffNumber })
      .from(applications)
      .leftJoin(staffUsers, eq(staffUsers.id, applications.claimedByStaffId))
      .where(and(open, lt(applications.deadlineDate, today)))
      .orderBy(applications.deadlineDate, applications.id)
      .limit(20),
  ]);

  const byAge = AGE_BUCKETS.map((bucket, i) => {
    const min = i === 0 ? -Infinity : AGE_BUCKETS[i - 1]!.maxDays + 1;
    return { key: bucket.key, labelZh: bucket.labelZh, n: byAgeRaw.filter((r) => r.days >= min && r.days <= bucket.maxDays).reduce((sum, r) => sum + r.n, 0) };
  });
  // Every day of the window, with zero where nothing was decided, so the chart's gaps are real.
  const daily = Array.from({ length: days }, (_, i) => {
    const day = toBeijingDate(new Date(now.getTime() - (days - 1 - i) * 86_400_000));
    return { day, n: perDay.find((d) => d.day === day)?.n ?? 0 };
  });
  return ok({ today, days, byService, byDistrict, byAge, daily, perClerk, breachedCount: breached?.n ?? 0, escalatedCount: escalated?.n ?? 0, oldestBreaches });
}
