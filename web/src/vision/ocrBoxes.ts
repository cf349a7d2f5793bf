// OCR v3.2 answers boxes as "x,y,width,height" strings in image pixels; the
// page draws them over the image in the image's own coordinates.
export type OcrResult = {
  language?: string;
  orientation?: string;
  textAngle?: number;
  regions: { boundingBox: string; lines: { boundingBox: string; words: { boundingBox: string; text: string }[] }[] }[];
};

export type Box = { x: number; y: number; width: number; height: number; text: string };

export function parseBox(value: string): Omit<Box, 'text'> | undefined {
  const parts = value.split(',').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return undefined;
  const [x, y, width, height] = parts;
  return { x, y, width, height };
}

/** One box per OCR line, with the line's words joined as its text. */
export function lineBoxes(result: OcrResult): Box[] {
  return (result.regions ?? []).flatMap((region) => region.lines.flatMap((line) => {
    const box = parseBox(line.boundingBox);
    return box ? [{ ...box, text: line.words.map((w) => w.text).join(' ') }] : [];
  }));
}

/** The full text, one line per OCR line. */
export function ocrText(result: OcrResult): string {
  return lineBoxes(result).map((b) => b.text).join('\n');
}
