import 'server-only';
import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/connect';
import { applications, certificates, dispatchMethodEnum, dispatchStatusEnum, mailDispatches, type DispatchMethod, type DispatchStatus } from '@/db/schema';
import type { StaffActor } from '@/lib/auth/actor';
import { toBeijingDate } from '@/lib/calendar/working-days';
import { dictionaryFor } from '@/lib/i18n/messages';
import { isMessageReference, readableText } from '@/lib/i18n/problem';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { districtName } from '@/lib/places';
import { maskName, maskPhone } from '@/lib/privacy/mask';
import { listRecentPrintBatches } from './print-batch';
import { COURIERS, type CourierCode } from './state-machine';
import { canHandOverAtCounter, canManageDeliveries, canSeeEveryDistrict } from '@/lib/auth/permissions';

/** A parcel with the courier this many days after hand-over and still not delivered is overdue. */
export const OVERDUE_IN_TRANSIT_DAYS = 3;
export const DISPATCH_PAGE_SIZE = 50;
const DAY_MS = 86_400_000;

export const dispatchListParamsSchema = z.object({
  status: z.enum([...dispatchStatusEnum.enumValues, 'all']).catch('all').default('all'),
  courier: z.enum([...(Object.keys(COURIERS) as CourierCode[]), 'all']).catch('all').default('all'),
  // Mailed parcels, certificates for counter pickup, or both.
  method: z.enum([...dispatchMethodEnum.enumValues, 'all']).catch('all').default('all'),
  district: z
    .string()
    .refine((c) => c === 'all' || WUHAN_DISTRICTS.some((d) => d.code === c))
    .catch('all')
    .default('all'),
  // Minimum age in days since the dispatch was created (0 = any).
  age: z.coerce.number().int().min(0).max(365).catch(0).default(0),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});
export type DispatchListParams = z.infer<typeof dispatchListParamsSchema>;

function filtersOf(params: DispatchListParams, now: Date): SQL | undefined {
  const conditions: SQL[] = [];
  if (params.status !== 'all') conditions.push(eq(mailDispatches.status, params.status));
  if (params.courier !== 'all') conditions.push(eq(mailDispatches.courier, params.courier));
  if (params.method !== 'all') conditions.push(eq(mailDispatches.method, params.method));
  if (params.district !== 'all') conditions.push(eq(applications.districtCode, params.district));
  if (params.age > 0) conditions.push(lt(mailDispatches.createdAt, new Date(now.getTime() - params.age * DAY_MS)));
  return conditions.length ? and(...conditions) : undefined;
}

const dispatchColumns = {
  id: mailDispatches.id,
  status: mailDispatches.status,
  method: mailDispatches.method,
  version: mailDispatches.version,
  recipientName: mailDispatches.recipientName,
  address: mailDispatches.address,
  phone: mailDispatches.phone,
  courier: mailDispatches.courier,
  trackingNumber: mailDispatches.trackingNumber,
  returnReason: mailDispatches.returnReason,
  signedBy: mailDispatches.signedBy,
  createdAt: mailDispatches.createdAt,
  handedAt: mailDispatches.handedAt,
  deliveredAt: mailDispatches.deliveredAt,
  updatedAt: mailDispatches.updatedAt,
  serialNumber: certificates.serialNumber,
  referenceNumber: applications.referenceNumber,
  applicationId: applications.id,
  districtCode: applications.districtCode,
};

function masked<T extends { recipientName: string; phone: string; signedBy: string | null }>(row: T): T {
  return { ...row, recipientName: maskName(row.recipientName), phone: maskPhone(row.phone), signedBy: row.signedBy ? maskName(row.signedBy) : null };
}

/** Every mailed certificate with where it is now, filtered; for the supervisor only. Names and phones masked. */
export async function listDispatches(db: Executor, actor: StaffActor, params: DispatchListParams, now = new Date()) {
  if (!canManageDeliveries(actor)) return { rows: [], total: 0 };
  const where = filtersOf(params, now);
  const rows = await db
    .select(dispatchColumns)
    .from(mailDispatches)
    .innerJoin(certificates, eq(certificates.id, mailDispatches.certificateId))
    .innerJoin(applications, eq(applications.id, mailDispatches.applicationId))
    .where(where)
    .orderBy(asc(mailDispatches.status), desc(mailDispatches.updatedAt), asc(mailDispatches.id))
    .limit(DISPATCH_PAGE_SIZE)
    .offset((params.page - 1) * DISPATCH_PAGE_SIZE);
  const [total] = await db.select({ n: count() }).from(mailDispatches).innerJoin(applications, eq(applications.id, mailDispatches.applicationId)).where(where);
  return { rows: rows.map(masked), total: total?.n ?? 0 };
}

/** Certificates waiting to be printed, for the batch-printing form. */
export async function listDispatchesReadyToPrint(db: Executor, actor: StaffActor) {
  if (!canManageDeliveries(actor)) return [];
  const rows = await db
    .select(dispatchColumns)
    .from(mailDispatches)
    .innerJoin(certificates, eq(certificates.id, mailDispatches.certificateId))
    .innerJoin(applications, eq(applications.id, mailDispatches.applicationId))
    .where(eq(mailDispatches.status, 'queued'))
    .orderBy(asc(certificates.serialNumber))
    .limit(200);
  return rows.map(masked);
}

/** What the supervisor must act on: parcels overdue with the courier, and returned mail. */
export async function listDeliveryWorklist(db: Executor, actor: StaffActor, now = new Date()) {
  if (!canManageDeliveries(actor)) return { overdue: [], returned: [] };
  const base = db
    .select(dispatchColumns)
    .from(mailDispatches)
    .innerJoin(certificates, eq(certificates.id, mailDispatches.certificateId))
    .innerJoin(applications, eq(applications.id, mailDispatches.applicationId));
  const overdue = await base
    .where(and(inArray(mailDispatches.status, ['handed_to_courier', 'in_transit']), lt(mailDispatches.handedAt, new Date(now.getTime() - OVERDUE_IN_TRANSIT_DAYS * DAY_MS))))
    .orderBy(asc(mailDispatches.handedAt));
  const returned = await db
    .select(dispatchColumns)
    .from(mailDispatches)
    .innerJoin(certificates, eq(certificates.id, mailDispatches.certificateId))
    .innerJoin(applications, eq(applications.id, mailDispatches.applicationId))
    .where(eq(mailDispatches.status, 'returned'))
    .orderBy(asc(mailDispatches.updatedAt));
  return { overdue: overdue.map(masked), returned: returned.map(masked) };
}

export type DeliveryStats = {
  /** Mailed parcels by status (counter pickups are not "in the mail"; see byMethod.counter). */
  byStatus: Record<DispatchStatus, number>;
  byMethod: Record<DispatchMethod, Record<DispatchStatus, number>>;
  total: number;
  perDay: { date: string; dispatched: number; delivered: number }[];
  deliveryHours: { count: number; median: number | null; p90: number | null };
  returnRate: { handed: number; returned: number; rate: number | null };
};

/** Counts and charts of the delivery dashboard over the last `days` days (Beijing dates). */
export async function getDeliveryStats(db: Executor, actor: StaffActor, now = new Date(), days = 14): Promise<DeliveryStats | null> {
  if (!canManageDeliveries(actor)) return null;
  const grouped = await db.select({ method: mailDispatches.method, status: mailDispatches.status, n: count() }).from(mailDispatches).groupBy(mailDispatches.method, mailDispatches.status);
  const zeros = () => Object.fromEntries(dispatchStatusEnum.enumValues.map((s) => [s, 0])) as Record<DispatchStatus, number>;
  const byMethod: Record<DispatchMethod, Record<DispatchStatus, number>> = { mail: zeros(), counter: zeros() };
  for (const g of grouped) byMethod[g.method][g.status] = g.n;
  const byStatus = byMethod.mail;
  const since = new Date(now.getTime() - days * DAY_MS);
  const handed = await db
    .select({ status: mailDispatches.status, handedAt: mailDispatches.handedAt, deliveredAt: mailDispatches.deliveredAt })
    .from(mailDispatches)
    .where(and(isNotNull(mailDispatches.handedAt), gte(mailDispatches.handedAt, since)));
  const dates = Array.from({ length: days }, (_, i) => toBeijingDate(new Date(now.getTime() - (days - 1 - i) * DAY_MS)));
  const perDay = dates.map((date) => ({ date, dispatched: 0, delivered: 0 }));
  const index = new Map(dates.map((d, i) => [d, i]));
  const hours: number[] = [];
  for (const row of handed) {
    const d = index.get(toBeijingDate(row.handedAt!));
    if (d !== undefined) perDay[d]!.dispatched += 1;
    if (row.deliveredAt) {
      const e = index.get(toBeijingDate(row.deliveredAt));
      if (e !== undefined) perDay[e]!.delivered += 1;
      hours.push((row.deliveredAt.getTime() - row.handedAt!.getTime()) / 3_600_000);
    }
  }
  hours.sort((a, b) => a - b);
  const quantile = (q: number) => (hours.length ? Math.round(hours[Math.min(hours.length - 1, Math.floor(q * hours.length))]! * 10) / 10 : null);
  // Returned at least once: the parcel is returned, held, collected or was sent again.
  const returnedCount = handed.filter((r) => r.status === 'returned' || r.status === 'held_for_pickup' || r.status === 'collected' || r.status === 'resent').length;
  return {
    byStatus,
    byMethod,
    // Every dispatch, mailed or for counter pickup.
    total: [...Object.values(byMethod.mail), ...Object.values(byMethod.counter)].reduce((a, b) => a + b, 0),
    perDay,
    deliveryHours: { count: hours.length, median: quantile(0.5), p90: quantile(0.9) },
    returnRate: { handed: handed.length, returned: returnedCount, rate: handed.length ? Math.round((returnedCount / handed.length) * 1000) / 10 : null },
  };
}

const CSV_COLUMNS = ['serial', 'reference', 'method', 'status', 'courier', 'tracking_number', 'district', 'recipient', 'phone', 'created_at', 'handed_at', 'delivered_at', 'signed_by', 'return_reason'] as const;

/**
 * One CSV cell: always quoted, and a value a spreadsheet would run as a formula (leading = + - @, or a
 * tab or carriage return before one, OWASP's CSV-injection list) is prefixed with ' so it stays text.
 */
export function csvCell(value: string | null | undefined): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** A reason kept as a message reference (a cancellation), in both languages as typed reasons often are. */
function csvReason(reason: string | null): string | null {
  return reason && isMessageReference(reason) ? `${readableText(reason, 'zh-CN')} / ${readableText(reason, 'en')}` : reason;
}

// The export has always named a status by its code and its Chinese word, whoever downloads it.
const CSV_STATUS_WORDS = dictionaryFor('zh-CN').problems.delivery.status;

/** The filtered list as CSV (all pages, at most 10,000 rows); names and phones masked, no ID numbers. */
export async function exportDispatchesCsv(db: Executor, actor: StaffActor, params: DispatchListParams, now = new Date()): Promise<string | null> {
  if (!canManageDeliveries(actor)) return null;
  const rows = await db
    .select(dispatchColumns)
    .from(mailDispatches)
    .innerJoin(certificates, eq(certificates.id, mailDispatches.certificateId))
    .innerJoin(applications, eq(applications.id, mailDispatches.applicationId))
    .where(filtersOf(params, now))
    .orderBy(asc(mailDispatches.createdAt), asc(mailDispatches.id))
    .limit(10_000);
  const lines = rows.map(masked).map((r) =>
    [
      r.serialNumber,
      r.referenceNumber,
      r.method,
      `${r.status} ${CSV_STATUS_WORDS[r.status]}`,
      r.courier,
      r.trackingNumber,
      districtName(r.districtCode),
      r.recipientName,
      r.phone,
      r.createdAt.toISOString(),
      r.handedAt?.toISOString(),
      r.deliveredAt?.toISOString(),
      r.signedBy,
      csvReason(r.returnReason),
    ]
      .map(csvCell)
      .join(','),
  );
  return `\uFEFF${CSV_COLUMNS.join(',')}\r\n${lines.join('\r\n')}${lines.length ? '\r\n' : ''}`;
}

/** Everything the supervisor's delivery dashboard shows, in one call. */
export async function getDeliveryDashboard(db: Executor, actor: StaffActor, params: DispatchListParams, now = new Date()) {
  const [list, stats, worklist, readyToPrint, batches] = await Promise.all([
    listDispatches(db, actor, params, now),
    getDeliveryStats(db, actor, now),
    listDeliveryWorklist(db, actor, now),
    listDispatchesReadyToPrint(db, actor),
    listRecentPrintBatches(db, actor),
  ]);
  return { list, stats, worklist, readyToPrint, batches };
}

/**
 * Certificates waiting at the counter (chosen counter pickup, or returned mail held), for the clerks of
 * the case's district (the office where it waits, lib/delivery/pickup-office.ts) and the supervisor.
 */
export async function listCounterPickups(db: Executor, actor: StaffActor) {
  if (!canHandOverAtCounter(actor)) return [];
  if (!canSeeEveryDistrict(actor) && actor.districtCodes.length === 0) return [];
  const rows = await db
    .select({ ...dispatchColumns, pickupRemindedAt: mailDispatches.pickupRemindedAt })
    .from(mailDispatches)
    .innerJoin(certificates, eq(certificates.id, mailDispatches.certificateId))
    .innerJoin(applications, eq(applications.id, mailDispatches.applicationId))
    .where(and(eq(mailDispatches.status, 'held_for_pickup'), canSeeEveryDistrict(actor) ? undefined : inArray(applications.districtCode, actor.districtCodes)))
    .orderBy(asc(mailDispatches.updatedAt), asc(mailDispatches.id))
    .limit(500);
  return rows.map(masked);
}
