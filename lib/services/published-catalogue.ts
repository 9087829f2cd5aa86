import { and, eq } from 'drizzle-orm';
import type { Executor } from '@/db/connect';
import { serviceVersions, services } from '@/db/schema';
import { SERVICE_CATALOG, SERVICE_CATEGORIES, serviceDefinitionSchema, type ServiceDefinition } from './catalog';

// The catalogue as the guide, the wizard and the server read it: each active service at its published
// version (service_versions), not the code list in lib/services/catalogue/ — that list is only what
// lib/services/sync-services.ts writes as versions at start. An application reads the version it was
// filed under (findServiceVersion), so a later edit never changes a filed form.
//
// Reads are cached per database handle: the published list for REFRESH_MS (a version published by
// another process shows within that time; the publishing process forgets its copy at once), each
// version forever (versions are never changed once written).

export type PublishedService = ServiceDefinition & { version: number };

const REFRESH_MS = 5_000;

type Published = { loadedAt: number; list: Promise<PublishedService[]> };
const publishedByDb = new WeakMap<object, Published>();
const versionsByDb = new WeakMap<object, Map<string, Promise<ServiceDefinition | undefined>>>();

/** The order of the code catalogue first (its lists are ordered for reading), then any designed service by name. */
const CODE_ORDER = new Map(SERVICE_CATALOG.map((s, i) => [s.id, i]));
function byGuideOrder(a: PublishedService, b: PublishedService): number {
  const category = SERVICE_CATEGORIES.indexOf(a.category) - SERVICE_CATEGORIES.indexOf(b.category);
  if (category !== 0) return category;
  const ai = CODE_ORDER.get(a.id) ?? Number.MAX_SAFE_INTEGER;
  const bi = CODE_ORDER.get(b.id) ?? Number.MAX_SAFE_INTEGER;
  return ai !== bi ? ai - bi : a.nameZh.localeCompare(b.nameZh, 'zh-CN');
}

/** A stored definition, checked as the catalogue checks its own; a row that fails is left out and logged, never served. */
function parseStored(serviceId: string, version: number, definition: unknown): ServiceDefinition | undefined {
  const parsed = serviceDefinitionSchema.safeParse(definition);
  if (!parsed.success || parsed.data.id !== serviceId) {
    console.error(`[services] version ${version} of ${serviceId} does not parse; not offered`);
    return undefined;
  }
  return parsed.data;
}

async function loadPublished(db: Executor): Promise<PublishedService[]> {
  const rows = await db
    .select({ id: services.id, version: services.currentVersion, definition: serviceVersions.definition })
    .from(services)
    .innerJoin(serviceVersions, and(eq(serviceVersions.serviceId, services.id), eq(serviceVersions.version, services.currentVersion)))
    .where(eq(services.isActive, true));
  const list: PublishedService[] = [];
  for (const row of rows) {
    const definition = parseStored(row.id, row.version, row.definition);
    if (definition) list.push({ ...definition, version: row.version });
  }
  return list.sort(byGuideOrder);
}

/** Every service on offer, at its published version, in the guide's order. */
export function getPublishedCatalogue(db: Executor, now = Date.now()): Promise<PublishedService[]> {
  const cached = publishedByDb.get(db);
  if (cached && now - cached.loadedAt < REFRESH_MS) return cached.list;
  const list = loadPublished(db);
  publishedByDb.set(db, { loadedAt: now, list });
  // A failed read must not be kept for the next request.
  list.catch(() => publishedByDb.delete(db));
  return list;
}

/** A service on offer at its published version; undefined for an unknown or retired service. */
export async function findPublishedService(db: Executor, id: string): Promise<PublishedService | undefined> {
  return (await getPublishedCatalogue(db)).find((s) => s.id === id);
}

// An apply page's path as the step-up passes it on (`/enrol?next=/me/apply/<id>`).
const APPLY_PATH = /^\/me\/apply\/([a-z][a-z0-9-]{1,59})(?:[?#].*)?$/;

/** The service an apply page's path is for, if it is on offer: the step-up page names it. */
export async function findServiceForApplyPath(db: Executor, path: string): Promise<PublishedService | undefined> {
  const id = APPLY_PATH.exec(path)?.[1];
  return id ? findPublishedService(db, id) : undefined;
}

/** The definition an application was filed under (version null: filed before versions, read as 1). */
export function findServiceVersion(db: Executor, id: string, version: number | null): Promise<ServiceDefinition | undefined> {
  const wanted = version ?? 1;
  let versions = versionsByDb.get(db);
  if (!versions) versionsByDb.set(db, (versions = new Map()));
  const key = `${id}\u0000${wanted}`;
  let found = versions.get(key);
  if (!found) {
    found = db
      .select({ definition: serviceVersions.definition })
      .from(serviceVersions)
      .where(and(eq(serviceVersions.serviceId, id), eq(serviceVersions.version, wanted)))
      .then(([row]) => (row ? parseStored(id, wanted, row.definition) : undefined));
    versions.set(key, found);
    // Only a found version is immutable: a missing one may be written later (a retry then reads it).
    void found.then(
      (definition) => definition ?? versions.delete(key),
      () => versions.delete(key),
    );
  }
  return found;
}

/** After a publish or a sync: this process reads the list again at its next request. */
export function forgetPublishedCatalogue(db: Executor): void {
  publishedByDb.delete(db);
}
