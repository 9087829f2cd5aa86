// Every courier behind one interface: how its webhook is authenticated and how its body (or a row of
// its manifest) becomes our tracking events. Both demo couriers speak the same signed JSON; a real
// courier with its own format gets its own adapter and nothing else changes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { COURIERS, type CourierCode, type CourierEventKind } from '../state-machine';

export type TrackingEvent = {
  courier: CourierCode;
  eventId: string;
  trackingNumber: string;
  kind: CourierEventKind;
  occurredAt: Date;
  signedBy?: string;
  reason?: string;
};

export type CourierAdapter = {
  code: CourierCode;
  name: string;
  /** Header carrying the signature of the raw body. */
  signatureHeader: string;
  isSignatureValid(rawBody: string, signatureHeaderValue: string | null, secret: string): boolean;
  parseWebhookBody(rawBody: string): { ok: true; events: TrackingEvent[] } | { ok: false; message: string };
};

export const trackingEventFields = {
  eventId: z.string().trim().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'eventId: 1–64 letters, digits, _ . : -'),
  trackingNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{8,20}$/, 'trackingNumber: 8–20 letters or digits')
    .transform((s) => s.toUpperCase()),
  status: z.enum(['in_transit', 'delivered', 'returned']),
  occurredAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
  signedBy: z.string().trim().max(60).optional(),
  reason: z.string().trim().max(200).optional(),
};

const eventSchema = z
  .object(trackingEventFields)
  .refine((e) => e.status !== 'returned' || (e.reason ?? '').length >= 2, { message: 'reason is required for returned', path: ['reason'] });
const bodySchema = z.object({ events: z.array(eventSchema).min(1).max(100) });

/** HMAC-SHA256 of the raw body, as `sha256=<hex>`, compared in constant time. */
export function signWebhookBody(rawBody: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

function isHmacValid(rawBody: string, header: string | null, secret: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(signWebhookBody(rawBody, secret), 'utf8');
  const given = Buffer.from(header.trim(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function jsonAdapter(code: CourierCode): CourierAdapter {
  return {
    code,
    name: COURIERS[code],
    signatureHeader: 'x-courier-signature',
    isSignatureValid: isHmacValid,
    parseWebhookBody(rawBody) {
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        return { ok: false, message: 'body is not JSON' };
      }
      const parsed = bodySchema.safeParse(json);
      if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
      return {
        ok: true,
        events: parsed.data.events.map((e) => ({ courier: code, eventId: e.eventId, trackingNumber: e.trackingNumber, kind: e.status, occurredAt: e.occurredAt, signedBy: e.signedBy, reason: e.reason })),
      };
    },
  };
}

const ADAPTERS: Record<CourierCode, CourierAdapter> = { EMS: jsonAdapter('EMS'), SF: jsonAdapter('SF') };

export function findCourierAdapter(code: string): CourierAdapter | undefined {
  return Object.hasOwn(ADAPTERS, code.toUpperCase()) ? ADAPTERS[code.toUpperCase() as CourierCode] : undefined;
}
