import { eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/connect';
import { services } from '@/db/schema';
import { SERVICE_CATALOG, type ServiceDefinition } from './catalog';

// The catalogue (lib/services/catalog.ts) is the source of truth; the `services` table is its copy for
// foreign keys and the rules that read a service row (approval chain, level, deadline). The copy used to
// be written once, by the demo seed on an empty database: a database that was running already kept the
// old rows (a service made countersigned in the catalogue was still approved by one clerk), and a
// database without the demo seed had none. Every start now brings the rows in step.

type ServiceRow = typeof services.$inferInsert;

/** The catalogue's database row: everything but the forms and document lists, which stay in the catalogue. */
export function serviceRowFrom(service: ServiceDefinition): Required<ServiceRow> {
  return {
    id: service.id,
    category: service.category,
    nameZh: service.nameZh,
    nameEn: service.nameEn,
    requiredAssuranceLevel: service.requiredAssuranceLevel,
    deadlineWorkingDays: service.deadlineWorkingDays,
    approvalChain: service.approvalChain,
    certificateKind: service.certificateKind,
    isActive: true,
  };
}

const COMPARED = ['category', 'nameZh', 'nameEn', 'requiredAssuranceLevel', 'deadlineWorkingDays', 'approvalChain', 'certificateKind', 'isActive'] as const;

export type ServiceSyncReport = {
  added: string[];
  /** `id: column old → new` for each column that changed. */
  updated: string[];
  /** Rows no longer in the catalogue: kept (applications refer to them) but no longer offered. */
  deactivated: string[];
};

/**
 * Brings the `services` table in step with the catalogue, in one transaction: adds missing services,
 * updates rows that differ, and marks rows the catalogue no longer has inactive. Idempotent; safe when
 * several processes start at once (inserts do nothing on conflict, updates set the same values).
 */
export async function syncServiceCatalog(db: Database, catalog: readonly ServiceDefinition[] = SERVICE_CATALOG): Promise<ServiceSyncReport> {
  const wanted = catalog.map(serviceRowFrom);
  return db.transaction(async (tx) => {
    const report: ServiceSyncReport = { added: [], updated: [], deactivated: [] };
    const existing = new Map((await tx.select().from(services)).map((row) => [row.id, row]));
    const missing = wanted.filter((row) => !existing.has(row.id));
    if (missing.length > 0) {
      await tx.insert(services).values(missing).onConflictDoNothing();
      report.added.push(...missing.map((row) => row.id));
    }
    for (const row of wanted) {
      const current = existing.get(row.id);
      if (!current) continue;
      const changes = COMPARED.filter((column) => current[column] !== row[column]);
      if (changes.length === 0) continue;
      await tx.update(services).set(row).where(eq(services.id, row.id));
      report.updated.push(`${row.id}: ${changes.map((column) => `${column} ${String(current[column])} → ${String(row[column])}`).join(', ')}`);
    }
    const catalogIds = wanted.map((row) => row.id);
    const retired = [...existing.values()].filter((row) => row.isActive && !catalogIds.includes(row.id)).map((row) => row.id);
    if (retired.length > 0) {
      await tx.update(services).set({ isActive: false }).where(inArray(services.id, retired));
      report.deactivated.push(...retired);
    }
    return report;
  });
}

/** For the start-up log: one line, or none when nothing changed. */
export function describeServiceSync(report: ServiceSyncReport): string | undefined {
  const parts = [
    report.added.length > 0 ? `added ${report.added.join(', ')}` : '',
    report.updated.length > 0 ? `updated ${report.updated.join('; ')}` : '',
    report.deactivated.length > 0 ? `no longer offered ${report.deactivated.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `services catalogue: ${parts.join('; ')}` : undefined;
}
