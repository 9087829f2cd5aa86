'use client';

import { useRef, useState } from 'react';
import { FieldError } from '@/components/field-error';
import { useTranslator } from '@/lib/i18n/client';
import { DOCUMENT_TYPE_NAMES, type DocumentDefinition } from '@/lib/services/fields';
import { refusalBeforeSending } from '@/lib/uploads/before-sending';

/** A file kept with the draft on the server, as the wizard shows it. */
export type KeptFile = { id: string; kind: string; fileName: string; mimeType: string; sizeBytes: number; pages: number };

type InFlight = { id: string; name: string; loaded: number; total: number; xhr: XMLHttpRequest };

const REFUSAL_CODES = [
  'empty',
  'too_large',
  'unsupported_type',
  'type_not_allowed',
  'extension_mismatch',
  'polyglot',
  'too_many_pixels',
  'image_too_large',
  'corrupt_image',
  'unreadable_pdf',
  'pdf_active_content',
  'pdf_too_complex',
  'too_many_checks',
  'too_many',
  'unknown_kind',
  'no_file',
  'network',
  'other',
] as const;
type RefusalCode = (typeof REFUSAL_CODES)[number];
const isRefusalCode = (code: unknown): code is RefusalCode => typeof code === 'string' && (REFUSAL_CODES as readonly string[]).includes(code);
/** A network failure is retried once with the same client upload id: the server stores the file once. */
const NETWORK_RETRIES = 1;

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * One document of the service: a file picked is uploaded at once (one request per file, with a real
 * progress bar and a cancel button), checked by the server, and kept with the draft; the kept files
 * are listed with a link to look at them and a button to remove them. Refusals come back as a reason
 * code and are shown in the citizen's language.
 */
export function DocumentUploadField({
  serviceId,
  doc,
  kept,
  errors,
  getIdempotencyKey,
  onKept,
  onRemoved,
  onKeyKnown,
  onUploadStarted,
  onSignedOut,
  announce,
}: {
  serviceId: string;
  doc: DocumentDefinition;
  kept: KeptFile[];
  errors?: string[];
  getIdempotencyKey: () => string;
  onKept: (file: KeptFile) => void;
  onRemoved: (id: string) => void;
  onKeyKnown: (key: string) => void;
  /** Settles when the upload has ended, however it ended: the wizard's Next waits for these. */
  onUploadStarted: (finished: Promise<void>) => void;
  /** The session has ended: the wizard takes the citizen to sign in and back (the draft's files stay). */
  onSignedOut: () => void;
  announce: (message: string) => void;
}) {
  const { t, label } = useTranslator();
  const [inFlight, setInFlight] = useState<InFlight[]>([]);
  const [refusals, setRefusals] = useState<string[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  const name = `document.${doc.kind}`;
  const docLabel = label({ zh: doc.labelZh, en: doc.labelEn });
  const types = doc.acceptedTypes.map((x) => DOCUMENT_TYPE_NAMES[x]);

  function refusalText(code: unknown, serverMessage: unknown): string {
    if (isRefusalCode(code)) {
      return t(`services.refusal.${code}`, { mb: doc.maxMegabytes, count: doc.maxCount, types: label({ zh: types.join('、'), en: types.join(', ') }) });
    }
    return typeof serverMessage === 'string' && serverMessage ? serverMessage : t('services.refusal.other');
  }

  function send(file: File, clientUploadId: string, attempt: number, settle: () => void): XMLHttpRequest {
    const xhr = new XMLHttpRequest();
    const form = new FormData();
    form.set('kind', doc.kind);
    form.set('clientUploadId', clientUploadId);
    form.set('idempotencyKey', getIdempotencyKey());
    form.set('file', file);
    const update = (patch: Partial<InFlight>) => setInFlight((list) => list.map((u) => (u.id === clientUploadId ? { ...u, ...patch } : u)));
    const done = () => {
      setInFlight((list) => list.filter((u) => u.id !== clientUploadId));
      settle();
    };
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) update({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      const body = (xhr.response ?? {}) as { status?: string; code?: string; message?: string; data?: KeptFile & { idempotencyKey?: string } };
      done();
      if (xhr.status === 401) return onSignedOut();
      if (xhr.status < 300 && body.status === 'ok' && body.data) {
        if (body.data.idempotencyKey) onKeyKnown(body.data.idempotencyKey);
        onKept({ id: body.data.id, kind: body.data.kind, fileName: body.data.fileName, mimeType: body.data.mimeType, sizeBytes: body.data.sizeBytes, pages: body.data.pages });
        announce(t('services.uploadDone', { name: body.data.fileName }));
        return;
      }
      const reason = refusalText(body.code, body.message);
      setRefusals((list) => [...list, t('common.labelled', { label: file.name, value: reason })]);
      announce(t('services.uploadRefused', { name: file.name, reason }));
    };
    xhr.onerror = () => {
      if (attempt < NETWORK_RETRIES) {
        setTimeout(() => {
          update({ loaded: 0 });
          const again = send(file, clientUploadId, attempt + 1, settle);
          update({ xhr: again });
        }, 1000);
        return;
      }
      done();
      const reason = t('services.refusal.network');
      setRefusals((list) => [...list, t('common.labelled', { label: file.name, value: reason })]);
      announce(t('services.uploadRefused', { name: file.name, reason }));
    };
    xhr.onabort = () => {
      done();
      announce(t('services.uploadCancelled', { name: file.name }));
      inputRef.current?.focus();
    };
    xhr.open('POST', `/api/drafts/${encodeURIComponent(serviceId)}/documents`);
    xhr.responseType = 'json';
    xhr.send(form);
    return xhr;
  }

  function upload(files: File[]) {
    setRefusals([]);
    for (const file of files) {
      // Checked here first so a file that cannot be accepted is not sent at all (a 30 MB photo on a
      // phone connection); the server inspects every file again whatever the browser says.
      const refusedHere = refusalBeforeSending(file, doc);
      if (refusedHere) {
        const reason = refusalText(refusedHere, null);
        setRefusals((list) => [...list, t('common.labelled', { label: file.name, value: reason })]);
        announce(t('services.uploadRefused', { name: file.name, reason }));
        continue;
      }
      const clientUploadId = crypto.randomUUID();
      let settle = () => {};
      onUploadStarted(new Promise<void>((resolve) => (settle = resolve)));
      announce(t('services.uploadStarted', { name: file.name }));
      const entry: InFlight = { id: clientUploadId, name: file.name, loaded: 0, total: file.size, xhr: new XMLHttpRequest() };
      setInFlight((list) => [...list, entry]);
      const xhr = send(file, clientUploadId, 0, settle);
      setInFlight((list) => list.map((u) => (u.id === clientUploadId ? { ...u, xhr } : u)));
    }
  }

  async function remove(file: KeptFile) {
    const response = await fetch(`/api/drafts/${encodeURIComponent(serviceId)}/documents/${file.id}`, { method: 'DELETE' });
    if (response.status === 401) return onSignedOut();
    if (response.ok || response.status === 404) {
      onRemoved(file.id);
      announce(t('services.fileRemoved', { name: file.fileName }));
      inputRef.current?.focus();
    }
  }

  const messages = [...refusals, ...(errors ?? [])];
  return (
    <div className="field" data-testid={`document-${doc.kind}`}>
      <label htmlFor={name}>
        {docLabel}
        {t('common.parenthetical', { text: doc.isRequired ? t('services.required') : t('services.optional') })}
        <span className="hint"> {t('services.fileHint', { types: types.join(' / '), mb: doc.maxMegabytes, count: doc.maxCount })}</span>
      </label>
      <input
        ref={inputRef}
        id={name}
        type="file"
        multiple={doc.maxCount > 1}
        accept={doc.acceptedTypes.join(',')}
        aria-invalid={messages.length > 0 ? true : undefined}
        aria-describedby={`${name}-error ${name}-kept`}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = ''; // the same file may be picked again after a refusal
          if (files.length > 0) upload(files);
        }}
      />
      {inFlight.length > 0 && (
        <ul className="uploads" data-testid={`uploads-${doc.kind}`}>
          {inFlight.map((u) => {
            const percent = u.total > 0 ? Math.min(100, Math.round((u.loaded / u.total) * 100)) : 0;
            return (
              <li key={u.id}>
                <label htmlFor={`progress-${u.id}`}>{t('services.uploadProgressLabel', { name: u.name })}</label>{' '}
                <progress id={`progress-${u.id}`} value={u.loaded} max={u.total || 1} aria-valuetext={t('services.uploadPercent', { percent })} />{' '}
                <span>{t('services.uploadPercent', { percent })}</span>{' '}
                <button type="button" className="secondary small" onClick={() => u.xhr.abort()} aria-label={t('services.cancelUploadNamed', { name: u.name })}>
                  {t('services.cancelUpload')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div id={`${name}-kept`} data-testid={`kept-${doc.kind}`}>
        {kept.length === 0 ? (
          <p className="hint">{t('services.noKeptFile')}</p>
        ) : (
          <ul className="kept-files">
            {kept.map((file) => (
              <li key={file.id}>
                <a href={`/api/drafts/${encodeURIComponent(serviceId)}/documents/${file.id}`} target="_blank" rel="noopener" aria-label={t('services.viewFile', { name: file.fileName })}>
                  {file.fileName}
                </a>{' '}
                <span className="hint">{t('services.keptFileMeta', { size: formatSize(file.sizeBytes), pages: file.pages })}</span>{' '}
                <button type="button" className="secondary small" onClick={() => void remove(file)} aria-label={t('services.removeFileNamed', { name: file.fileName })}>
                  {t('services.removeFile')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <FieldError id={`${name}-error`} messages={messages} />
    </div>
  );
}
