// Column types that keep personal data encrypted at rest without changing the code that reads and
// writes it: `encryptedText` encrypts in toDriver and decrypts in fromDriver, so a select returns the
// clear value and an insert stores ciphertext. Because every encryption has a fresh IV, a WHERE on an
// encrypted column can never match: exact lookups go through the blind-index column beside it
// (`piiIndex(kind, value)`). `piiJsonb` seals the ID numbers and phone numbers found anywhere inside a
// JSON document (form data, drafts, outbox payloads) and opens them again on read.
// Imported by db/schema.ts with a relative path: drizzle-kit loads the schema without the `@/` alias.
import { customType } from 'drizzle-orm/pg-core';
import { blindIndex, decryptValue, encryptValue, type PiiKeyRing, type PiiKind } from './field-encryption';
import { getPiiKeyRing } from './pii-keys';

/** A text column holding `encryptValue` output; the clear value never reaches the database. */
export const encryptedText = customType<{ data: string; driverData: string }>({
  dataType: () => 'text',
  toDriver: (value) => encryptValue(getPiiKeyRing(), value),
  fromDriver: (value) => decryptValue(getPiiKeyRing(), value),
});

/** The blind index to compare with an index column: `eq(residents.idNumberIndex, piiIndex('id_number', x))`. */
export function piiIndex(kind: PiiKind, value: string): string {
  return blindIndex(getPiiKeyRing(), kind, value);
}

// What counts as personal data inside a JSON document: a whole string value that is a mainland mobile
// number or an 18-character resident ID number. (Free text that merely contains one is not sealed;
// the messages built by the portal mask them — lib/privacy/mask.ts.)
const PHONE = /^(\+?86)?1\d{10}$/;
const ID_NUMBER = /^\d{17}[\dXx]$/;

// The shape encryptValue produces (format p1, key id, base64url body).
const SEALED = /^p1\.([a-z0-9]{1,16})\.[A-Za-z0-9_-]+$/;

/** The key id of a sealed value, undefined for anything else. */
export function sealedKeyId(value: string): string | undefined {
  return SEALED.exec(value)?.[1];
}

export function isPiiString(value: string): boolean {
  return PHONE.test(value) || ID_NUMBER.test(value);
}

function mapStrings(value: unknown, map: (s: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, map));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, mapStrings(v, map)]));
  }
  return value;
}

/** The document with its ID numbers and phone numbers encrypted (values already sealed are left alone). */
export function sealJson(ring: PiiKeyRing, value: unknown): unknown {
  return mapStrings(value, (s) => (isPiiString(s) ? encryptValue(ring, s) : s));
}

/** The document with sealed values decrypted; a tampered sealed value is refused like a column's. */
export function openJson(ring: PiiKeyRing, value: unknown): unknown {
  return mapStrings(value, (s) => (sealedKeyId(s) !== undefined ? decryptValue(ring, s) : s));
}

/** The document with sealed values moved to the active key and clear PII sealed (the rotation job). */
export function resealJson(ring: PiiKeyRing, value: unknown): unknown {
  return mapStrings(value, (s) => {
    const keyId = sealedKeyId(s);
    if (keyId !== undefined) return keyId === ring.active ? s : encryptValue(ring, decryptValue(ring, s));
    return isPiiString(s) ? encryptValue(ring, s) : s;
  });
}

/** jsonb whose ID numbers and phone numbers are stored encrypted (see sealJson). */
export const piiJsonb = customType<{ data: unknown; driverData: string }>({
  dataType: () => 'jsonb',
  toDriver: (value) => JSON.stringify(sealJson(getPiiKeyRing(), value)),
  fromDriver: (value) => openJson(getPiiKeyRing(), typeof value === 'string' ? JSON.parse(value) : value),
});

/** A resident row with its blind-index columns filled in (every insert of a resident goes through this). */
export function withResidentIndexes<T extends { idNumber: string; phone: string }>(row: T): T & { idNumberIndex: string; phoneIndex: string } {
  return { ...row, idNumberIndex: piiIndex('id_number', row.idNumber), phoneIndex: piiIndex('phone', row.phone) };
}

/** A credential row with its blind-index column filled in. */
export function withCredentialIndex<T extends { number: string }>(row: T): T & { numberIndex: string } {
  return { ...row, numberIndex: piiIndex('credential_number', row.number) };
}
