// Checks an uploaded or downloaded image against the v3.2 input rules before any
// engine sees it: format by its magic bytes, size in bytes, and pixel dimensions.
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import type { ImageFormat, ImageMetadata } from '../types.ts';
import { VisionError } from '../vision-error.ts';
import { BmpError, decodeBmp, readBmpHeader } from './bmp.ts';
import { MAX_SIDE_PX, MIN_SIDE_PX } from './limits.ts';

export interface IntakeRules {
  maxBytes: number;
  formats: readonly ImageFormat[];
  /** Document formats accepted besides images (named in the refusal), e.g. PDF for Read. */
  documents?: readonly string[];
  /** Largest side in pixels (default MAX_SIDE_PX, v3.2's 10,000; Image Analysis 4.0 takes 16,000). */
  maxSidePx?: number;
}

export interface AcceptedImage {
  bytes: Buffer;
  metadata: ImageMetadata;
  /** Number of pages (multi-page TIFF); 1 for every other format. */
  pages: number;
}

export const ANALYSIS_FORMATS: readonly ImageFormat[] = ['Jpeg', 'Png', 'Gif', 'Bmp'];
export const READ_FORMATS: readonly ImageFormat[] = ['Jpeg', 'Png', 'Bmp', 'Tiff'];

type Sniffed = ImageFormat | 'Pdf' | 'Webp';

export function sniffFormat(bytes: Buffer): Sniffed | undefined {
  if (bytes.length < 8) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'Jpeg';
  if (bytes.readUInt32BE(0) === 0x89504e47) return 'Png';
  if (bytes.toString('latin1', 0, 4) === 'GIF8') return 'Gif';
  if (bytes.toString('latin1', 0, 2) === 'BM') return 'Bmp';
  const head = bytes.toString('latin1', 0, 4);
  if (head === 'II*\0' || head === 'MM\0*') return 'Tiff';
  if (head === '%PDF') return 'Pdf';
  if (head === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'Webp';
  return undefined;
}

function formatList(formats: readonly string[]): string {
  return formats.map((f) => f.toUpperCase()).join(', ');
}

export async function acceptImage(bytes: Buffer, rules: IntakeRules): Promise<AcceptedImage> {
  if (bytes.length === 0) throw new VisionError('InvalidImageFormat', 'Input data is not a valid image: the request body is empty.');
  if (bytes.length > rules.maxBytes) {
    throw new VisionError('InvalidImageSize', `Input image is too large: ${bytes.length} bytes; the limit is ${rules.maxBytes} bytes (${rules.maxBytes / 1024 / 1024} MB).`);
  }
  const sniffed = sniffFormat(bytes);
  if (!sniffed || !rules.formats.includes(sniffed as ImageFormat)) {
    const what = sniffed ? `${sniffed.toUpperCase()} images are not supported here` : 'the data is not an image in any known format';
    throw new VisionError('InvalidImageFormat', `Input data is not a valid image: ${what}. Supported formats: ${formatList([...rules.formats, ...(rules.documents ?? [])])}.`);
  }
  const format = sniffed as ImageFormat;
  const { width, height, pages } = await measure(bytes, format);
  if (width < MIN_SIDE_PX || height < MIN_SIDE_PX) {
    throw new VisionError('InvalidImageSize', `Image is too small: ${width}x${height} pixels; each side must be at least ${MIN_SIDE_PX} pixels.`);
  }
  const maxSide = rules.maxSidePx ?? MAX_SIDE_PX;
  if (width > maxSide || height > maxSide) {
    throw new VisionError('InvalidImageSize', `Image is too large: ${width}x${height} pixels; each side must be at most ${maxSide} pixels.`);
  }
  return { bytes, metadata: { width, height, format }, pages };
}

async function measure(bytes: Buffer, format: ImageFormat): Promise<{ width: number; height: number; pages: number }> {
  const notValid = (why: string) => new VisionError('InvalidImageFormat', `Input data is not a valid image: ${why}.`);
  if (format === 'Bmp') {
    try {
      const h = readBmpHeader(bytes);
      return { width: h.width, height: h.height, pages: 1 };
    } catch (e) {
      throw notValid(e instanceof BmpError ? e.message : 'unreadable BMP header');
    }
  }
  try {
    const m = await sharp(bytes).metadata();
    if (!m.width || !m.height) throw notValid('it has no dimensions');
    // Animated GIFs report the height of the whole strip when pages > 1; a page is one frame.
    const height = format === 'Gif' && m.pageHeight ? m.pageHeight : m.height;
    return { width: m.width, height, pages: format === 'Tiff' ? (m.pages ?? 1) : 1 };
  } catch (e) {
    if (e instanceof VisionError) throw e;
    throw notValid(`the ${format.toUpperCase()} data cannot be read (${(e as Error).message})`);
  }
}

/** A sharp pipeline over the image's first page/frame, whatever its format. */
export function openPixels(bytes: Buffer, format: ImageFormat, page = 0): Sharp {
  if (format === 'Bmp') {
    try {
      const raw = decodeBmp(bytes);
      return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 3 } });
    } catch (e) {
      throw new VisionError('InvalidImageFormat', `Input data is not a valid image: ${(e as Error).message}.`);
    }
  }
  return sharp(bytes, { page, failOn: 'truncated' });
}
