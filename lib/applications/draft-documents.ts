// Files kept with a draft. The wizard uploads each file as soon as the citizen picks it (one request
// per file); it is checked against the service's rules and inspected exactly as a submit would inspect
// it, then stored with the draft, so that the draft resumes with its files on another device. The
// submit moves them to the application in its own transaction (moveDraftDocuments).
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Database, type Transaction } from '@/db/connect';
import { applicationDrafts, applications, draftDocuments } from '@/db/schema';
import type { CitizenActor } from '@/lib/auth/actor';
import { conflict, forbidden, invalid, notFound, ok, type Result } from '@/lib/result';
import { findPublishedService } from '@/lib/services/published-catalogue';
import { inspectDocument, type InspectionError } from '@/lib/uploads/inspect';
import { documentRules } from './documents';
import { msg } from '@/lib/i18n/problem';

/** Why an upload was refused: the browser shows the citizen's own-language message for the code. */
export type UploadRefusal = InspectionError | 'too_many' | 'unknown_kind' | 'no_file';
export type UploadRefused = { status: 'invalid'; message: string; code: UploadRefusal };

export type KeptDocument = { id: string; kind: string; fileName: string; mimeType: string; sizeBytes: number; pages: number; uploadedAt: Date };

/** Drafts untouched this long are deleted with their files by the draft-purge job. */
export const DRAFT_LIFETIME_DAYS = 30;

const uploadEnvelopeSchema = z.object({
  serviceId: z.string().min(1).max(60),
  kind: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/),
  clientUploadId: z.uuid(),
  idempotencyKey: z.uuid().optional(),
});

const REFUSAL_MESSAGES: Record<'too_many' | 'unknown_kind' | 'no_file', (max: number) => string> = {
  too_many: (max) => msg('problems.applications.tooManyRemoveOne', { max }),
  unknown_kind: () => msg('problems.applications.documentNotAsked'),
  no_file: () => msg('problems.applications.noFile'),
};

function refused(code: UploadRefusal, message: string): UploadRefused {
  return { status: 'invalid', message, code };
}

const keptColumns = {
  id: draftDocuments.id,
  kind: draftDocuments.kind,
  fileName: draftDocuments.fileName,
  mimeType: draftDocuments.mimeType,
  sizeBytes: draftDocuments.sizeBytes,
  pages: draftDocuments.pageCount,
  uploadedAt: draftDocuments.uploadedAt,
};

const ownDraft = (actor: CitizenActor, serviceId: string) => and(eq(applicationDrafts.citizenAccountId, actor.accountId), eq(applicationDrafts.serviceId, serviceId));

/**
 * Keeps one uploaded file with the citizen's draft of a service (creating the draft if there is none).
 * Refused files are not stored. A retried request with the same client upload id answers with the file
 * stored the first time; the per-document count is checked with the draft row locked, so two uploads
 * racing for the last place cannot both get it.
 */
export async function keepDraftDocument(
  db: Database,
  actor: CitizenActor,
  input: { serviceId: unknown; kind: unknown; clientUploadId: unknown; idempotencyKey?: unknown; file: { fileName: string; bytes: Uint8Array } | null },
  now = new Date(),
): Promise<Result<KeptDocument & { idempotencyKey: string; isRetry: boolean }> | UploadRefused> {
  const envelope = uploadEnvelopeSchema.safeParse({
    serviceId: input.serviceId,
    kind: input.kind,
    clientUploadId: input.clientUploadId,
    idempotencyKey: input.idempotencyKey ?? undefined,
  });
  if (!envelope.success) return invalid(msg('problems.applications.uploadRequestInvalid'));
  const { serviceId, kind, clientUploadId, idempotencyKey } = envelope.data;
  const service = await findPublishedService(db, serviceId);
  if (!service) return notFound(msg('problems.applications.noSuchService'));
  if (actor.assuranceLevel < service.requiredAssuranceLevel) return forbidden(msg('problems.common.higherLevel'));
  const spec = service.documents.find((d) => d.kind === kind);
  if (!spec) return refused('unknown_kind', REFUSAL_MESSAGES.unknown_kind(0));

  const retried = await findByClientUploadId(db, actor, serviceId, clientUploadId);
  if (retried) return ok({ ...retried.document, idempotencyKey: retried.idempotencyKey, isRetry: true });
  if (idempotencyKey) {
    // An upload that lands after its own submit must not bring the draft back.
    const [done] = await db
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.citizenAccountId, actor.accountId), eq(applications.idempotencyKey, idempotencyKey)));
    if (done) return conflict(msg('problems.applications.alreadySubmitted'));
  }
  if (!input.file) return refused('no_file', REFUSAL_MESSAGES.no_file(0));

  const inspected = await inspectDocument(input.file, documentRules(spec));
  if (!inspected.ok) return refused(inspected.error, inspected.message);

  return db.transaction(async (tx) => {
    await tx
      .insert(applicationDrafts)
      .values({ citizenAccountId: actor.accountId, serviceId, formData: {}, step: 'documents', createdAt: now, updatedAt: now, ...(idempotencyKey ? { idempotencyKey } : {}) })
      .onConflictDoNothing({ target: [applicationDrafts.citizenAccountId, applicationDrafts.serviceId] });
    const [draft] = await tx.select({ id: applicationDrafts.id, idempotencyKey: applicationDrafts.idempotencyKey }).from(applicationDrafts).where(ownDraft(actor, serviceId)).for('update');
    if (!draft) throw new Error('draft vanished inside its own transaction');
    const [again] = await tx.select(keptColumns).from(draftDocuments).where(and(eq(draftDocuments.draftId, draft.id), eq(draftDocuments.clientUploadId, clientUploadId)));
    if (again) return ok({ ...again, idempotencyKey: draft.idempotencyKey, isRetry: true });
    const [held] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from draft_documents where draft_id = ${draft.id} and kind = ${kind}`);
    if (Number(held?.n ?? 0) >= spec.maxCount) return refused('too_many', REFUSAL_MESSAGES.too_many(spec.maxCount));
    const [stored] = await tx
      .insert(draftDocuments)
      .values({
        draftId: draft.id,
        kind,
        clientUploadId,
        fileName: inspected.safeFileName,
        mimeType: inspected.mimeType,
        sizeBytes: inspected.size,
        pageCount: inspected.pages,
        sha256: inspected.sha256,
        content: inspected.bytes,
        uploadedAt: now,
      })
      .returning(keptColumns);
    await tx.update(applicationDrafts).set({ updatedAt: now }).where(eq(applicationDrafts.id, draft.id));
    return ok({ ...stored!, idempotencyKey: draft.idempotencyKey, isRetry: false });
  });
}

async function findByClientUploadId(db: Database, actor: CitizenActor, serviceId: string, clientUploadId: string) {
  const [row] = await db
    .select({ document: keptColumns, idempotencyKey: applicationDrafts.idempotencyKey })
    .from(draftDocuments)
    .innerJoin(applicationDrafts, eq(applicationDrafts.id, draftDocuments.draftId))
    .where(and(ownDraft(actor, serviceId), eq(draftDocuments.clientUploadId, clientUploadId)));
  return row;
}

/** The files kept with the citizen's own draft of a service, oldest first. */
export async function listDraftDocuments(db: Database | Transaction, actor: CitizenActor, serviceId: string): Promise<KeptDocument[]> {
  return db
    .select(keptColumns)
    .from(draftDocuments)
    .innerJoin(applicationDrafts, eq(applicationDrafts.id, draftDocuments.draftId))
    .where(ownDraft(actor, serviceId))
    .orderBy(asc(draftDocuments.uploadedAt), asc(draftDocuments.id));
}

/** One kept file's bytes, for its owner only; anyone else (or a wrong id) finds nothing. */
export async function getDraftDocumentContent(db: Database, actor: CitizenActor, serviceId: string, documentId: unknown) {
  const id = z.uuid().safeParse(documentId);
  if (!id.success) return undefined;
  const [row] = await db
    .select({ id: draftDocuments.id, fileName: draftDocuments.fileName, mimeType: draftDocuments.mimeType, content: draftDocuments.content })
    .from(draftDocuments)
    .innerJoin(applicationDrafts, eq(applicationDrafts.id, draftDocuments.draftId))
    .where(and(ownDraft(actor, serviceId), eq(draftDocuments.id, id.data)));
  return row;
}

/** Removes a kept file from the citizen's own draft. Another citizen's file, or none: not found. */
export async function removeDraftDocument(db: Database, actor: CitizenActor, serviceId: unknown, documentId: unknown, now = new Date()): Promise<Result<{ id: string }>> {
  const parsed = z.object({ serviceId: z.string().min(1).max(60), documentId: z.uuid() }).safeParse({ serviceId, documentId });
  if (!parsed.success) return notFound();
  return db.transaction(async (tx) => {
    const [draft] = await tx.select({ id: applicationDrafts.id }).from(applicationDrafts).where(ownDraft(actor, parsed.data.serviceId)).for('update');
    if (!draft) return notFound();
    const [removed] = await tx
      .delete(draftDocuments)
      .where(and(eq(draftDocuments.draftId, draft.id), eq(draftDocuments.id, parsed.data.documentId)))
      .returning({ id: draftDocuments.id });
    if (!removed) return notFound();
    await tx.update(applicationDrafts).set({ updatedAt: now }).where(eq(applicationDrafts.id, draft.id));
    return ok(removed);
  });
}

/** How many files of each kind the citizen's draft of a service holds. */
export async function countDraftDocuments(db: Database, actor: CitizenActor, serviceId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const d of await listDraftDocuments(db, actor, serviceId)) counts[d.kind] = (counts[d.kind] ?? 0) + 1;
  return counts;
}

/**
 * Inside the submit's transaction: the draft is locked, its files become the application's, and the
 * kinds moved are returned (the caller checks them against the service's rules once more). The draft
 * itself is deleted by the caller, which takes its files' rows with it.
 */
export async function moveDraftDocuments(tx: Transaction, actor: CitizenActor, serviceId: string, applicationId: string): Promise<{ kind: string; sha256: string }[]> {
  const [draft] = await tx.select({ id: applicationDrafts.id }).from(applicationDrafts).where(ownDraft(actor, serviceId)).for('update');
  if (!draft) return [];
  const moved = await queryRows<{ kind: string; sha256: string }>(
    tx,
    sql`insert into application_documents (application_id, kind, file_name, mime_type, size_bytes, sha256, content, uploaded_at)
        select ${applicationId}, kind, file_name, mime_type, size_bytes, sha256, content, uploaded_at
        from draft_documents where draft_id = ${draft.id} order by uploaded_at, id
        returning kind, sha256`,
  );
  await tx.delete(draftDocuments).where(eq(draftDocuments.draftId, draft.id));
  return moved.map((m) => ({ kind: m.kind, sha256: m.sha256 }));
}

/** Deletes drafts (and so their files) nobody has touched for DRAFT_LIFETIME_DAYS. */
export async function purgeExpiredDrafts(db: Database, now = new Date()): Promise<{ drafts: number }> {
  const cutoff = new Date(now.getTime() - DRAFT_LIFETIME_DAYS * 86_400_000);
  const deleted = await db.delete(applicationDrafts).where(lt(applicationDrafts.updatedAt, cutoff)).returning({ id: applicationDrafts.id });
  return { drafts: deleted.length };
}

