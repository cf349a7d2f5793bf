// Turns what tesseract read into the two wire shapes of Computer Vision: the sync
// OCR's regions/lines/words with "x,y,w,h" boxes, and Read's lines with
// eight-number quadrilaterals. Words tesseract is unsure of are dropped first.
import type { Box, RecognizedBlock, RecognizedLine, RecognizedPage, RecognizedWord } from './tesseract.ts';

/** Words below this confidence (0..1) are mostly noise on photographs and textures. */
export const MIN_WORD_CONFIDENCE = 0.5;

function isReadable(w: RecognizedWord): boolean {
  return w.confidence >= MIN_WORD_CONFIDENCE && w.text.trim().length > 0;
}

function boundsOf(boxes: Box[]): Box {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)), y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)), y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

/** Blocks with only readable words, lines and blocks shrunk to them, empty ones removed. */
export function readableBlocks(page: RecognizedPage): RecognizedBlock[] {
  return page.blocks
    .map((b) => b.lines
      .map((l) => l.words.filter(isReadable).map((w) => ({ ...w, text: w.text.trim() })))
      .filter((words) => words.length > 0)
      .map((words): RecognizedLine => ({ words, box: boundsOf(words.map((w) => w.box)) })))
    .filter((lines) => lines.length > 0)
    .map((lines) => ({ lines, box: boundsOf(lines.map((l) => l.box)) }));
}

export function readableWords(page: RecognizedPage): RecognizedWord[] {
  return readableBlocks(page).flatMap((b) => b.lines.flatMap((l) => l.words));
}

// --- sync OCR (OcrResult) ---

export interface OcrWord { boundingBox: string; text: string }
export interface OcrLine { boundingBox: string; words: OcrWord[] }
export interface OcrRegion { boundingBox: string; lines: OcrLine[] }

function xywh(b: Box): string {
  return `${b.x0},${b.y0},${b.x1 - b.x0},${b.y1 - b.y0}`;
}

export function ocrRegions(blocks: RecognizedBlock[]): OcrRegion[] {
  return blocks.map((b) => ({
    boundingBox: xywh(b.box),
    lines: b.lines.map((l) => ({ boundingBox: xywh(l.box), words: l.words.map((w) => ({ boundingBox: xywh(w.box), text: w.text })) })),
  }));
}

// --- Read (analyzeResult.readResults[].lines) ---

export interface ReadWord { boundingBox: number[]; text: string; confidence: number }
export interface ReadLine { boundingBox: number[]; text: string; words: ReadWord[] }

export type PointMap = (x: number, y: number) => [number, number];

/** The text's own top-left, top-right, bottom-right and bottom-left corners, as Read reports quadrilaterals. */
function quad(b: Box, map: PointMap): number[] {
  return [map(b.x0, b.y0), map(b.x1, b.y0), map(b.x1, b.y1), map(b.x0, b.y1)].flat();
}

/** `map` takes a point of the page as read to the page as given (they differ when it was turned). */
export function readLines(blocks: RecognizedBlock[], map: PointMap = (x, y) => [x, y]): ReadLine[] {
  return blocks.flatMap((b) => b.lines).map((l) => ({
    boundingBox: quad(l.box, map),
    text: l.words.map((w) => w.text).join(' '),
    words: l.words.map((w) => ({ boundingBox: quad(w.box, map), text: w.text, confidence: Math.round(w.confidence * 1000) / 1000 })),
  }));
}
