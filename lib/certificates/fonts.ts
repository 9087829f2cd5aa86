// The CJK font for certificate PDFs, and a fix that makes pdf-lib's font subsetting usable with it.
import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type FontkitFont = ReturnType<Fontkit['create']>;
type FontkitSubset = ReturnType<FontkitFont['createSubset']>;
// Private members of @pdf-lib/fontkit's TTFSubset that the fix below relies on.
type TtfSubsetInternals = { _addGlyph?: (gid: number) => number; loca?: { version?: number } };

// Resolved from the working directory at call time: inside the Next.js server bundle, require.resolve
// and import.meta.url point into .next/, not at node_modules.
const NOTO_SANS_SC_PATH = ['node_modules', '@expo-google-fonts', 'noto-sans-sc', '400Regular', 'NotoSansSC_400Regular.ttf'];
// A fixed subset tag (instead of pdf-lib's random one) keeps certificate bytes reproducible.
export const NOTO_SANS_SC_SUBSET_NAME = 'EIDCRT+NotoSansSC-Regular';

let fontBytesPromise: Promise<Uint8Array> | undefined;

// The font file is ~10 MB: read it once per process and share the bytes between renders.
export function loadNotoSansScBytes(): Promise<Uint8Array> {
  fontBytesPromise ??= readFile(path.join(/*turbopackIgnore: true*/ process.cwd(), ...NOTO_SANS_SC_PATH)).then(
    (buffer) => new Uint8Array(buffer),
    (error: unknown) => {
      fontBytesPromise = undefined; // let a later call retry
      throw error;
    },
  );
  return fontBytesPromise;
}

/**
 * @pdf-lib/fontkit 1.1.1 (an unmaintained fork of fontkit 1.7) writes TrueType subsets with a *short*
 * `loca` table but does not pad odd-length glyph records, so every glyph after the first odd one points
 * one byte off: pdftotext still finds the text, but many characters print blank. Upstream fontkit fixed
 * this in 1.8 (foliojs/fontkit#191). We get the same effect by forcing the long `loca` format, which the
 * subsetter respects when `loca.version` is already set.
 */
function fixTrueTypeSubset(subset: FontkitSubset): FontkitSubset {
  const internals = subset as unknown as TtfSubsetInternals;
  const addGlyph = internals._addGlyph;
  // CFF subsets (and a future fixed fontkit) have no _addGlyph: leave them alone.
  if (typeof addGlyph !== 'function') return subset;
  internals._addGlyph = function addGlyphWithLongLoca(this: TtfSubsetInternals, gid: number): number {
    if (this.loca && this.loca.version === undefined) this.loca.version = 1;
    return addGlyph.call(this, gid);
  };
  return subset;
}

export const subsetSafeFontkit: Fontkit = {
  create(buffer, postscriptName) {
    const font = fontkit.create(buffer, postscriptName);
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => fixTrueTypeSubset(createSubset());
    return font;
  },
};

/** Embeds Noto Sans SC (Chinese and Latin), subset to the glyphs actually drawn unless told otherwise. */
export async function embedNotoSansSc(doc: PDFDocument, options: { subset?: boolean } = {}): Promise<PDFFont> {
  const subset = options.subset ?? true;
  doc.registerFontkit(subsetSafeFontkit);
  return doc.embedFont(await loadNotoSansScBytes(), {
    subset,
    customName: subset ? NOTO_SANS_SC_SUBSET_NAME : 'NotoSansSC-Regular',
  });
}
