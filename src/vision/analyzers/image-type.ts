// Clip-art and line-drawing scores from pixel statistics of a downscaled image:
// drawings are made of few flat colours with hard edges, photographs of many
// smoothly varying ones; a line drawing is dark strokes on one light, colourless
// background.
import type { ImageType } from '../types.ts';

export interface PixelStats {
  /** Share of pixels covered by the 8 most frequent colours (5 bits a channel). */
  topColourShare: number;
  /** Number of colours (5 bits a channel) that cover at least 0.05% of the image. */
  distinctColours: number;
  /** Share of pixels equal (within a small tolerance) to their right and lower neighbours. */
  flatShare: number;
  /** Share of pixels within reach of the most common luminance. */
  backgroundShare: number;
  /** Luminance 0..1 of that most common level. */
  backgroundLuminance: number;
  /** Share of pixels that carry visible colour. */
  colouredShare: number;
  /** Mean luminance 0..1. */
  brightness: number;
}

export function measurePixels(rgb: Uint8Array, width: number, height: number): PixelStats {
  const total = width * height;
  const bins = new Map<number, number>();
  const lumHist = new Uint32Array(32);
  let flat = 0, coloured = 0, lumSum = 0;
  const lum = new Float32Array(total);
  for (let i = 0, p = 0; p < total; p++, i += 3) {
    const r = rgb[i], g = rgb[i + 1], b = rgb[i + 2];
    const key = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
    bins.set(key, (bins.get(key) ?? 0) + 1);
    const l = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    lum[p] = l;
    lumSum += l;
    lumHist[Math.min(31, Math.floor(l * 32))]++;
    if (Math.max(r, g, b) - Math.min(r, g, b) > 24) coloured++;
  }
  const near = (a: number, b: number) => Math.abs(rgb[a] - rgb[b]) + Math.abs(rgb[a + 1] - rgb[b + 1]) + Math.abs(rgb[a + 2] - rgb[b + 2]) <= 6;
  for (let y = 0; y < height - 1; y++) {
    for (let x = 0; x < width - 1; x++) {
      const i = (y * width + x) * 3;
      if (near(i, i + 3) && near(i, i + width * 3)) flat++;
    }
  }
  const counts = [...bins.values()].sort((a, b) => b - a);
  const top8 = counts.slice(0, 8).reduce((s, n) => s + n, 0);
  const distinct = counts.filter((n) => n / total >= 0.0005).length;
  let bgBin = 0;
  for (let k = 1; k < 32; k++) if (lumHist[k] > lumHist[bgBin]) bgBin = k;
  const bgLum = (bgBin + 0.5) / 32;
  let bg = 0;
  for (let p = 0; p < total; p++) if (Math.abs(lum[p] - bgLum) <= 0.1) bg++;
  return {
    topColourShare: top8 / total,
    distinctColours: distinct,
    flatShare: flat / Math.max(1, (width - 1) * (height - 1)),
    backgroundShare: bg / total,
    backgroundLuminance: bgLum,
    colouredShare: coloured / total,
    brightness: lumSum / total,
  };
}

export function clipArtType(s: PixelStats): ImageType['clipArtType'] {
  if (s.flatShare >= 0.75 && s.topColourShare >= 0.85 && s.distinctColours <= 64) return 3;
  if (s.flatShare >= 0.6 && s.topColourShare >= 0.7 && s.distinctColours <= 160) return 2;
  if (s.flatShare >= 0.45 && s.topColourShare >= 0.5) return 1;
  return 0;
}

export function lineDrawingType(s: PixelStats): ImageType['lineDrawingType'] {
  const colourless = s.colouredShare < 0.03;
  const lightPaper = s.backgroundLuminance >= 0.6;
  const sparseInk = s.backgroundShare >= 0.7 && s.backgroundShare <= 0.995;
  return colourless && lightPaper && sparseInk && s.flatShare >= 0.6 ? 1 : 0;
}

export function classifyImageType(s: PixelStats): ImageType {
  return { clipArtType: clipArtType(s), lineDrawingType: lineDrawingType(s) };
}
