// Reads the pages of a PDF for Read: a page's own text when it has some (exact
// words and positions, confidence 1), otherwise OCR of the page rendered at
// `dpi` (a scanned page), with its orientation found as for images.
import { checkPageSize, openPdf, pageSizeInches, pageTextLines, renderPage } from '../document/pdf.ts';
import type { PdfPageReading } from '../pool/messages.ts';
import type { TextRecognizer } from '../text/tesseract.ts';
import { readText } from './text-reading.ts';

/** `pages` are 1-based page numbers that exist in the document. */
export async function readPdfPages(recognizer: TextRecognizer, bytes: Uint8Array, pages: number[], dpi: number): Promise<PdfPageReading[]> {
  const doc = await openPdf(bytes);
  try {
    const readings: PdfPageReading[] = [];
    for (const n of pages) {
      const page = await doc.getPage(n);
      const size = pageSizeInches(page);
      checkPageSize(n, size);
      const lines = await pageTextLines(page);
      if (lines.length > 0) {
        readings.push({ kind: 'text', size, lines });
      } else {
        const { png, width, height } = await renderPage(page, dpi);
        const reading = await readText(recognizer, png, { width, height, format: 'Png' }, { detectOrientation: true });
        readings.push({ kind: 'scan', size, dpi, reading });
      }
      page.cleanup();
    }
    return readings;
  } finally {
    await doc.destroy();
  }
}
