import type { Transaction } from '@/db/connect';
import { applicationDocuments } from '@/db/schema';
import type { FieldErrors } from '@/lib/result';
import type { ServiceDefinition } from '@/lib/services/catalog';
import type { DocumentDefinition } from '@/lib/services/fields';
import { inspectDocument, type DocumentRules, type InspectedDocument } from '@/lib/uploads/inspect';
import { inLanguages, msg } from '@/lib/i18n/problem';

export type UploadedFile = { kind: string; fileName: string; bytes: Uint8Array };
export type AcceptedDocument = Omit<InspectedDocument, 'ok'> & { kind: string };

export function documentRules(spec: DocumentDefinition): DocumentRules {
  return { acceptedTypes: spec.acceptedTypes, maxBytes: Math.round(spec.maxMegabytes * 1024 * 1024) };
}

/**
 * Checks uploads against what the service asks for: known kinds only, no more files than allowed, each
 * file inspected (type from its bytes, size, extension, polyglots, images re-encoded, PDFs opened).
 * On submit every required document must be there; on a resubmit the citizen adds only what is missing.
 */
export async function checkServiceDocuments(
  service: ServiceDefinition,
  files: UploadedFile[],
  options: { requireAllRequired: boolean; kept?: Readonly<Record<string, number>> },
): Promise<{ documents: AcceptedDocument[]; fieldErrors: FieldErrors }> {
  const fieldErrors: FieldErrors = {};
  const documents: AcceptedDocument[] = [];
  for (const spec of service.documents) {
    const matching = files.filter((f) => f.kind === spec.kind);
    const key = `document.${spec.kind}`;
    // Files already kept with the draft count towards the document, as present and towards its limit.
    const kept = options.kept?.[spec.kind] ?? 0;
    if (matching.length === 0) {
      if (kept > spec.maxCount) fieldErrors[key] = [tooMany(spec)];
      if (kept > 0) continue;
      if (spec.isRequired && options.requireAllRequired) fieldErrors[key] = [uploadYour(spec)];
      continue;
    }
    if (matching.length + kept > spec.maxCount) {
      fieldErrors[key] = [tooMany(spec)];
      continue;
    }
    const messages: string[] = [];
    for (const file of matching) {
      const checked = await inspectDocument({ fileName: file.fileName, bytes: file.bytes }, documentRules(spec));
      if (!checked.ok) messages.push(matching.length > 1 ? `${file.fileName}：${checked.message}` : checked.message);
      else {
        const { ok: _ok, ...accepted } = checked;
        documents.push({ kind: spec.kind, ...accepted });
      }
    }
    if (messages.length > 0) fieldErrors[key] = messages;
  }
  if (files.some((f) => !service.documents.some((d) => d.kind === f.kind))) {
    fieldErrors.documents = [msg('problems.applications.unknownDocumentType')];
  }
  // One refused file refuses the whole upload: nothing is stored until everything passes.
  return { documents: Object.keys(fieldErrors).length > 0 ? [] : documents, fieldErrors };
}

function tooMany(spec: DocumentDefinition): string {
  return msg('problems.applications.tooManyOfDocument', { label: inLanguages({ zh: spec.labelZh, en: spec.labelEn.toLowerCase() }), max: spec.maxCount });
}

function uploadYour(spec: DocumentDefinition): string {
  return msg('problems.applications.uploadDocument', { label: inLanguages({ zh: spec.labelZh, en: `${spec.labelEn.charAt(0).toLowerCase()}${spec.labelEn.slice(1)}` }) });
}

/** Required documents missing, or too many of one, once the draft's files are counted with the posted ones. */
export function documentCountErrors(service: ServiceDefinition, counts: Readonly<Record<string, number>>): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const spec of service.documents) {
    const n = counts[spec.kind] ?? 0;
    if (n > spec.maxCount) fieldErrors[`document.${spec.kind}`] = [tooMany(spec)];
    else if (n === 0 && spec.isRequired) fieldErrors[`document.${spec.kind}`] = [uploadYour(spec)];
  }
  return fieldErrors;
}

export async function storeDocuments(tx: Transaction, applicationId: string, documents: AcceptedDocument[], now: Date): Promise<void> {
  if (documents.length === 0) return;
  await tx.insert(applicationDocuments).values(
    documents.map((d) => ({
      applicationId,
      kind: d.kind,
      fileName: d.safeFileName,
      mimeType: d.mimeType,
      sizeBytes: d.size,
      sha256: d.sha256,
      content: d.bytes,
      uploadedAt: now,
    })),
  );
}
