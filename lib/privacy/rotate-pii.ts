// The at-rest job for personal data (npm run pii:encrypt): encrypts values still stored in clear (a
// database from before encryption), re-encrypts values under an older key with the active one, and
// fills missing blind indexes — table by table, in batches, each batch one transaction. Idempotent: a
// second run changes nothing. Works on the raw columns (not through the drizzle column types), so it
// can read clear and old-key values alike; each update is conditional on the value it read, so a row
// the portal changed meanwhile is left to the next run instead of being overwritten.
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@/db/connect';
import { blindIndex, decryptValue, encryptValue, type PiiKeyRing, type PiiKind } from './field-encryption';
import { resealJson, sealedKeyId } from './pii-columns';

type EncryptedColumn = { name: string; index?: { column: string; kind: PiiKind } };
type PiiTable = { table: string; key: string; columns: EncryptedColumn[]; json: string[] };

/** Every column that holds personal data at rest. A new one must be added here (pii-at-rest test scans for misses). */
export const PII_TABLES: PiiTable[] = [
  {
    table: 'residents',
    key: 'id',
    columns: [
      { name: 'id_number', index: { column: 'id_number_index', kind: 'id_number' } },
      { name: 'phone', index: { column: 'phone_index', kind: 'phone' } },
    ],
    json: [],
  },
  { table: 'credentials', key: 'id', columns: [{ name: 'number', index: { column: 'number_index', kind: 'credential_number' } }], json: [] },
  { table: 'mail_dispatches', key: 'id', columns: [{ name: 'phone' }], json: [] },
  { table: 'applications', key: 'id', columns: [{ name: 'contact_phone' }], json: ['form_data'] },
  { table: 'application_drafts', key: 'id', columns: [], json: ['form_data'] },
  { table: 'outbox_messages', key: 'id', columns: [], json: ['payload'] },
];

export type PiiJobReport = { table: string; scanned: number; updated: number }[];

type Row = Record<string, unknown>;

function nextColumnValue(ring: PiiKeyRing, stored: string): string {
  const keyId = sealedKeyId(stored);
  if (keyId === ring.active) return stored;
  return encryptValue(ring, keyId === undefined ? stored : decryptValue(ring, stored));
}

/** The changes one row needs, as column → new value (empty when it is already current). */
function changesFor(ring: PiiKeyRing, spec: PiiTable, row: Row): Map<string, string> {
  const changes = new Map<string, string>();
  for (const column of spec.columns) {
    const stored = row[column.name];
    if (typeof stored !== 'string') continue;
    const next = nextColumnValue(ring, stored);
    if (next !== stored) changes.set(column.name, next);
    if (column.index && (next !== stored || row[column.index.column] === null)) {
      const clear = sealedKeyId(stored) === undefined ? stored : decryptValue(ring, stored);
      const index = blindIndex(ring, column.index.kind, clear);
      if (index !== row[column.index.column]) changes.set(column.index.column, index);
    }
  }
  for (const name of spec.json) {
    const stored = row[name];
    if (stored === null || stored === undefined) continue;
    const value = typeof stored === 'string' ? (JSON.parse(stored) as unknown) : stored;
    const next = JSON.stringify(resealJson(ring, value));
    if (next !== JSON.stringify(value)) changes.set(name, next);
  }
  return changes;
}

export async function encryptPiiAtRest(db: Database, ring: PiiKeyRing, options: { batchSize?: number } = {}): Promise<PiiJobReport> {
  const batchSize = options.batchSize ?? 500;
  const report: PiiJobReport = [];
  for (const spec of PII_TABLES) {
    const columns = [spec.key, ...spec.columns.flatMap((c) => (c.index ? [c.name, c.index.column] : [c.name])), ...spec.json];
    const select = sql.join(columns.map((c) => sql.identifier(c)), sql`, `);
    const key = sql.identifier(spec.key);
    const table = sql.identifier(spec.table);
    let after: unknown = undefined;
    let scanned = 0;
    let updated = 0;
    for (;;) {
      const rows: Row[] = await queryRows<Row>(
        db,
        after === undefined
          ? sql`select ${select} from ${table} order by ${key} limit ${batchSize}`
          : sql`select ${select} from ${table} where ${key} > ${after} order by ${key} limit ${batchSize}`,
      );
      if (rows.length === 0) break;
      scanned += rows.length;
      after = rows[rows.length - 1]![spec.key];
      const pending = rows.map((row) => ({ row, changes: changesFor(ring, spec, row) })).filter((p) => p.changes.size > 0);
      if (pending.length > 0) {
        await db.transaction(async (tx) => {
          for (const { row, changes } of pending) {
            const sets = [...changes].map(([column, value]) =>
              spec.json.includes(column) ? sql`${sql.identifier(column)} = ${value}::jsonb` : sql`${sql.identifier(column)} = ${value}`,
            );
            // Unchanged since we read it (jsonb compared as text of the value we read).
            const guards = [...changes.keys()]
              .filter((column) => !spec.columns.some((c) => c.index?.column === column))
              .map((column) =>
                spec.json.includes(column)
                  ? sql`${sql.identifier(column)} = ${JSON.stringify(typeof row[column] === 'string' ? JSON.parse(row[column] as string) : row[column])}::jsonb`
                  : sql`${sql.identifier(column)} = ${row[column] as string}`,
              );
            const result = await queryRows<{ k: unknown }>(
              tx,
              sql`update ${table} set ${sql.join(sets, sql`, `)} where ${key} = ${row[spec.key]} ${guards.length ? sql`and ${sql.join(guards, sql` and `)}` : sql``} returning ${key} as k`,
            );
            updated += result.length;
          }
        });
      }
      if (rows.length < batchSize) break;
    }
    report.push({ table: spec.table, scanned, updated });
  }
  return report;
}

/** Rows not yet under the active key (clear, an older key, a missing index), per table; a row is counted once per check (columns, each JSON column). */
export async function countStalePii(db: Database, ring: PiiKeyRing): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const current = `p1.${ring.active}.%`;
  for (const spec of PII_TABLES) {
    const conditions = [
      ...spec.columns.map((c) => sql`${sql.identifier(c.name)} not like ${current}`),
      ...spec.columns.flatMap((c) => (c.index ? [sql`${sql.identifier(c.index.column)} is null`] : [])),
    ];
    let stale = 0;
    if (conditions.length > 0) {
      const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(spec.table)} where ${sql.join(conditions, sql` or `)}`);
      stale += Number(row?.n ?? 0);
    }
    for (const name of spec.json) {
      // Sealed values under another key, or a bare 11-digit mobile / 18-character ID number string.
      const [row] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from ${sql.identifier(spec.table)} where ${sql.identifier(name)}::text ~ ${`"p1\\.(?!${ring.active}\\.)`} or ${sql.identifier(name)}::text ~ ${'"(\\+?86)?1[0-9]{10}"|"[0-9]{17}[0-9Xx]"'}`,
      );
      stale += Number(row?.n ?? 0);
    }
    counts[spec.table] = stale;
  }
  return counts;
}
