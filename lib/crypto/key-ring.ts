// One format and one loader for every key ring the portal keeps: the identity-QR authority keys
// (IDENTITY_QR_KEYS), the staff TOTP sealing keys (STAFF_TOTP_KEYS) and the personal-data keys (PII_KEYS).
//
//   { "active": "<id>", "keys": [ { "id": "<id>", ...material }, ... ], ...extra }
//
// Each ring says what a key's material is (its key schema) and may add top-level fields (PII keeps its
// long-lived blind-index key as "index"). One key is active; the others stay so that what they signed,
// sealed or encrypted still opens until it is moved over.
//
// Older formats are still read, so a deployment's configured secrets keep working after an upgrade:
// "kid" for "id" (IDENTITY_QR_KEYS before) and "keys" as a map { "<id>": material } (PII_KEYS before).
//
// Errors name the variable or file and the bad fields, never key material: they end up in logs.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The stored form of a ring: its keys (each with an id) and whatever top-level fields the ring adds.
 * Key is left unconstrained: the output type of a generic zod schema cannot show that it has an id.
 */
export type StoredKeyRing<Key = { id: string }> = { active: string; keys: Key[] };

export const KEY_RING_FORMAT = '{ "active": "<id>", "keys": [{ "id": "<id>", … }] }';

/** Reads the older formats as the current one (see the top of this file); anything else is left to the schema. */
function normaliseLegacyFormat(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const ring = value as Record<string, unknown>;
  let keys = ring.keys;
  if (keys && typeof keys === 'object' && !Array.isArray(keys)) {
    keys = Object.entries(keys as Record<string, unknown>).map(([id, material]) =>
      material && typeof material === 'object' ? { id, ...material } : material,
    );
  }
  if (Array.isArray(keys)) {
    keys = keys.map((key: unknown) => {
      if (!key || typeof key !== 'object' || 'id' in key || !('kid' in key)) return key;
      const { kid, ...material } = key as Record<string, unknown>;
      return { id: kid, ...material };
    });
  }
  return { ...ring, keys };
}

/** What a ring's extra top-level fields parse to (written out: zod's own type makes an empty shape Record<string, never>). */
type ExtraOutput<Extra extends z.core.$ZodShape> = { [K in keyof Extra]: z.output<Extra[K]> };

/**
 * The schema of a ring whose keys match `key` (an object with `id` and the ring's own material) and
 * whose extra top-level fields match `extra`. Checks that ids are unique and the active one is present.
 */
export function keyRingSchema<Key extends z.ZodType<{ id: string }>, Extra extends z.core.$ZodShape = Record<never, never>>(
  key: Key,
  extra: Extra = {} as Extra,
): z.ZodType<StoredKeyRing<z.output<Key>> & ExtraOutput<Extra>, unknown> {
  const ring = z
    .object({ ...extra, active: z.string(), keys: z.array(key).min(1) })
    .superRefine((value, ctx) => {
      const { active, keys } = value as unknown as StoredKeyRing;
      const seen = new Set<string>();
      keys.forEach((k, index) => {
        if (seen.has(k.id)) ctx.addIssue({ code: 'custom', path: ['keys', index, 'id'], message: `duplicate id "${k.id}"` });
        seen.add(k.id);
      });
      if (!seen.has(active)) ctx.addIssue({ code: 'custom', path: ['active'], message: `no key has id "${active}": the active key is not in the ring` });
    });
  return z.preprocess(normaliseLegacyFormat, ring) as unknown as z.ZodType<StoredKeyRing<z.output<Key>> & ExtraOutput<Extra>, unknown>;
}

/** The issues of a failed parse, one per line, by path: zod messages here never quote the input. */
function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
}

/**
 * Parses a ring given as JSON text (an env value, a file) or as an already parsed value.
 * `source` names where it came from (IDENTITY_QR_KEYS, a file path) and `label` what it is, for the error.
 */
export function parseKeyRing<Ring>(schema: z.ZodType<Ring, unknown>, input: unknown, where: { source: string; label: string }): Ring {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      // Not JSON.parse's own message: it quotes the text around the mistake, which may be key material.
      throw new Error(`${where.source} must be JSON: not valid JSON (a ${where.label} key ring is ${KEY_RING_FORMAT})`);
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${where.source}: Invalid ${where.label} key ring:\n${describeIssues(parsed.error)}`);
  return parsed.data;
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/** The ring in `file`, or null when there is none. A damaged file throws: it is never replaced. */
export function readKeyRingFile<Ring>(schema: z.ZodType<Ring, unknown>, file: string, label: string): Ring | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw error;
  }
  // Never overwrite a damaged ring: what was sealed with it would silently stop opening.
  return parseKeyRing(schema, text, { source: file, label });
}

/** Writes `ring` in full to a private (0600) temporary file beside `file`, creating the folder (0700) if absent. */
function writeTemporary(file: string, ring: unknown): string {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomUUID()}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(ring, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return temporary;
}

/** Replaces `file` atomically with `ring` (mode 0600): the rotation scripts. */
export function writeKeyRingFile(file: string, ring: unknown): void {
  const temporary = writeTemporary(file, ring);
  try {
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/**
 * Creates `file` with `ring` unless it exists, and returns the ring the file then holds. Published with
 * link(), which is atomic and fails if the file exists: processes starting together all end up with the
 * one ring that won, never a half-written file.
 */
function createKeyRingFile<Ring>(schema: z.ZodType<Ring, unknown>, file: string, label: string, ring: unknown): Ring {
  const temporary = writeTemporary(file, ring);
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    if (!isErrno(error, 'EEXIST')) throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  const written = readKeyRingFile(schema, file, label);
  if (!written) throw new Error(`${file} vanished while it was being created`);
  return written;
}

export type LoadedKeyRing<Ring> = { ring: Ring; source: 'environment' | 'file' };

export type LoadKeyRingOptions<Ring> = {
  /** The variable, for errors: 'IDENTITY_QR_KEYS'. */
  name: string;
  /** What the ring is, for errors: 'identity QR'. */
  label: string;
  /** The variable's value; blank counts as unset. */
  envValue: string | undefined;
  /** The development file, used when the variable is unset. */
  file: string;
  schema: z.ZodType<Ring, unknown>;
};

/**
 * The ring from the environment when set (it always wins), else from the development file. When the file
 * is absent: with `generate`, a fresh ring is written there (0600) and returned, and reused from then on;
 * without it, null (the ring has a fallback of its own, or none is needed).
 */
export function loadKeyRing<Ring>(options: LoadKeyRingOptions<Ring> & { generate: () => unknown }): LoadedKeyRing<Ring>;
export function loadKeyRing<Ring>(options: LoadKeyRingOptions<Ring> & { generate?: undefined }): LoadedKeyRing<Ring> | null;
export function loadKeyRing<Ring>(options: LoadKeyRingOptions<Ring> & { generate?: () => unknown }): LoadedKeyRing<Ring> | null {
  const { name, label, envValue, file, schema, generate } = options;
  if (envValue?.trim()) return { ring: parseKeyRing(schema, envValue, { source: name, label }), source: 'environment' };
  const existing = readKeyRingFile(schema, file, label);
  if (existing) return { ring: existing, source: 'file' };
  if (!generate) return null;
  return { ring: createKeyRingFile(schema, file, label, generate()), source: 'file' };
}

/**
 * The ring with a fresh key made active, the old keys kept (what they sealed still opens until moved
 * over) and any extra top-level fields unchanged. The new id is `prefix` + one more than the highest
 * such number in the ring. No ring yet → a ring of the new key alone.
 */
export function rotateKeyRing<Key extends { id: string }, Ring extends StoredKeyRing<Key>>(ring: Ring, prefix: string, generate: (id: string) => Key): Ring;
export function rotateKeyRing<Key extends { id: string }>(ring: StoredKeyRing<Key> | null, prefix: string, generate: (id: string) => Key): StoredKeyRing<Key>;
export function rotateKeyRing<Key extends { id: string }>(ring: StoredKeyRing<Key> | null, prefix: string, generate: (id: string) => Key): StoredKeyRing<Key> {
  const keys = ring?.keys ?? [];
  const numbers = keys.map((k) => (k.id.startsWith(prefix) && /^\d+$/.test(k.id.slice(prefix.length)) ? Number(k.id.slice(prefix.length)) : 0));
  let next = Math.max(0, ...numbers) + 1;
  while (keys.some((k) => k.id === `${prefix}${next}`)) next++;
  const key = generate(`${prefix}${next}`);
  return ring ? { ...ring, active: key.id, keys: [...keys, key] } : { active: key.id, keys: [key] };
}
