// What an uploaded document is, from its bytes alone (the file name and the browser's declared type are
// chosen by the sender, so an executable renamed "diploma.pdf" must not pass as a PDF), then the deep
// check: the extension must agree with the bytes, no second file type may hide inside (a polyglot),
// images are decoded and re-encoded (dropping anything appended or smuggled in metadata) after a check
// of the header that stops decompression bombs, and PDFs must open and carry no active content
// (scripts, launch actions, outside links, form submission, embedded files). Every refusal has a
// reason the citizen can act on, and nothing is stored.
//
// Images are decoded by libvips (sharp) on the libuv thread pool, never on the event loop: a request
// that sends a large image does not stall every other request. Before anything is decoded the header
// is read and both the pixel count and the decoded size (width × height × channels × bytes per
// channel) are bounded, so a 16-bit RGBA image cannot pass a pixel cap made for 8-bit photos.
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream } from 'pdf-lib';
import sharp, { type Metadata } from 'sharp';
import { inLanguages, msg } from '@/lib/i18n/problem';

export const MAX_IMAGE_PIXELS = 40_000_000;
/** A 40-megapixel 8-bit RGB photo decodes to 120 MB; nothing may decode to more. */
export const MAX_DECODED_IMAGE_BYTES = MAX_IMAGE_PIXELS * 3;
/** Images decoded at once in this process; more wait their turn, so memory stays bounded under a burst. */
export const MAX_CONCURRENT_IMAGE_DECODES = 2;
/** libvips gives up on one image after this long. */
const IMAGE_DECODE_TIMEOUT_SECONDS = 15;

// Decoded pixels are not cached between requests.
sharp.cache(false);

export type DocumentRules = { acceptedTypes: readonly DocumentMimeType[]; maxBytes: number };

export type InspectionError =
  | 'empty'
  | 'too_large'
  | 'unsupported_type'
  | 'type_not_allowed'
  | 'extension_mismatch'
  | 'polyglot'
  | 'too_many_pixels'
  | 'image_too_large'
  | 'corrupt_image'
  | 'unreadable_pdf'
  | 'pdf_active_content'
  | 'pdf_too_complex';

export type InspectedDocument = {
  ok: true;
  mimeType: DocumentMimeType;
  /** What is stored: the re-encoded image, or the PDF as uploaded. */
  bytes: Uint8Array;
  size: number;
  /** Pages of a PDF; an image is one page. */
  pages: number;
  sha256: string;
  safeFileName: string;
};

export type InspectionResult = InspectedDocument | { ok: false; error: InspectionError; message: string };

const TYPE_NAMES: Record<DocumentMimeType, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };
const EXTENSIONS: Record<DocumentMimeType, readonly string[]> = { 'application/pdf': ['pdf'], 'image/jpeg': ['jpg', 'jpeg'], 'image/png': ['png'] };

function refuse(error: InspectionError, rules: DocumentRules, detail = ''): InspectionResult {
  const types = rules.acceptedTypes.map((t) => TYPE_NAMES[t]);
  const mb = Math.round((rules.maxBytes / 1024 / 1024) * 10) / 10;
  const messages: Record<InspectionError, string> = {
    empty: msg('problems.uploads.empty'),
    too_large: msg('problems.uploads.tooLarge', { mb }),
    unsupported_type: msg('problems.uploads.unsupportedType'),
    type_not_allowed: msg('problems.uploads.typeNotAllowed', { types: inLanguages({ zh: types.join('、'), en: types.join(', ') }) }),
    extension_mismatch: msg('problems.uploads.extensionMismatch', { detail }),
    polyglot: msg('problems.uploads.polyglot'),
    too_many_pixels: msg('problems.uploads.tooManyPixels', { n: MAX_IMAGE_PIXELS / 1_000_000 }),
    image_too_large: msg('problems.uploads.imageTooLarge', { mb: MAX_DECODED_IMAGE_BYTES / 1_000_000 }),
    corrupt_image: msg('problems.uploads.corruptImage'),
    unreadable_pdf: msg('problems.uploads.unreadablePdf'),
    pdf_active_content: msg('problems.uploads.pdfActiveContent'),
    pdf_too_complex: msg('problems.uploads.pdfTooComplex', { max: MAX_PDF_PAGES }),
  };
  return { ok: false, error, message: messages[error] };
}

export async function inspectDocument(input: { fileName: string; bytes: Uint8Array }, rules: DocumentRules): Promise<InspectionResult> {
  const bytes = new Uint8Array(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  if (bytes.length === 0) return refuse('empty', rules);
  if (bytes.length > rules.maxBytes) return refuse('too_large', rules);
  const sniffed = checkDocumentUpload({ fileName: input.fileName, bytes });
  if (!sniffed.ok) return sniffed.error === 'too_large' ? refuse('too_large', rules) : refuse(sniffed.error === 'empty' ? 'empty' : 'unsupported_type', rules);
  const type = sniffed.mimeType;
  if (!rules.acceptedTypes.includes(type)) return refuse('type_not_allowed', rules);

  const extension = /\.([A-Za-z0-9]+)$/.exec(input.fileName.trim())?.[1]?.toLowerCase();
  if (!extension || !EXTENSIONS[type].includes(extension)) return refuse('extension_mismatch', rules, TYPE_NAMES[type]);

  if (hasForeignSignature(bytes, type)) return refuse('polyglot', rules);

  let stored: Uint8Array;
  let pages = 1;
  if (type === 'application/pdf') {
    const verdict = await checkPdf(bytes);
    if (typeof verdict === 'string') return refuse(verdict, rules);
    pages = verdict.pages;
    stored = bytes;
  } else {
    const reencoded = await reencodeImage(bytes, type);
    if (typeof reencoded === 'string') return refuse(reencoded, rules);
    stored = reencoded;
    if (stored.length > rules.maxBytes) return refuse('too_large', rules);
  }
  return {
    ok: true,
    mimeType: type,
    bytes: stored,
    size: stored.length,
    pages,
    sha256: createHash('sha256').update(stored).digest('hex'),
    safeFileName: makeSafeFileName(input.fileName, type),
  };
}

// ───── the type from the bytes, and a safe name ─────

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
  empty: msg('problems.uploads.empty'),
  too_large: msg('problems.uploads.tooLarge', { mb: MAX_DOCUMENT_BYTES / 1024 / 1024 }),
  unsupported_type: msg('problems.uploads.unsupportedType'),
};

const PDF_HEADER = bytesOf('%PDF-');
const PDF_EOF = bytesOf('%%EOF');
// Readers tolerate trailing bytes after %%EOF (Acrobat looks in the last 1024), so we do too.
const PDF_EOF_WINDOW = 1024;
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const SAFE_NAME_EXTENSIONS: Record<DocumentMimeType, ReadonlyArray<string>> = {
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

  const allowed = SAFE_NAME_EXTENSIONS[mimeType];
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

// ───── polyglots ─────

const SIGNATURES: { type: string; bytes: number[]; caseInsensitive?: boolean }[] = [
  { type: 'pdf', bytes: ascii('%PDF-') },
  { type: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { type: 'html', bytes: ascii('<html'), caseInsensitive: true },
  { type: 'html', bytes: ascii('<script'), caseInsensitive: true },
  { type: 'html', bytes: ascii('<!doctype'), caseInsensitive: true },
  { type: 'svg', bytes: ascii('<svg'), caseInsensitive: true },
  { type: 'elf', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { type: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/**
 * A signature of another format in the file makes it a polyglot. In an image only the parts a decoder
 * does not need to be random are searched — headers, metadata chunks and anything after the end
 * marker — since compressed pixel data can hold any four bytes by chance.
 */
export function hasForeignSignature(bytes: Uint8Array, type: DocumentMimeType): boolean {
  const own = type === 'application/pdf' ? 'pdf' : type === 'image/png' ? 'png' : 'jpeg';
  const regions = type === 'image/png' ? pngStructuralRegions(bytes) : type === 'image/jpeg' ? jpegStructuralRegions(bytes) : [bytes];
  // Native searches: a byte loop in JavaScript took seconds on a 10 MB file, on the event loop.
  return regions.some((region, index) => {
    const buffer = Buffer.from(region.buffer, region.byteOffset, region.byteLength);
    let lowered: string | undefined; // made once per region, only if a case-insensitive signature is looked for
    return SIGNATURES.some((sig) => {
      const from = sig.type === own && index === 0 ? 1 : 0;
      if (!sig.caseInsensitive) return buffer.indexOf(Buffer.from(sig.bytes), from) >= 0;
      lowered ??= buffer.toString('latin1').replace(/[A-Z]+/g, (m) => m.toLowerCase());
      return lowered.indexOf(String.fromCharCode(...sig.bytes), from) >= 0;
    });
  });
}

/** PNG: every chunk but the compressed IDAT, and whatever follows IEND. */
function pngStructuralRegions(bytes: Uint8Array): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const regions: Uint8Array[] = [bytes.subarray(0, 8)];
  let i = 8;
  while (i + 8 <= bytes.length) {
    const length = view.getUint32(i);
    const name = String.fromCharCode(...bytes.subarray(i + 4, i + 8));
    const end = Math.min(bytes.length, i + 12 + length);
    if (name !== 'IDAT') regions.push(bytes.subarray(i, end));
    i = end;
    if (name === 'IEND') break;
  }
  if (i < bytes.length) regions.push(bytes.subarray(i));
  return regions;
}

/** JPEG: the segments before the scan data, and whatever follows the end-of-image marker. */
function jpegStructuralRegions(bytes: Uint8Array): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let i = 2;
  while (i + 4 <= bytes.length && bytes[i] === 0xff) {
    const marker = bytes[i + 1]!;
    if (marker === 0xda || marker === 0xd9) break; // start of scan, or end of image
    i += 2 + view.getUint16(i + 2);
  }
  const head = bytes.subarray(0, Math.min(i, bytes.length));
  let eoi = -1;
  // Entropy-coded data never holds FF D9 (an FF there is followed by 00 or a restart marker): the first one ends the image.
  for (let j = i; j < bytes.length - 1; j++) {
    if (bytes[j] === 0xff && bytes[j + 1] === 0xd9) {
      eoi = j;
      break;
    }
  }
  return eoi >= 0 ? [head, bytes.subarray(eoi + 2)] : [head];
}

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

// ───── images ─────

/** Width and height from the header alone, before any decoding allocates pixels. */
export function imageSize(bytes: Uint8Array, type: 'image/png' | 'image/jpeg' | DocumentMimeType): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === 'image/png') {
    // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4).
    if (bytes.length < 24 || String.fromCharCode(...bytes.slice(12, 16)) !== 'IHDR') return null;
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    const length = view.getUint16(i + 2);
    // Start-of-frame markers (baseline, progressive, …) carry the frame size; C4, C8 and CC do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
    }
    i += 2 + length;
  }
  return null;
}

type ImageVerdict = Uint8Array | 'too_many_pixels' | 'image_too_large' | 'corrupt_image';

/**
 * Reads the header (sharp's metadata reads no pixel data), bounds pixels and decoded bytes, then
 * decodes and re-encodes in libvips' threads with its own pixel limit as a second guard. Metadata is
 * not copied to the output (sharp drops EXIF, XMP, ICC comments and text chunks unless asked).
 */
async function reencodeImage(bytes: Uint8Array, type: 'image/png' | 'image/jpeg' | DocumentMimeType): Promise<ImageVerdict> {
  const size = imageSize(bytes, type);
  if (!size) return 'corrupt_image';
  if (size.width * size.height > MAX_IMAGE_PIXELS) return 'too_many_pixels';
  return withDecodeSlot(async () => {
    const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const options = { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'warning', sequentialRead: true } as const;
    let header: Metadata;
    try {
      header = await sharp(input, options).metadata();
    } catch {
      return 'corrupt_image';
    }
    const expected = type === 'image/png' ? 'png' : 'jpeg';
    if (header.format !== expected || !header.width || !header.height || !header.channels) return 'corrupt_image';
    if (header.width * header.height > MAX_IMAGE_PIXELS) return 'too_many_pixels';
    if (decodedBytes(header) > MAX_DECODED_IMAGE_BYTES) return 'image_too_large';
    try {
      const pipeline = sharp(input, options).timeout({ seconds: IMAGE_DECODE_TIMEOUT_SECONDS });
      const out = type === 'image/png' ? pipeline.png() : pipeline.jpeg({ quality: 90 });
      return new Uint8Array(await out.toBuffer());
    } catch {
      return 'corrupt_image';
    }
  });
}

/** Bytes the decoded image takes (libvips reports a palette PNG as the RGB(A) it decodes to; 16-bit samples take two bytes). */
export function decodedBytes(header: Pick<Metadata, 'width' | 'height' | 'channels' | 'depth'>): number {
  const bytesPerSample = header.depth === 'uchar' || header.depth === 'char' ? 1 : header.depth === 'ushort' || header.depth === 'short' ? 2 : 4;
  return header.width * header.height * header.channels * bytesPerSample;
}

let decodesRunning = 0;
const decodeQueue: (() => void)[] = [];

/** At most MAX_CONCURRENT_IMAGE_DECODES at once; a finished decode hands its slot to the next in line. */
async function withDecodeSlot<T>(work: () => Promise<T>): Promise<T> {
  if (decodesRunning < MAX_CONCURRENT_IMAGE_DECODES) decodesRunning += 1;
  else await new Promise<void>((resolve) => decodeQueue.push(resolve));
  try {
    return await work();
  } finally {
    const next = decodeQueue.shift();
    if (next) next();
    else decodesRunning -= 1;
  }
}

// ───── PDFs ─────

/** Beyond these a PDF is refused as too complex to check: real certificates and contracts are far smaller. */
export const MAX_PDF_PAGES = 300;
export const MAX_PDF_OBJECTS = 50_000;
/** An object stream may not inflate to more than this, nor all of them to more than twice this (a compressed stream can hide a decompression bomb). */
export const MAX_PDF_OBJECT_STREAM_BYTES = 16 * 1024 * 1024;
const MAX_PDF_NESTING = 64;
/** Bytes outside objects, cross-reference tables and trailers that are tolerated (some writers leave a little). */
const MAX_PDF_JIBBERISH_BYTES = 4096;

/**
 * Keys and names that make a PDF do something when opened or clicked: run script, launch a program,
 * open or send to another place, carry files or rich media, or hold an XFA form. A link to a page of
 * the same document (/GoTo) and an /OpenAction that only names the first view are allowed.
 */
const ACTIVE_NAMES = new Set([
  'JavaScript',
  'JS',
  'Launch',
  'AA',
  'URI',
  'SubmitForm',
  'GoToR',
  'GoToE',
  'ImportData',
  'XFA',
  'RichMedia',
  'RichMediaExecute',
  'EmbeddedFile',
  'EmbeddedFiles',
]);

type PdfVerdict = { pages: number } | 'unreadable_pdf' | 'pdf_active_content' | 'pdf_too_complex';

/**
 * Looks for active content three ways: names written in the file outside stream data (with #xx escapes
 * decoded), names inside compressed object streams (inflated here, with a bound), and the whole object
 * graph as pdf-lib parses it — every indirect object, object streams included, and every dictionary and
 * array nested in it. A PDF pdf-lib cannot open, or that is encrypted, is refused, as is one over the bounds.
 */
async function checkPdf(bytes: Uint8Array): Promise<PdfVerdict> {
  // pdf-lib skips jibberish between objects a byte at a time without yielding (about 15 µs a byte:
  // 10 MB of it would hold the event loop for minutes), so a file that is not made of objects is refused first.
  if (countJibberish(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')) > MAX_PDF_JIBBERISH_BYTES) return 'unreadable_pdf';
  const raw = scanRawPdf(bytes);
  if (raw) return raw;
  let doc: PDFDocument;
  try {
    // parseSpeed (objects per tick): the parse yields to the event loop as it goes instead of holding it for a large file.
    doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Medium });
  } catch {
    return 'unreadable_pdf'; // damaged, or encrypted (pdf-lib refuses to open an encrypted file)
  }
  if (doc.isEncrypted) return 'unreadable_pdf';
  const objects = doc.context.enumerateIndirectObjects();
  if (objects.length > MAX_PDF_OBJECTS) return 'pdf_too_complex';
  for (const [, object] of objects) {
    const verdict = findActiveContent(doc, object, 0);
    if (verdict) return verdict;
  }
  let pages: number;
  try {
    pages = doc.getPageCount();
  } catch {
    return 'unreadable_pdf'; // a page tree that loops or is broken
  }
  if (pages < 1) return 'unreadable_pdf';
  if (pages > MAX_PDF_PAGES) return 'pdf_too_complex';
  return { pages };
}

function findActiveContent(doc: PDFDocument, value: unknown, depth: number): 'pdf_active_content' | 'pdf_too_complex' | null {
  if (depth > MAX_PDF_NESTING) return 'pdf_too_complex';
  if (value instanceof PDFName) return ACTIVE_NAMES.has(value.decodeText()) ? 'pdf_active_content' : null;
  if (value instanceof PDFArray) {
    for (let i = 0; i < value.size(); i++) {
      const found = findActiveContent(doc, value.get(i), depth + 1);
      if (found) return found;
    }
    return null;
  }
  const dict = value instanceof PDFDict ? value : value instanceof PDFStream || value instanceof PDFRawStream ? value.dict : null;
  if (!dict) return null; // strings, numbers, references (each referenced object is walked on its own)
  for (const [key, entry] of dict.entries()) {
    const name = key.decodeText();
    if (ACTIVE_NAMES.has(name)) return 'pdf_active_content';
    if (name === 'OpenAction' && isAction(doc, entry)) return 'pdf_active_content';
    const found = findActiveContent(doc, entry, depth + 1);
    if (found) return found;
  }
  return null;
}

/** An /OpenAction is either a destination (an array: which page, how zoomed) or an action dictionary; only a /GoTo action is harmless. */
function isAction(doc: PDFDocument, entry: unknown): boolean {
  const target = entry instanceof PDFRef ? doc.context.lookup(entry) : entry;
  if (target instanceof PDFArray || target === undefined) return false;
  if (!(target instanceof PDFDict)) return true;
  const type = target.get(PDFName.of('S'));
  return !(type instanceof PDFName && type.decodeText() === 'GoTo');
}

/** The names of the file outside stream data, then those inside every Flate-compressed object stream. */
function scanRawPdf(bytes: Uint8Array): 'pdf_active_content' | 'pdf_too_complex' | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let outsideStreams = '';
  let at = 0;
  let inflatedTotal = 0;
  for (const stream of findStreams(text)) {
    outsideStreams += text.slice(at, stream.dataStart);
    at = stream.dataEnd;
    if (!/\/Type\s*\/ObjStm\b/.test(stream.dict)) continue;
    const data = text.slice(stream.dataStart, stream.dataEnd);
    const filter = /\/Filter\s*(?:\[([^\]]*)\]|(\/[^\s/<>[\]()]+))/.exec(stream.dict);
    const filters = filter ? ((filter[1] ?? filter[2] ?? '').match(/\/[^\s/<>[\]()]+/g) ?? []) : [];
    if (filters.length === 0) {
      if (hasActiveName(data)) return 'pdf_active_content';
      continue;
    }
    // pdf-lib would decode any other chain without a bound (two Flate passes make a bomb of a few KB).
    if (filters.length !== 1 || filters[0] !== '/FlateDecode') return 'pdf_too_complex';
    let inflated: Buffer;
    try {
      inflated = inflateSync(Buffer.from(data, 'latin1'), { maxOutputLength: MAX_PDF_OBJECT_STREAM_BYTES });
      inflatedTotal += inflated.length;
      if (inflatedTotal > MAX_PDF_OBJECT_STREAM_BYTES * 2) return 'pdf_too_complex';
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return 'pdf_too_complex';
      continue; // not inflatable here: pdf-lib decides whether the file opens at all
    }
    // With a predictor (/DecodeParms) the inflated bytes are not yet the objects: the parser's walk reads those.
    if (!/\/DecodeParms/.test(stream.dict) && hasActiveName(inflated.toString('latin1'))) return 'pdf_active_content';
  }
  outsideStreams += text.slice(at);
  return hasActiveName(outsideStreams) ? 'pdf_active_content' : null;
}

/** Each `stream … endstream` body and the dictionary written before it. Binary data is skipped, not read as names. */
function findStreams(text: string): { dict: string; dataStart: number; dataEnd: number }[] {
  const streams: { dict: string; dataStart: number; dataEnd: number }[] = [];
  const keyword = /stream\r?\n/g;
  let previousEnd = 0;
  let match: RegExpExecArray | null;
  while ((match = keyword.exec(text))) {
    if (match.index > 0 && text[match.index - 1] === 'd') continue; // "endstream"
    const dataStart = match.index + match[0].length;
    const end = text.indexOf('endstream', dataStart);
    const dataEnd = end < 0 ? text.length : end;
    // The dictionary is looked for only since the previous stream ended (and at most 4 KB back), so the scan stays linear.
    const before = text.slice(Math.max(previousEnd, match.index - 4096), match.index);
    const dict = before.slice(Math.max(0, before.lastIndexOf(' obj')));
    streams.push({ dict, dataStart, dataEnd: dataEnd > dataStart && text[dataEnd - 1] === '\n' ? dataEnd - 1 : dataEnd });
    keyword.lastIndex = dataEnd;
    previousEnd = dataEnd;
  }
  return streams;
}

/** Names as written, with #xx escapes decoded (/J#61vaScript is /JavaScript). */
function hasActiveName(text: string): boolean {
  for (const match of text.matchAll(/\/([^\s/<>[\]()%{}]+)/g)) {
    const name = match[1]!.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (ACTIVE_NAMES.has(name)) return true;
  }
  return false;
}

/**
 * Bytes at the top level of the file that are none of: whitespace, comments, `N G obj … endobj` (stream
 * data skipped to `endstream`), an `xref` table, a `trailer`, `startxref` and its offset. One linear pass.
 */
function countJibberish(text: string): number {
  const objectHeader = /\d+\s+\d+\s+obj\b/y;
  const insideObject = /endobj|stream\r?\n/g;
  let jibberish = 0;
  let at = text.indexOf('\n') + 1; // after the %PDF- header line
  while (at > 0 && at < text.length) {
    const c = text.charCodeAt(at);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00) {
      at += 1;
    } else if (c === 0x25) {
      const eol = text.slice(at, at + 65536).search(/[\r\n]/);
      at = eol < 0 ? at + 65536 : at + eol; // a comment (or %%EOF) to the end of its line
    } else if (((objectHeader.lastIndex = at), objectHeader.test(text))) {
      insideObject.lastIndex = objectHeader.lastIndex;
      let end = -1;
      for (let m = insideObject.exec(text); m; m = insideObject.exec(text)) {
        if (m[0] === 'endobj') {
          end = insideObject.lastIndex;
          break;
        }
        const endStream = text.indexOf('endstream', insideObject.lastIndex);
        if (endStream < 0) break;
        insideObject.lastIndex = endStream + 'endstream'.length;
      }
      if (end < 0) return jibberish + (text.length - at); // an object that never ends
      at = end;
    } else if (text.startsWith('xref', at) || text.startsWith('trailer', at)) {
      const next = text.indexOf('startxref', at);
      if (next < 0) return jibberish + (text.length - at);
      at = next;
    } else if (text.startsWith('startxref', at)) {
      at += 'startxref'.length;
      while (at < text.length && /[\s\d]/.test(text[at]!)) at += 1;
    } else {
      jibberish += 1;
      at += 1;
      if (jibberish > MAX_PDF_JIBBERISH_BYTES) return jibberish;
    }
  }
  return jibberish;
}
