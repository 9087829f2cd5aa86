import type { Database } from '@/db/connect';
import type { CourierCode } from '../state-machine';
import { findCourierAdapter } from './courier-adapter';
import { recordTrackingEvent, type TrackingOutcome } from './record-tracking-event';

export const MAX_WEBHOOK_BYTES = 256 * 1024;

export type WebhookResponse = { httpStatus: 200 | 400 | 401 | 404 | 413; body: { results?: { eventId: string; outcome: TrackingOutcome }[]; error?: string } };

/**
 * A courier's tracking webhook. The signature is checked over the raw bytes before anything is
 * parsed or written; each event is then recorded in its own transaction, so a redelivered batch is
 * answered 200 with `duplicate` for what was already seen.
 */
export async function receiveCourierWebhook(
  db: Database,
  input: { courier: string; rawBody: string; signature: string | null },
  options: { secretFor: (courier: CourierCode) => string; now?: Date },
): Promise<WebhookResponse> {
  const adapter = findCourierAdapter(input.courier);
  if (!adapter) return { httpStatus: 404, body: { error: 'unknown courier' } };
  if (Buffer.byteLength(input.rawBody, 'utf8') > MAX_WEBHOOK_BYTES) return { httpStatus: 413, body: { error: 'body too large' } };
  if (!adapter.isSignatureValid(input.rawBody, input.signature, options.secretFor(adapter.code))) {
    console.warn(`[courier-webhook] ${adapter.code}: bad signature, refused`);
    return { httpStatus: 401, body: { error: 'bad signature' } };
  }
  const parsed = adapter.parseWebhookBody(input.rawBody);
  if (!parsed.ok) return { httpStatus: 400, body: { error: parsed.message } };
  const now = options.now ?? new Date();
  const results: { eventId: string; outcome: TrackingOutcome }[] = [];
  // In event time, so a batch that lists events out of order still lands in order.
  for (const event of [...parsed.events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
    const { outcome } = await db.transaction((tx) => recordTrackingEvent(tx, event, 'webhook', now));
    results.push({ eventId: event.eventId, outcome });
  }
  return { httpStatus: 200, body: { results } };
}
