// Expected calibration error of the top score (Guo et al. 2017): the in-scope test
// utterances are put into 15 equal-width bins by their top score; ECE is the
// size-weighted mean gap between each bin's accuracy and its mean top score.
export interface Calibrated { score: number; correct: boolean }
export interface ReliabilityBin { from: number; to: number; count: number; confidence: number; accuracy: number }

export const ECE_BINS = 15;

export function reliability(xs: Calibrated[], bins = ECE_BINS): ReliabilityBin[] {
  const out: ReliabilityBin[] = Array.from({ length: bins }, (_, b) => ({ from: b / bins, to: (b + 1) / bins, count: 0, confidence: 0, accuracy: 0 }));
  for (const x of xs) {
    const b = out[Math.min(bins - 1, Math.floor(x.score * bins))];
    b.count++; b.confidence += x.score; b.accuracy += x.correct ? 1 : 0;
  }
  for (const b of out) if (b.count) { b.confidence /= b.count; b.accuracy /= b.count; }
  return out;
}

export function expectedCalibrationError(xs: Calibrated[], bins = ECE_BINS): number {
  const n = xs.length;
  return reliability(xs, bins).reduce((s, b) => s + (b.count / n) * Math.abs(b.accuracy - b.confidence), 0);
}
