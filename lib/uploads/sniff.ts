// Decides what an uploaded document is from its bytes alone: the file name and the browser's declared
// type are chosen by the sender, so an executable renamed "diploma.pdf" must not pass as a PDF.
import { createHash } from 'node:crypto';

export const ACCEPTED_DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentMimeType = (typeof ACCEPTED_DOCUMENT_TYPES)[number];

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_FILE_NAME_LENGTH = 120;

export type DocumentUploadError = 'empty' | 'too_large' | 'unsupported_type';

export type CheckedDocument = {
  ok: true;
  mimeType: DocumentMimeType;
  size: number;
  sha256: string; // lower-case hex
  safeFileName: string;
};

export type CheckDocumentUploadResult =
  | CheckedDocument
  | { ok: false; error: DocumentUploadError; message: string };

const ERROR_MESSAGES: Record<DocumentUploadError, string> = {
  empty: '文件为空 / The file is empty',
  too_large: `文件超过 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB / The file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`,
  unsupported_type: '只接受 PDF、JPEG 或 PNG 文件 / Only PDF, JPEG or PNG files are accepted',
};

const PDF_HEADER = bytesOf('%PDF-');
const PDF_EOF = bytesOf('%%EOF');
// Readers tolerate trailing bytes after %%EOF (Acrobat looks in the last 1024), so we do too.
const PDF_EOF_WINDOW = 1024;
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const EXTENSIONS: Record<DocumentMimeType, ReadonlyArray<string>> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
};

export function sniffDocumentType(bytes: Uint8Array): DocumentMimeType | null {
  if (startsWith(bytes, PDF_HEADER) && containsFrom(bytes, PDF_EOF, bytes.length - PDF_EOF_WINDOW)) {
    return 'application/pdf';
  }
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, JPEG_SIGNATURE)) return 'image/jpeg';
  return null;
}

export function checkDocumentUpload(input: { fileName: string; bytes: Uint8Array }): CheckDocumentUploadResult {
  const { bytes } = input;
  if (bytes.length === 0) return fail('empty');
  if (bytes.length > MAX_DOCUMENT_BYTES) return fail('too_large');
  const mimeType = sniffDocumentType(bytes);
  if (!mimeType) return fail('unsupported_type');
  return {
    ok: true,
    mimeType,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    safeFileName: makeSafeFileName(input.fileName, mimeType),
  };
}

/**
 * A name safe to store and to put in a Content-Disposition header: no directories, no control or
 * bidi-override characters (which can disguise "exe.pdf" as "fdp.exe"), no characters Windows forbids,
 * at most 120 characters, and an extension that matches the sniffed type. Chinese is kept as is.
 */
export function makeSafeFileName(fileName: string, mimeType: DocumentMimeType): string {
  const baseName = fileName.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = baseName
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    // Leading dots would make a hidden file (or "..").
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');

  const allowed = EXTENSIONS[mimeType];
  const dot = cleaned.lastIndexOf('.');
  const currentExt = dot > 0 ? cleaned.slice(dot).toLowerCase() : '';
  let stem: string;
  let ext: string;
  if (allowed.includes(currentExt)) {
    stem = cleaned.slice(0, dot);
    ext = currentExt;
  } else {
    // A PNG named "scan.pdf" becomes "scan.png": the stored type decides how it is served.
    stem = /^\.(pdf|jpe?g|png)$/.test(currentExt) ? cleaned.slice(0, dot) : cleaned;
    ext = allowed[0] ?? '';
  }

  const stemChars = Array.from(stem.trim()).slice(0, MAX_FILE_NAME_LENGTH - ext.length);
  const safeStem = stemChars.join('').trim() || 'document';
  return safeStem + ext;
}

function fail(error: DocumentUploadError): CheckDocumentUploadResult {
  return { ok: false, error, message: ERROR_MESSAGES[error] };
}

function bytesOf(ascii: string): number[] {
  return Array.from(ascii, (c) => c.charCodeAt(0));
}

function startsWith(bytes: Uint8Array, prefix: ReadonlyArray<number>): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

function containsFrom(bytes: Uint8Array, needle: ReadonlyArray<number>, from: number): boolean {
  const last = bytes.length - needle.length;
  for (let i = Math.max(0, from); i <= last; i++) {
    if (needle.every((b, j) => bytes[i + j] === b)) return true;
  }
  return false;
}
