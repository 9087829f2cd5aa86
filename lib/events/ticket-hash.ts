// A ticket holder as the ticket list stores them: never the ID number, a keyed hash of it.
//
//   event key   = HMAC-SM3(index key, "event-ticket-key:" + event id)
//   holder hash = HMAC-SM3(event key, normalised ID number), base64url
//
// The index key lives in PII_KEYS (the environment, never the database), so a leaked ticket table
// cannot be tested against candidate ID numbers, and because the key is per event, two events' lists
// cannot be joined to follow one person from event to event.
import { createHmac } from 'node:crypto';
import { normalisePii, type PiiKeyRing } from '@/lib/privacy/field-encryption';
import { getPiiKeyRing } from '@/lib/privacy/pii-keys';

export function eventTicketKey(ring: PiiKeyRing, eventId: string): Buffer {
  return createHmac('sm3', ring.index).update(`event-ticket-key:${eventId}`).digest();
}

export function ticketHolderHash(eventId: string, idNumber: string, ring: PiiKeyRing = getPiiKeyRing()): string {
  return createHmac('sm3', eventTicketKey(ring, eventId)).update(normalisePii('id_number', idNumber)).digest('base64url');
}
