import type { Executor } from '@/db/connect';
import { findPublishedService } from '@/lib/services/published-catalogue';
import { DELIVERY_FIELDS } from '@/lib/services/form-schema';
import type { UploadedFile } from './documents';

// Reading a posted application form (the citizen's wizard, the counter's assisted filing): the service's
// own inputs and its files. Everything read here is still parsed by the operation that receives it.

/** Files posted as `document.<kind>`; an empty file input posts a nameless empty part, which is "no file". */
export async function readPostedUploads(formData: FormData): Promise<UploadedFile[]> {
  const files: UploadedFile[] = [];
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith('document.') || typeof value === 'string') continue;
    if (value.size === 0 && value.name === '') continue;
    files.push({ kind: key.slice('document.'.length), fileName: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  return files;
}

/** The service's own inputs from a posted form: its fields and the delivery step's. */
export async function readPostedServiceForm(db: Executor, serviceId: unknown, formData: FormData): Promise<Record<string, string>> {
  const service = typeof serviceId === 'string' ? await findPublishedService(db, serviceId) : undefined;
  const names = [...(service?.fields.map((f) => f.name) ?? []), ...DELIVERY_FIELDS];
  return Object.fromEntries(names.flatMap((n) => (typeof formData.get(n) === 'string' ? [[n, formData.get(n) as string]] : [])));
}
