// Printed pages with known words for the OCR benchmark: several fonts, sizes and
// backgrounds, rendered from SVG with sharp (one JPEG-compressed on grey paper).
import sharp from 'sharp';
import { textImage } from '../../test/vision/support/images.ts';

export interface TextPage { name: string; image: Buffer; truth: string[]; format: 'png' | 'jpeg' }

const PARAGRAPHS: { lines: string[]; font: string; size: number; background?: string; ink?: string; jpeg?: boolean }[] = [
  { font: 'DejaVu Sans', size: 32, lines: ['The quick brown fox jumps over the lazy dog.', 'Pack my box with five dozen liquor jugs!', 'How vexingly quick daft zebras jump.'] },
  { font: 'DejaVu Serif', size: 30, lines: ['INVOICE 2024-0173', 'Date: 14 March 2024', 'Total due: $1,249.50 by 30 April', 'Thank you for your business.'] },
  { font: 'Liberation Sans', size: 26, lines: ['Portico is a self-hosted home for exported LUIS apps', 'and Computer Vision workloads. It speaks the same wire', 'format, so clients change only their endpoint and key.'] },
  { font: 'Liberation Serif', size: 34, lines: ['Our greatest glory is not in never failing,', 'but in rising every time we fall.'] },
  { font: 'Liberation Mono', size: 24, lines: ['GET /vision/v3.2/read/analyzeResults/42', 'Ocp-Apim-Subscription-Key: 0123abcd', 'status: succeeded, pages: 1'] },
  { font: 'DejaVu Sans', size: 22, lines: ['Meeting notes, Tuesday', '1. Review the quarterly numbers with finance.', '2. Ship the release candidate on Friday.', '3. Book the room for the planning workshop.'] },
  { font: 'Liberation Sans', size: 40, lines: ['A GOAL WITHOUT A PLAN', 'IS JUST A WISH'], background: '#f2f2e6', ink: '#202020' },
  { font: 'DejaVu Serif', size: 28, lines: ['Scanned memo: the archive moves to', 'building seven on the third of June.'], background: '#d8d8d8', ink: '#101010', jpeg: true },
];

export async function textPages(): Promise<TextPage[]> {
  return Promise.all(PARAGRAPHS.map(async (p, i) => {
    const png = await textImage({ lines: p.lines, font: p.font, fontSize: p.size, background: p.background, ink: p.ink });
    const image = p.jpeg ? await sharp(png).jpeg({ quality: 70 }).toBuffer() : png;
    return { name: `page${i + 1}`, image, truth: p.lines.join(' ').split(/\s+/), format: p.jpeg ? 'jpeg' : 'png' };
  }));
}

/** Word error rate: word-level edit distance over the number of reference words. */
export function wordErrorRate(reference: string[], hypothesis: string[]): number {
  const d = Array.from({ length: reference.length + 1 }, (_, i) => [i, ...new Array(hypothesis.length).fill(0)]);
  for (let j = 1; j <= hypothesis.length; j++) d[0][j] = j;
  for (let i = 1; i <= reference.length; i++) {
    for (let j = 1; j <= hypothesis.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1));
    }
  }
  return reference.length ? d[reference.length][hypothesis.length] / reference.length : 0;
}
