// PDF documents for Read: the page count and sizes (for intake), the text a
// page carries in its content stream (a PDF made by software: read exactly,
// no OCR), and a rendering of a page that carries none (a scan), for OCR.
// pdfjs runs fully offline here: its standard fonts come from the package.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { VisionError } from '../vision-error.ts';
import type { ReadLine, ReadWord } from '../text/text-layout.ts';

const STANDARD_FONTS = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;
const POINTS_PER_INCH = 72;
/** Azure's Read limits on a PDF: 2,000 pages of at most 17 × 17 inches. */
export const MAX_PDF_PAGES = 2_000;
export const MAX_PDF_PAGE_INCHES = 17;

/** A PDF accepted for Read: its bytes and number of pages. */
export interface AcceptedPdf {
  kind: 'pdf';
  bytes: Buffer;
  pages: number;
}

export interface PdfPageSize { width: number; height: number }

function notValid(why: string): VisionError {
  return new VisionError('InvalidImageFormat', `Input data is not a valid PDF document: ${why}.`);
}

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  try {
    // pdfjs takes ownership of the buffer it is given: hand it a copy.
    return await getDocument({
      data: new Uint8Array(bytes), standardFontDataUrl: STANDARD_FONTS, isEvalSupported: false, useSystemFonts: false,
      verbosity: 0, stopAtErrors: false,
    }).promise;
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'PasswordException') throw notValid('it is protected by a password');
    throw notValid((e as Error).message.replace(/\.$/, ''));
  }
}

/**
 * Opens an empty document so that pdf.js loads its worker code (a second or
 * more on a busy machine) when the service starts, not in the first PDF's request.
 */
export async function warmUpPdf(): Promise<void> {
  await openPdf(Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1')).then((doc) => doc.destroy(), () => undefined);
}

/** Checks that the bytes are a PDF that can be opened, and counts its pages (page sizes are checked as each is read). */
export async function acceptPdf(bytes: Buffer, maxBytes: number): Promise<AcceptedPdf> {
  if (bytes.length > maxBytes) {
    throw new VisionError('InvalidImageSize', `Input document is too large: ${bytes.length} bytes; the limit is ${maxBytes} bytes (${maxBytes / 1024 / 1024} MB).`);
  }
  const doc = await openPdf(bytes);
  const pages = doc.numPages;
  await doc.destroy();
  if (pages < 1) throw notValid('it has no pages');
  if (pages > MAX_PDF_PAGES) throw new VisionError('InvalidImageSize', `The PDF has ${pages} pages; Read takes at most ${MAX_PDF_PAGES}.`);
  return { kind: 'pdf', bytes, pages };
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/** Page size in inches, as Read reports a PDF page. */
export function pageSizeInches(page: PDFPageProxy): PdfPageSize {
  const { width, height } = page.getViewport({ scale: 1 });
  return { width: round(width / POINTS_PER_INCH), height: round(height / POINTS_PER_INCH) };
}

/** Refuses a page larger than Read takes. */
export function checkPageSize(pageNumber: number, size: PdfPageSize): void {
  if (size.width > MAX_PDF_PAGE_INCHES || size.height > MAX_PDF_PAGE_INCHES) {
    throw new VisionError('InvalidImageSize', `Page ${pageNumber} of the PDF is ${size.width} × ${size.height} inches; pages may be at most ${MAX_PDF_PAGE_INCHES} × ${MAX_PDF_PAGE_INCHES} inches.`);
  }
}

interface Run { text: string; x0: number; x1: number; top: number; bottom: number; baseline: number }

/** The text runs of a page in inches from the top-left, upright text only. */
function runsOf(items: TextItem[], pageHeightPt: number): Run[] {
  return items
    .filter((i) => i.str.trim() !== '' && i.width > 0)
    .map((i) => {
      const [, , , d, e, f] = i.transform;
      const fontHeight = Math.abs(d) || i.height;
      // The baseline is at f (from the bottom); ascent about 0.8 and descent 0.2 of the font size.
      return {
        text: i.str, x0: e / POINTS_PER_INCH, x1: (e + i.width) / POINTS_PER_INCH,
        top: (pageHeightPt - f - fontHeight * 0.8) / POINTS_PER_INCH,
        bottom: (pageHeightPt - f + fontHeight * 0.2) / POINTS_PER_INCH,
        baseline: (pageHeightPt - f) / POINTS_PER_INCH,
      };
    });
}

const quad = (x0: number, y0: number, x1: number, y1: number) => [x0, y0, x1, y0, x1, y1, x0, y1].map(round);

/** Splits a run into words, each given a share of the run's width by its number of characters. */
function wordsOf(run: Run): ReadWord[] {
  const perChar = (run.x1 - run.x0) / run.text.length;
  const words: ReadWord[] = [];
  for (const m of run.text.matchAll(/\S+/g)) {
    const x0 = run.x0 + m.index! * perChar;
    words.push({ boundingBox: quad(x0, run.top, x0 + m[0].length * perChar, run.bottom), text: m[0], confidence: 1 });
  }
  return words;
}

/**
 * Lines of the text a page carries: runs on one baseline (within a third of
 * their height), left to right, and lines top to bottom. Empty when the page
 * has no text of its own (a scanned page).
 */
export function textLines(items: TextItem[], pageHeightPt: number): ReadLine[] {
  const runs = runsOf(items, pageHeightPt).sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0);
  const lines: Run[][] = [];
  for (const run of runs) {
    const line = lines.find((l) => Math.abs(l[0].baseline - run.baseline) < (run.bottom - run.top) / 3);
    if (line) line.push(run);
    else lines.push([run]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x0 - b.x0);
    const words = line.flatMap(wordsOf);
    const top = Math.min(...line.map((r) => r.top));
    const bottom = Math.max(...line.map((r) => r.bottom));
    return { boundingBox: quad(line[0].x0, top, Math.max(...line.map((r) => r.x1)), bottom), text: words.map((w) => w.text).join(' '), words };
  });
}

export async function pageTextLines(page: PDFPageProxy): Promise<ReadLine[]> {
  const content = await page.getTextContent();
  const { height } = page.getViewport({ scale: 1 });
  return textLines(content.items.filter((i): i is TextItem => 'str' in i), height);
}

/** Renders a page on white at `dpi` dots per inch, as PNG, for OCR. */
export async function renderPage(page: PDFPageProxy, dpi: number): Promise<{ png: Buffer; width: number; height: number }> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const viewport = page.getViewport({ scale: dpi / POINTS_PER_INCH });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  await page.render({ canvasContext: context as unknown as CanvasRenderingContext2D, viewport, canvas: canvas as unknown as HTMLCanvasElement }).promise;
  return { png: canvas.toBuffer('image/png'), width, height };
}
