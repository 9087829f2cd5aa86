import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/connect';
import { applicationDrafts, applications, services } from '@/db/schema';
import type { CitizenActor } from '@/lib/auth/actor';
import { conflict, invalid, notFound, ok, type Result } from '@/lib/result';
import { findPublishedService } from '@/lib/services/published-catalogue';
import { DELIVERY_FIELDS, WIZARD_STEPS, type WizardStep } from '@/lib/services/form-schema';
import { msg } from '@/lib/i18n/problem';

// A wizard saves what the citizen has typed as they go (debounced), one draft per account and service,
// on the server: signing in on another device finds it. Its files are kept beside it (draft-documents.ts).

const draftInputSchema = z.object({
  serviceId: z.string().min(1).max(60),
  step: z.enum(WIZARD_STEPS).default('details'),
  formData: z.record(z.string(), z.string().max(1000)),
  /** The key the page will submit with; a draft keeps the first one it was saved with. */
  idempotencyKey: z.uuid().optional(),
});

export type DraftView = { serviceId: string; step: WizardStep; formData: Record<string, string>; idempotencyKey: string; updatedAt: Date };

export async function saveDraft(db: Executor, actor: CitizenActor, raw: unknown, now = new Date()): Promise<Result<{ savedAt: Date; idempotencyKey: string }>> {
  const parsed = draftInputSchema.safeParse(raw);
  if (!parsed.success) return invalid(msg('problems.applications.draftInvalid'));
  const service = await findPublishedService(db, parsed.data.serviceId);
  if (!service) return notFound(msg('problems.applications.noSuchService'));
  // Only the service's own inputs are kept: a draft is not a store for anything else.
  const allowed = new Set<string>([...service.fields.map((f) => f.name), ...DELIVERY_FIELDS]);
  const formData = Object.fromEntries(Object.entries(parsed.data.formData).filter(([k]) => allowed.has(k)));
  const key = parsed.data.idempotencyKey;
  if (key) {
    // An autosave that lands after its own submit must not bring the draft back.
    const [done] = await db
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.citizenAccountId, actor.accountId), eq(applications.idempotencyKey, key)));
    if (done) return conflict(msg('problems.applications.alreadySubmitted'));
  }
  const [row] = await db
    .insert(applicationDrafts)
    .values({ citizenAccountId: actor.accountId, serviceId: service.id, formData, step: parsed.data.step, createdAt: now, updatedAt: now, ...(key ? { idempotencyKey: key } : {}) })
    .onConflictDoUpdate({
      target: [applicationDrafts.citizenAccountId, applicationDrafts.serviceId],
      set: { formData, step: parsed.data.step, updatedAt: sql`excluded.updated_at` },
    })
    .returning({ updatedAt: applicationDrafts.updatedAt, idempotencyKey: applicationDrafts.idempotencyKey });
  return ok({ savedAt: row!.updatedAt, idempotencyKey: row!.idempotencyKey });
}

export async function getDraft(db: Executor, actor: CitizenActor, serviceId: string): Promise<DraftView | undefined> {
  const [row] = await db
    .select()
    .from(applicationDrafts)
    .where(and(eq(applicationDrafts.citizenAccountId, actor.accountId), eq(applicationDrafts.serviceId, serviceId)));
  if (!row) return undefined;
  const step = z.enum(WIZARD_STEPS).catch('details').parse(row.step);
  return { serviceId: row.serviceId, step, formData: z.record(z.string(), z.string()).catch({}).parse(row.formData), idempotencyKey: row.idempotencyKey, updatedAt: row.updatedAt };
}

/** What "My applications" shows of each draft, last touched first (lib/applications/queries.ts › listApplicationsForCitizen). */
export const citizenDraftColumns = {
  serviceId: applicationDrafts.serviceId,
  nameZh: services.nameZh,
  nameEn: services.nameEn,
  step: applicationDrafts.step,
  updatedAt: applicationDrafts.updatedAt,
};

export async function discardDraft(db: Executor, actor: CitizenActor, serviceId: string): Promise<void> {
  await db.delete(applicationDrafts).where(and(eq(applicationDrafts.citizenAccountId, actor.accountId), eq(applicationDrafts.serviceId, serviceId)));
}

/**
 * The citizen's own application submitted from the draft with this key, if any: the wizard's address
 * carries the key, so coming Back to a submitted wizard shows the application instead of a blank form.
 */
export async function findApplicationSubmittedFromDraft(db: Executor, actor: CitizenActor, serviceId: string, key: unknown): Promise<{ applicationId: string } | undefined> {
  const parsed = z.uuid().safeParse(key);
  if (!parsed.success) return undefined;
  const [row] = await db
    .select({ applicationId: applications.id })
    .from(applications)
    .where(and(eq(applications.citizenAccountId, actor.accountId), eq(applications.serviceId, serviceId), eq(applications.idempotencyKey, parsed.data)));
  return row;
}
