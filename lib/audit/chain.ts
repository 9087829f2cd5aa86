// The audit trail's hash chain. Each row's hash is SM3 over a canonical serialisation of the row
// and the previous row's hash, so changing, removing or reordering any row breaks every link after it.
// No `server-only`: the audit:verify script and the tests share it.
import { hashSm3 } from '@/lib/crypto/sm3-sm4';

export const GENESIS_HASH = '0'.repeat(64);

export type ChainedAuditRow = {
  id: number;
  action: string;
  actorType: string;
  actorId: string | null;
  subjectType: string;
  subjectId: string;
  details: unknown;
  createdAt: Date;
  prevHash: string | null;
};

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** What jsonb will hand back for these details: Dates become strings, undefined members vanish. */
export function normaliseDetails(details: Record<string, unknown> | undefined): Record<string, unknown> {
  return JSON.parse(JSON.stringify(details ?? {})) as Record<string, unknown>;
}

export function serialiseAuditRow(row: ChainedAuditRow): string {
  return canonicalJson([
    'audit.v1',
    String(row.id),
    row.action,
    row.actorType,
    row.actorId,
    row.subjectType,
    row.subjectId,
    row.details,
    row.createdAt.toISOString(),
    row.prevHash,
  ]);
}

export function hashAuditRow(row: ChainedAuditRow): string {
  return hashSm3(serialiseAuditRow(row)).toString('hex');
}
