// Reads the printed text of one page of an image, optionally finding its
// orientation first: tesseract's own deskew handles small angles, and when most of
// what it read is unsure the page is tried at 90°, 180° and 270° and the reading
// with the most confident words wins (no OSD model ships with the eng data).
import sharp from 'sharp';
import type { ImageMetadata } from '../types.ts';
import { openPixels } from '../image/intake.ts';
import { VisionError } from '../vision-error.ts';
import type { RecognizedBlock, TextRecognizer } from '../text/tesseract.ts';
import { MIN_WORD_CONFIDENCE, readableBlocks } from '../text/text-layout.ts';

export type TextOrientation = 'Up' | 'Down' | 'Left' | 'Right' | 'NotDetected';

export interface TextReading {
  blocks: RecognizedBlock[];
  /** Size of the page as read (sides swap when it was turned by 90° or 270°). */
  width: number;
  height: number;
  orientation: TextOrientation;
  /** Clockwise turn (degrees) applied before reading; boxes are in the turned page. */
  turn: 0 | 90 | 180 | 270;
  /** Skew of the text in radians; undefined when orientation was not asked for. */
  angleRadians?: number;
}

/** Clockwise turn that makes the text upright → which way the text's top faced. */
const ORIENTATION_BY_TURN: Record<number, TextOrientation> = { 0: 'Up', 90: 'Left', 180: 'Down', 270: 'Right' };

/** Whether tesseract is given the bytes as they came (it decodes JPEG and PNG itself). */
const readsRaw = (metadata: ImageMetadata, page: number, turn: number) => turn === 0 && page === 0 && (metadata.format === 'Jpeg' || metadata.format === 'Png');

async function pageImage(bytes: Buffer, metadata: ImageMetadata, page: number, turn: number, throughSharp = false): Promise<Buffer> {
  // Everything else, turned pages, and files tesseract could not decode go through sharp.
  if (!throughSharp && readsRaw(metadata, page, turn)) return bytes;
  try {
    return await openPixels(bytes, metadata.format, page).rotate(turn).png({ compressionLevel: 1 }).toBuffer();
  } catch (e) {
    if (e instanceof VisionError) throw e;
    throw new VisionError('InvalidImageFormat', `Input data is not a valid image: page ${page + 1} cannot be decoded (${(e as Error).message}).`);
  }
}

function score(blocks: RecognizedBlock[]): number {
  return blocks.flatMap((b) => b.lines.flatMap((l) => l.words)).reduce((s, w) => s + w.confidence * w.text.length, 0);
}

/**
 * Whether most of the text runs up or down the page: tesseract reads such lines
 * (with fair confidence) without saying that the page was on its side.
 */
export function runsSideways(blocks: RecognizedBlock[]): boolean {
  let vertical = 0, total = 0;
  for (const line of blocks.flatMap((b) => b.lines)) {
    const chars = line.words.reduce((n, w) => n + w.text.length, 0);
    if (chars < 4) continue;
    total += chars;
    if (line.box.y1 - line.box.y0 > 1.5 * (line.box.x1 - line.box.x0)) vertical += chars;
  }
  return total > 0 && vertical / total > 0.5;
}

/** A sideways reading counts for half: an upright reading of the same words is the better one. */
function uprightScore(blocks: RecognizedBlock[]): number {
  return score(blocks) * (runsSideways(blocks) ? 0.5 : 1);
}

export async function readText(
  recognizer: TextRecognizer,
  bytes: Buffer,
  metadata: ImageMetadata,
  options: { detectOrientation: boolean; page?: number },
): Promise<TextReading> {
  const page = options.page ?? 0;
  const size = page === 0 ? metadata : await sharp(bytes, { page }).metadata().then((m) => ({ width: m.width ?? 0, height: m.height ?? 0 }));
  const deskew = { deskew: options.detectOrientation };
  const first = await recognizer.recognize(await pageImage(bytes, metadata, page, 0), deskew).catch(async (e) => {
    // tesseract's own decoder fails on a damaged file without saying why; sharp's
    // decodes what can be read, or names the damage (a 400, not a 500).
    if (!readsRaw(metadata, page, 0)) throw e;
    return recognizer.recognize(await pageImage(bytes, metadata, page, 0, true), deskew);
  });
  let best: { turn: 0 | 90 | 180 | 270; blocks: RecognizedBlock[]; skew: number } = { turn: 0, blocks: readableBlocks(first), skew: first.skewRadians };
  if (options.detectOrientation) {
    const raw = first.blocks.flatMap((b) => b.lines.flatMap((l) => l.words));
    const unsure = raw.filter((w) => w.confidence < MIN_WORD_CONFIDENCE).length;
    const mostlyUnsure = raw.length >= 3 && unsure / raw.length > 0.5;
    const sideways = runsSideways(best.blocks);
    if (mostlyUnsure || sideways) {
      for (const turn of sideways && !mostlyUnsure ? ([90, 270] as const) : ([90, 180, 270] as const)) {
        const turned = await recognizer.recognize(await pageImage(bytes, metadata, page, turn), { deskew: true });
        const blocks = readableBlocks(turned);
        if (uprightScore(blocks) > uprightScore(best.blocks)) best = { turn, blocks, skew: turned.skewRadians };
      }
    }
  }
  const sideways = best.turn === 90 || best.turn === 270;
  return {
    blocks: best.blocks,
    width: sideways ? size.height : size.width,
    height: sideways ? size.width : size.height,
    orientation: options.detectOrientation ? ORIENTATION_BY_TURN[best.turn] : 'NotDetected',
    turn: best.turn,
    angleRadians: options.detectOrientation ? best.skew : undefined,
  };
}

/** Maps a point of the turned page back onto the page as it was given. */
export function unturn(turn: TextReading['turn'], turnedWidth: number, turnedHeight: number): (x: number, y: number) => [number, number] {
  switch (turn) {
    case 0: return (x, y) => [x, y];
    case 90: return (x, y) => [y, turnedWidth - x];
    case 180: return (x, y) => [turnedWidth - x, turnedHeight - y];
    case 270: return (x, y) => [turnedHeight - y, x];
  }
}
