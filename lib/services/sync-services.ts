import { eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/connect';
import { serviceVersions, services } from '@/db/schema';
import { SERVICE_CATALOG, type ServiceDefinition } from './catalog';
import { forgetPublishedCatalogue } from './published-catalogue';

// The code catalogue (lib/services/catalogue/) seeds the published catalogue: each of its services is
// written as a version in service_versions (a new version when its definition changes in code), and the
// `services` row mirrors the published version for foreign keys and the rules that read a service row
// (approval chain, level, deadline). A service an administrator has published in the designer belongs
// to the designer from then on: its versions are never overwritten from code. The copy used to
// be written once, by the demo seed on an empty database: a database that was running already kept the
// old rows (a service made countersigned in the catalogue was still approved by one clerk), and a
// database without the demo seed had none. Every start now brings the rows in step.

type ServiceRow = typeof services.$inferInsert;

/** A service's database row at a version: everything but the forms and document lists, which live in its version. */
export function serviceRowFrom(service: ServiceDefinition, currentVersion = 1): Required<ServiceRow> {
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
    currentVersion,
  };
}

/** Key order does not matter (jsonb reorders keys): compare definitions by their sorted JSON. */
export function sameDefinition(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y)).map(([k, w]) => [k, canonical(w)])) : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

const COMPARED = ['category', 'nameZh', 'nameEn', 'requiredAssuranceLevel', 'deadlineWorkingDays', 'approvalChain', 'certificateKind', 'isActive', 'currentVersion'] as const;

export type ServiceSyncReport = {
  added: string[];
  /** `id: column old → new` for each column that changed. */
  updated: string[];
  /** Rows no longer in the catalogue: kept (applications refer to them) but no longer offered. */
  deactivated: string[];
};

/**
 * Brings the published catalogue in step with the code catalogue, in one transaction: adds missing
 * services (version 1), writes a new version of a code service whose definition changed, brings rows
 * that differ from their published version back in step, and marks code services the catalogue no
 * longer has inactive (a designed service is the designer's and stays). Idempotent; safe when several
 * processes start at once (inserts do nothing on conflict, updates set the same values).
 */
export async function syncServiceCatalog(db: Database, catalog: readonly ServiceDefinition[] = SERVICE_CATALOG): Promise<ServiceSyncReport> {
  const report = await db.transaction(async (tx) => {
    const report: ServiceSyncReport = { added: [], updated: [], deactivated: [] };
    const existing = new Map((await tx.select().from(services)).map((row) => [row.id, row]));
    const latest = new Map<string, { version: number; origin: string; definition: unknown }>();
    const designed = new Set<string>();
    for (const v of await tx.select().from(serviceVersions)) {
      if (v.origin === 'designer') designed.add(v.serviceId);
      if ((latest.get(v.serviceId)?.version ?? 0) < v.version) latest.set(v.serviceId, v);
    }
    for (const service of catalog) {
      const current = existing.get(service.id);
      const last = latest.get(service.id);
      if (last?.origin === 'designer') continue;
      let version = last?.version ?? 1;
      let formChanged = false;
      if (!last || !sameDefinition(last.definition, service)) {
        version = last ? last.version + 1 : 1;
        formChanged = Boolean(last);
        if (!current) await tx.insert(services).values(serviceRowFrom(service, version)).onConflictDoNothing();
        await tx.insert(serviceVersions).values({ serviceId: service.id, version, definition: service, origin: 'catalogue' }).onConflictDoNothing();
      }
      const row = serviceRowFrom(service, version);
      if (!current) {
        report.added.push(service.id);
        continue;
      }
      const changes = COMPARED.filter((column) => column !== 'currentVersion' && current[column] !== row[column]);
      if (changes.length === 0 && current.currentVersion === version) continue;
      await tx.update(services).set(row).where(eq(services.id, service.id));
      const described = changes.map((column) => `${column} ${String(current[column])} → ${String(row[column])}`);
      if (formChanged) described.push(`version ${version}`);
      if (described.length > 0) report.updated.push(`${service.id}: ${described.join(', ')}`);
    }
    const catalogIds = new Set(catalog.map((s) => s.id));
    const retired = [...existing.values()].filter((row) => row.isActive && !catalogIds.has(row.id) && !designed.has(row.id)).map((row) => row.id);
    if (retired.length > 0) {
      await tx.update(services).set({ isActive: false }).where(inArray(services.id, retired));
      report.deactivated.push(...retired);
    }
    return report;
  });
  forgetPublishedCatalogue(db);
  return report;
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
