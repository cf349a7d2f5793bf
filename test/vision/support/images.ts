// Real images for the vision tests and benchmark: the photographs shipped in
// @vladmandic/face-api's package (they contain faces), and pictures drawn here
// from SVG with sharp (text with known words, clip art, line drawings).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';

const require = createRequire(import.meta.url);
const faceApiDemo = join(dirname(require.resolve('@vladmandic/face-api')), '..', 'demo');

/** sample1.jpg … sample6.jpg: 1920 px wide photographs of people. */
export function samplePhoto(n: 1 | 2 | 3 | 4 | 5 | 6): Buffer {
  return readFileSync(join(faceApiDemo, `sample${n}.jpg`));
}
export const SAMPLE_PHOTO_NUMBERS = [1, 2, 3, 4, 5, 6] as const;

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface TextImageOptions {
  lines: string[];
  fontSize?: number;
  font?: string;
  width?: number;
  background?: string;
  ink?: string;
}

/** Dark printed text on a plain background, one SVG <text> per line. */
export async function textImage(o: TextImageOptions): Promise<Buffer> {
  const size = o.fontSize ?? 40;
  const lineHeight = Math.round(size * 1.6);
  const width = o.width ?? Math.max(400, Math.max(...o.lines.map((l) => l.length)) * size * 0.62 + 80);
  const height = lineHeight * o.lines.length + 2 * size;
  const texts = o.lines.map((line, i) =>
    `<text x="40" y="${size + lineHeight * (i + 0.8)}" font-family="${o.font ?? 'DejaVu Sans'}" font-size="${size}" fill="${o.ink ?? '#111'}">${escapeXml(line)}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(width)}" height="${height}"><rect width="100%" height="100%" fill="${o.background ?? 'white'}"/>${texts}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Flat-coloured shapes with hard edges: a sun, a house and a tree, as clip art is drawn. */
export async function clipArt(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360">
    <rect width="480" height="360" fill="#7EC8F0"/>
    <rect y="260" width="480" height="100" fill="#4CAF50"/>
    <circle cx="400" cy="70" r="40" fill="#FFD600"/>
    <rect x="120" y="160" width="160" height="110" fill="#E53935"/>
    <polygon points="110,160 200,90 290,160" fill="#6D4C41"/>
    <rect x="180" y="210" width="40" height="60" fill="#FFFFFF"/>
    <rect x="340" y="190" width="20" height="80" fill="#795548"/>
    <circle cx="350" cy="170" r="40" fill="#2E7D32"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Thin black strokes on white paper: a line drawing of a house and a cup. */
export async function lineDrawing(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360">
    <rect width="480" height="360" fill="white"/>
    <g fill="none" stroke="black" stroke-width="3">
      <rect x="60" y="150" width="160" height="130"/>
      <polyline points="50,150 140,80 230,150"/>
      <rect x="120" y="210" width="40" height="70"/>
      <path d="M300 150 h90 v110 a20 20 0 0 1 -20 20 h-50 a20 20 0 0 1 -20 -20 z"/>
      <path d="M390 175 a25 25 0 0 1 0 60"/>
      <line x1="20" y1="300" x2="460" y2="300"/>
    </g>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A solid colour field. */
export async function solid(width: number, height: number, colour: string, format: 'png' | 'jpeg' | 'gif' = 'png'): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${colour}"/></svg>`;
  return sharp(Buffer.from(svg)).toFormat(format).toBuffer();
}

/** An uncompressed 24-bit BMP of the given raw RGB pixels (bottom-up rows, as most writers do). */
export function encodeBmp(rgb: Buffer, width: number, height: number): Buffer {
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + rowBytes * height);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(rowBytes * height, 34);
  for (let y = 0; y < height; y++) {
    const row = 54 + (height - 1 - y) * rowBytes;
    for (let x = 0; x < width; x++) {
      const s = (y * width + x) * 3;
      out[row + x * 3] = rgb[s + 2]; out[row + x * 3 + 1] = rgb[s + 1]; out[row + x * 3 + 2] = rgb[s];
    }
  }
  return out;
}

/** Image as raw RGB, for encodeBmp. */
export async function rawRgb(image: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
