// Colour analysis over a small RGB thumbnail: every pixel is named with one of
// Azure's 12 colour names, then the border decides the background, the centre
// the foreground, and the most vivid hue the accent colour.
import type { ColorInfo } from '../types.ts';

export const AZURE_COLORS = ['Black', 'Blue', 'Brown', 'Gray', 'Green', 'Orange', 'Pink', 'Purple', 'Red', 'Teal', 'White', 'Yellow'] as const;
export type AzureColor = (typeof AZURE_COLORS)[number];

export interface Hsl { h: number; s: number; l: number; chroma: number }

export function toHsl(r: number, g: number, b: number): Hsl {
  const rn = r / 255, gn = g / 255, bn = b / 255;
  const max = Math.max(rn, gn, bn), min = Math.min(rn, gn, bn);
  const chroma = max - min;
  const l = (max + min) / 2;
  const s = chroma === 0 ? 0 : chroma / (1 - Math.abs(2 * l - 1));
  let h = 0;
  if (chroma > 0) {
    if (max === rn) h = 60 * (((gn - bn) / chroma + 6) % 6);
    else if (max === gn) h = 60 * ((bn - rn) / chroma + 2);
    else h = 60 * ((rn - gn) / chroma + 4);
  }
  return { h, s, l, chroma };
}

export function nameColor(r: number, g: number, b: number): AzureColor {
  const { h, s, l, chroma } = toHsl(r, g, b);
  if (l < 0.12) return 'Black';
  if (chroma < 0.1 || s < 0.12) return l < 0.2 ? 'Black' : l > 0.85 ? 'White' : 'Gray';
  if (h < 15 || h >= 345) return l > 0.72 ? 'Pink' : l < 0.3 && s < 0.6 ? 'Brown' : 'Red';
  if (h < 45) return l < 0.45 || s < 0.45 ? 'Brown' : 'Orange';
  if (h < 70) return l < 0.3 ? 'Brown' : 'Yellow';
  if (h < 165) return 'Green';
  if (h < 200) return 'Teal';
  if (h < 260) return 'Blue';
  if (h < 295) return 'Purple';
  return l > 0.6 || h >= 320 ? 'Pink' : 'Purple';
}

/** Share of pixels allowed to carry colour in a black-and-white image (JPEG fringes, dust). */
const BW_COLOURED_SHARE = 0.02;
const BW_CHROMA = 0.08;
const DOMINANT_SHARE = 0.1;

function mode(counts: Map<AzureColor, number>): AzureColor {
  let best: AzureColor = 'Gray', bestCount = -1;
  for (const [name, n] of counts) if (n > bestCount) { best = name; bestCount = n; }
  return best;
}

function hex(v: number): string {
  return Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0').toUpperCase();
}

/** `rgb` holds width*height RGB triples. */
export function analyzeColor(rgb: Uint8Array, width: number, height: number): ColorInfo {
  const all = new Map<AzureColor, number>();
  const border = new Map<AzureColor, number>();
  const centre = new Map<AzureColor, number>();
  const bx = Math.max(1, Math.round(width * 0.15)), by = Math.max(1, Math.round(height * 0.15));
  const hueWeight = new Float64Array(12);
  const hueSum = Array.from({ length: 12 }, () => [0, 0, 0]);
  let coloured = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const r = rgb[i], g = rgb[i + 1], b = rgb[i + 2];
      const name = nameColor(r, g, b);
      all.set(name, (all.get(name) ?? 0) + 1);
      const inBorder = x < bx || y < by || x >= width - bx || y >= height - by;
      const inCentre = x >= width / 4 && x < (3 * width) / 4 && y >= height / 4 && y < (3 * height) / 4;
      if (inBorder) border.set(name, (border.get(name) ?? 0) + 1);
      if (inCentre) centre.set(name, (centre.get(name) ?? 0) + 1);
      const { h, chroma, l } = toHsl(r, g, b);
      if (chroma > BW_CHROMA) coloured++;
      if (chroma >= 0.2 && l > 0.1 && l < 0.9) {
        const bucket = Math.floor(h / 30) % 12;
        hueWeight[bucket] += chroma;
        hueSum[bucket][0] += r * chroma; hueSum[bucket][1] += g * chroma; hueSum[bucket][2] += b * chroma;
      }
    }
  }
  const total = width * height;
  const ranked = [...all.entries()].sort((a, b) => b[1] - a[1]);
  const dominantColors = ranked.filter(([, n]) => n / total >= DOMINANT_SHARE).slice(0, 3).map(([name]) => name);
  if (dominantColors.length === 0) dominantColors.push(ranked[0][0]);

  let accentBucket = -1;
  for (let k = 0; k < 12; k++) if (hueWeight[k] > 0 && (accentBucket < 0 || hueWeight[k] > hueWeight[accentBucket])) accentBucket = k;
  let accentColor: string;
  if (accentBucket >= 0 && hueWeight[accentBucket] / total > 0.002) {
    const w = hueWeight[accentBucket];
    accentColor = hueSum[accentBucket].map((v) => hex(v / w)).join('');
  } else {
    // No vivid hue at all: the accent is the average tone of the image.
    const sum = [0, 0, 0];
    for (let i = 0; i < rgb.length; i += 3) { sum[0] += rgb[i]; sum[1] += rgb[i + 1]; sum[2] += rgb[i + 2]; }
    accentColor = sum.map((v) => hex(v / total)).join('');
  }
  return {
    dominantColorForeground: mode(centre),
    dominantColorBackground: mode(border),
    dominantColors,
    accentColor,
    isBWImg: coloured / total < BW_COLOURED_SHARE,
  };
}
