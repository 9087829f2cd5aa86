import type { Transaction } from '@/db/connect';
import { applicationDocuments } from '@/db/schema';
import type { FieldErrors } from '@/lib/result';
import type { ServiceDefinition } from '@/lib/services/catalog';
import type { DocumentDefinition } from '@/lib/services/fields';
import { inspectDocument, type DocumentRules, type InspectedDocument } from '@/lib/uploads/inspect';

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
      if (spec.isRequired && options.requireAllRequired) fieldErrors[key] = [`请上传${spec.labelZh} / Upload your ${spec.labelEn.charAt(0).toLowerCase()}${spec.labelEn.slice(1)}`];
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
    fieldErrors.documents = ['未知的材料类型 / Unknown document type'];
  }
  // One refused file refuses the whole upload: nothing is stored until everything passes.
  return { documents: Object.keys(fieldErrors).length > 0 ? [] : documents, fieldErrors };
}

function tooMany(spec: DocumentDefinition): string {
  return `${spec.labelZh}最多上传 ${spec.maxCount} 个文件 / At most ${spec.maxCount} file(s) for the ${spec.labelEn.toLowerCase()}`;
}

/** Required documents missing, or too many of one, once the draft's files are counted with the posted ones. */
export function documentCountErrors(service: ServiceDefinition, counts: Readonly<Record<string, number>>): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const spec of service.documents) {
    const n = counts[spec.kind] ?? 0;
    if (n > spec.maxCount) fieldErrors[`document.${spec.kind}`] = [tooMany(spec)];
    else if (n === 0 && spec.isRequired) fieldErrors[`document.${spec.kind}`] = [`请上传${spec.labelZh} / Upload your ${spec.labelEn.charAt(0).toLowerCase()}${spec.labelEn.slice(1)}`];
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
