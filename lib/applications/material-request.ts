import type { ServiceDefinition } from '@/lib/services/catalog';
import type { DocumentDefinition, FieldDefinition } from '@/lib/services/fields';

/**
 * What a request for more material names, read back from the clerk's request: the items ticked on the
 * checklist ("请补充：A、B。…", see decision-reasons.ts) are matched exactly; a request written only in
 * the clerk's own words names a document when it mentions it. With nothing recognised, every document
 * may be added and no field changed.
 */
export function requestedItems(service: ServiceDefinition, reason: string | null | undefined): { documents: DocumentDefinition[]; fields: FieldDefinition[]; isSpecific: boolean } {
  const text = reason ?? '';
  const listed = /请补充：([^。]*)。/.exec(text)?.[1]?.split('、').map((s) => s.trim()) ?? [];
  const fields = service.fields.filter((f) => listed.includes(f.labelZh));
  let documents = service.documents.filter((d) => listed.includes(d.labelZh));
  if (documents.length === 0 && fields.length === 0) documents = service.documents.filter((d) => text.includes(d.labelZh) || text.includes(d.labelEn));
  const isSpecific = documents.length > 0 || fields.length > 0;
  return { documents: isSpecific ? documents : service.documents, fields, isSpecific };
}
