// The form designer's reads (issue 18 item 4): the administrator's list of services at their published
// versions, and one service's current definition to edit. The write is publish-service.ts. Both check
// the caller's capability themselves; the pages only render what these return.
import { desc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/connect';
import { serviceVersions, staffUsers } from '@/db/schema';
import type { StaffActor } from '@/lib/auth/actor';
import { canDesignServices } from '@/lib/auth/permissions';
import { CATEGORY_LABELS, CERTIFICATE_KIND_LABELS, SERVICE_CATEGORIES, type ServiceDefinition } from './catalog';
import { getPublishedCatalogue } from './published-catalogue';

export type CatalogueDesignRow = {
  id: string;
  nameZh: string;
  nameEn: string;
  category: ServiceDefinition['category'];
  version: number;
  requiredAssuranceLevel: number;
  deadlineWorkingDays: number;
  approvalChain: ServiceDefinition['approvalChain'];
  fieldCount: number;
  documentCount: number;
};

/** Every service on offer at its published version, in the guide's order; empty for anyone but a designer. */
export async function listServicesForDesign(db: Executor, actor: StaffActor): Promise<CatalogueDesignRow[]> {
  if (!canDesignServices(actor)) return [];
  return (await getPublishedCatalogue(db)).map((s) => ({
    id: s.id,
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    category: s.category,
    version: s.version,
    requiredAssuranceLevel: s.requiredAssuranceLevel,
    deadlineWorkingDays: s.deadlineWorkingDays,
    approvalChain: s.approvalChain,
    fieldCount: s.fields.length,
    documentCount: s.documents.length,
  }));
}

export type ServiceVersionEntry = { version: number; origin: 'catalogue' | 'designer'; publishedAt: Date; publishedBy: string | null };

export type ServiceDesign = { definition: ServiceDefinition; version: number; history: ServiceVersionEntry[] };

/** One service's published definition to edit, with who published each version; undefined if unknown or not a designer. */
export async function getServiceForDesign(db: Executor, actor: StaffActor, serviceId: string): Promise<ServiceDesign | undefined> {
  if (!canDesignServices(actor)) return undefined;
  const service = (await getPublishedCatalogue(db)).find((s) => s.id === serviceId);
  if (!service) return undefined;
  const history = await db
    .select({ version: serviceVersions.version, origin: serviceVersions.origin, publishedAt: serviceVersions.publishedAt, publishedBy: staffUsers.displayName })
    .from(serviceVersions)
    .leftJoin(staffUsers, eq(staffUsers.id, serviceVersions.publishedByStaffId))
    .where(eq(serviceVersions.serviceId, serviceId))
    .orderBy(desc(serviceVersions.version));
  const { version, ...definition } = service;
  return { definition, version, history };
}

/** The choices the designer offers that come from the catalogue's own lists (sent to the page as data). */
export function designerChoices() {
  return {
    categories: SERVICE_CATEGORIES.map((value) => ({ value, ...CATEGORY_LABELS[value] })),
    certificateKinds: Object.entries(CERTIFICATE_KIND_LABELS).map(([value, l]) => ({ value, zh: l.zh, en: l.en })),
  };
}

export type DesignerChoices = ReturnType<typeof designerChoices>;
