// Printed-text recognition with tesseract.js (Tesseract 5 LSTM compiled to wasm)
// and the English model from @tesseract.js-data/eng, read from node_modules with
// no cache and no download. Page segmentation is automatic, as the tesseract CLI's.
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { MODEL_FILES } from '../models/model-files.ts';

export interface Box { x0: number; y0: number; x1: number; y1: number }
export interface RecognizedWord { text: string; confidence: number; box: Box }
export interface RecognizedLine { words: RecognizedWord[]; box: Box }
export interface RecognizedBlock { lines: RecognizedLine[]; box: Box }
export interface RecognizedPage {
  blocks: RecognizedBlock[];
  /** Skew that tesseract corrected before reading, in radians (0 when none). */
  skewRadians: number;
}

export interface TextRecognizer {
  recognize(image: Buffer, options?: { deskew?: boolean }): Promise<RecognizedPage>;
  close(): Promise<void>;
}

export async function loadTextRecognizer(): Promise<TextRecognizer> {
  const worker: Worker = await createWorker('eng', OEM.LSTM_ONLY, {
    langPath: MODEL_FILES.tesseractLangDir,
    cacheMethod: 'none',
    gzip: true,
    errorHandler: () => {},
  });
  // debug_file: Tesseract's diagnostics ("Estimating resolution as …") would go to the server's stdout.
  await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO, debug_file: '/dev/null' });
  return {
    async recognize(image, options = {}) {
      const { data } = await worker.recognize(image, { rotateAuto: options.deskew ?? false }, { blocks: true, text: false });
      const blocks = (data.blocks ?? []).map((b): RecognizedBlock => ({
        box: b.bbox,
        lines: b.paragraphs.flatMap((p) => p.lines).map((l): RecognizedLine => ({
          box: l.bbox,
          words: l.words.map((w) => ({ text: w.text, confidence: w.confidence / 100, box: w.bbox })),
        })),
      }));
      return { blocks, skewRadians: data.rotateRadians ?? 0 };
    },
    async close() { await worker.terminate(); },
  };
}
