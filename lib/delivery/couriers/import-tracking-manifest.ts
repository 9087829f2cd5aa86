// A courier's manifest of tracking events as CSV (for couriers without a webhook, or to catch up after
// an outage). Every row is parsed with zod first; any bad row refuses the whole file with a message per
// line. Then all rows are applied in one transaction, in event time: a row naming an unknown waybill
// rolls everything back. Duplicates and stale rows are tolerated, as from the webhook.
import { z } from 'zod';
import { parseCsv } from '@/lib/csv';
import type { Database } from '@/db/connect';
import { writeAudit } from '@/lib/audit/actions';
import type { StaffActor } from '@/lib/auth/actor';
import { msg } from '@/lib/i18n/problem';
import { forbidden, invalid, ok, OperationFailure, type Result } from '@/lib/result';
import { COURIERS, type CourierCode } from '../state-machine';
import { trackingEventFields, type TrackingEvent } from './courier-adapter';
import { recordTrackingEvent, type TrackingOutcome, isDatedInTheFuture } from './record-tracking-event';
import { canManageDeliveries } from '@/lib/auth/permissions';

export const MANIFEST_COLUMNS = ['courier', 'tracking_number', 'event_id', 'status', 'occurred_at', 'signed_by', 'reason'] as const;
const MAX_ROWS = 5000;

const rowSchema = z
  .object({
    courier: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .pipe(z.enum(Object.keys(COURIERS) as [CourierCode, ...CourierCode[]], 'courier: EMS or SF')),
    tracking_number: trackingEventFields.trackingNumber,
    event_id: trackingEventFields.eventId,
    status: z.enum(['in_transit', 'delivered', 'returned'], 'status: in_transit, delivered or returned'),
    occurred_at: z.iso.datetime({ offset: true, message: 'occurred_at: ISO date-time with offset, e.g. 2026-11-28T09:30:00+08:00' }).transform((s) => new Date(s)),
    signed_by: z.string().trim().max(60).optional(),
    reason: z.string().trim().max(200).optional(),
  })
  .refine((r) => r.status !== 'returned' || (r.reason ?? '').length >= 2, { message: 'reason: required when status is returned', path: ['reason'] });

export type ManifestResult = { rows: number; outcomes: Record<Exclude<TrackingOutcome, 'future'>, number> };

export async function importTrackingManifest(db: Database, actor: StaffActor, csvText: unknown, now = new Date()): Promise<Result<ManifestResult>> {
  if (!canManageDeliveries(actor)) return forbidden();
  if (typeof csvText !== 'string' || csvText.trim() === '') return invalid(msg('problems.delivery.chooseCsv'));
  const parsedCsv = parseCsv(csvText);
  if (!parsedCsv.ok) return invalid(parsedCsv.message);
  const [header, ...rows] = parsedCsv.rows;
  const columns = header?.cells.map((c) => c.trim().toLowerCase()) ?? [];
  const missing = MANIFEST_COLUMNS.slice(0, 5).filter((c) => !columns.includes(c));
  if (missing.length > 0) return invalid(msg('problems.delivery.missingColumns', { columns: missing.join(', ') }), { lines: [`1: missing ${missing.join(', ')}`] });
  if (rows.length === 0) return invalid(msg('problems.delivery.noRows'));
  if (rows.length > MAX_ROWS) return invalid(msg('problems.delivery.tooManyRows', { max: MAX_ROWS }));

  const errors: string[] = [];
  const events: { line: number; event: TrackingEvent }[] = [];
  for (const row of rows) {
    if (row.cells.length > columns.length) {
      errors.push(msg('problems.delivery.line', { line: row.line, problem: msg('problems.delivery.tooManyColumns') }));
      continue;
    }
    const record = Object.fromEntries(columns.map((c, i) => [c, row.cells[i]?.trim() ? row.cells[i] : undefined]));
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      errors.push(msg('problems.delivery.line', { line: row.line, problem: parsed.error.issues.map((i) => i.message).join('; ') }));
      continue;
    }
    const r = parsed.data;
    if (isDatedInTheFuture(r.occurred_at, now)) {
      errors.push(msg('problems.delivery.line', { line: row.line, problem: msg('problems.delivery.inTheFuture', { column: 'occurred_at' }) }));
      continue;
    }
    events.push({ line: row.line, event: { courier: r.courier, eventId: r.event_id, trackingNumber: r.tracking_number, kind: r.status, occurredAt: r.occurred_at, signedBy: r.signed_by, reason: r.reason } });
  }
  if (errors.length > 0) return invalid(msg('problems.delivery.badLines', { n: errors.length }), { lines: errors });

  try {
    const outcomes = await db.transaction(async (tx) => {
      const counts: Record<Exclude<TrackingOutcome, 'future'>, number> = { applied: 0, duplicate: 0, stale: 0, not_applicable: 0, unknown_tracking: 0 };
      for (const { line, event } of [...events].sort((a, b) => a.event.occurredAt.getTime() - b.event.occurredAt.getTime() || a.line - b.line)) {
        const { outcome } = await recordTrackingEvent(tx, event, 'manifest', now);
        if (outcome === 'unknown_tracking') {
          throw new OperationFailure(
            invalid(msg('problems.delivery.unknownTracking'), {
              lines: [msg('problems.delivery.line', { line, problem: msg('problems.delivery.notOurParcel', { parcel: `${event.courier} ${event.trackingNumber}` }) })],
            }),
          );
        }
        // Future-dated lines were refused above, with the same clock.
        if (outcome === 'future') throw new OperationFailure(invalid(msg('problems.delivery.line', { line, problem: msg('problems.delivery.inTheFuture', { column: 'occurred_at' }) })));
        counts[outcome] += 1;
      }
      await writeAudit(tx, { action: 'dispatch.manifest_imported', actorType: 'staff', actorId: actor.staffId, subjectType: 'dispatch', subjectId: 'manifest', details: { rows: events.length, ...counts } });
      return counts;
    });
    return ok({ rows: events.length, outcomes });
  } catch (error) {
    if (error instanceof OperationFailure) return error.failure;
    throw error;
  }
}
