// What the browser can tell about a picked file before sending it: one rule, read by the upload field.
// The server inspects every file again (lib/uploads/inspect.ts) whatever the browser says.
import type { DocumentDefinition } from '@/lib/services/fields';

const EXTENSION_TYPES: Record<string, string> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };

/** The refusal code (as the server would answer it) for a file that cannot be accepted, or null to send it. */
export function refusalBeforeSending(
  file: { name: string; size: number; type: string },
  doc: Pick<DocumentDefinition, 'acceptedTypes' | 'maxMegabytes'>,
): 'empty' | 'too_large' | 'type_not_allowed' | null {
  if (file.size === 0) return 'empty';
  if (file.size > doc.maxMegabytes * 1024 * 1024) return 'too_large';
  const extension = /\.([a-z0-9]+)$/.exec(file.name.toLowerCase())?.[1] ?? '';
  const type = file.type || EXTENSION_TYPES[extension];
  if (type && !(doc.acceptedTypes as readonly string[]).includes(type)) return 'type_not_allowed';
  return null;
}
