import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A one-page PDF with a line of text: what a citizen or a clerk uploads as a scanned document. */
export async function pdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText(text, { x: 60, y: 760, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save());
}
