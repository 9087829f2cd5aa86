import type { Transaction } from '@/db/connect';
import { applicationDocuments } from '@/db/schema';
import type { FieldErrors } from '@/lib/result';
import type { ServiceDefinition } from '@/lib/services/catalog';
import { checkDocumentUpload, type CheckedDocument } from '@/lib/uploads/sniff';

export type UploadedFile = { kind: string; fileName: string; bytes: Uint8Array };
export type AcceptedDocument = CheckedDocument & { kind: string; bytes: Uint8Array };

/**
 * Checks uploads against what the service asks for: known kinds only, each file sniffed and sized.
 * On submit every required document must be there; on a resubmit the citizen adds only what is missing.
 */
export function checkServiceDocuments(
  service: ServiceDefinition,
  files: UploadedFile[],
  options: { requireAllRequired: boolean },
): { documents: AcceptedDocument[]; fieldErrors: FieldErrors } {
  const fieldErrors: FieldErrors = {};
  const documents: AcceptedDocument[] = [];
  for (const spec of service.documents) {
    const matching = files.filter((f) => f.kind === spec.kind);
    if (matching.length === 0) {
      if (spec.isRequired && options.requireAllRequired) {
        fieldErrors[`document.${spec.kind}`] = [`请上传${spec.labelZh} / Upload your ${spec.labelEn.toLowerCase()}`];
      }
      continue;
    }
    for (const file of matching) {
      const checked = checkDocumentUpload({ fileName: file.fileName, bytes: file.bytes });
      if (!checked.ok) fieldErrors[`document.${spec.kind}`] = [checked.message];
      else documents.push({ kind: spec.kind, bytes: file.bytes, ...checked });
    }
  }
  if (files.some((f) => !service.documents.some((d) => d.kind === f.kind))) {
    fieldErrors.documents = ['未知的材料类型 / Unknown document type'];
  }
  return { documents, fieldErrors };
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
