// Files written by hand to hurt an image or PDF decoder: tiny files declaring
// 20,000 × 20,000 pixels (decompression bombs), truncated and damaged images,
// damaged PDFs and PDFs declaring thousands of pages.
import { deflateSync } from 'node:zlib';
import { makePdf } from '../vision/support/pdf.ts';
import { encodeBmp } from '../vision/support/images.ts';

const BOMB_SIDE = 20_000;

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** A PNG of the given size whose pixel data is a few rows of zeros (the rest missing). */
export function png(width: number, height: number, rows = 2): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const idat = deflateSync(Buffer.alloc(Math.min(rows, height) * (width * 3 + 1)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A baseline JPEG header declaring the size, with no scan data. */
export function jpeg(width: number, height: number): Buffer {
  const sof = Buffer.from([0xff, 0xc0, 0, 17, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]), sof, Buffer.from([0xff, 0xd9])]);
}

function gif(width: number, height: number): Buffer {
  const screen = Buffer.alloc(7);
  screen.writeUInt16LE(width, 0);
  screen.writeUInt16LE(height, 2);
  const image = Buffer.alloc(10);
  image[0] = 0x2c;
  image.writeUInt16LE(width, 5);
  image.writeUInt16LE(height, 7);
  return Buffer.concat([Buffer.from('GIF89a', 'latin1'), screen, image, Buffer.from([2, 2, 0x44, 0x01, 0, 0x3b])]);
}

/** A 4 × 4 BMP whose header is rewritten to declare the size. */
function bmp(width: number, height: number): Buffer {
  const bytes = encodeBmp(Buffer.alloc(4 * 4 * 3), 4, 4);
  bytes.writeInt32LE(width, 18);
  bytes.writeInt32LE(height, 22);
  return bytes;
}

/** A little-endian TIFF with one IFD declaring the size and one strip of 8 bytes. */
function tiff(width: number, height: number): Buffer {
  const entries: Array<[number, number, number, number]> = [[256, 4, 1, width], [257, 4, 1, height], [258, 3, 1, 8], [259, 3, 1, 1], [262, 3, 1, 1], [273, 4, 1, 8 + 2 + 12 * 8 + 4], [277, 3, 1, 1], [279, 4, 1, 8], [278, 4, 1, height]];
  const ifd = Buffer.alloc(2 + entries.length * 12 + 4);
  ifd.writeUInt16LE(entries.length, 0);
  entries.forEach(([tag, type, count, value], i) => {
    const o = 2 + i * 12;
    ifd.writeUInt16LE(tag, o); ifd.writeUInt16LE(type, o + 2); ifd.writeUInt32LE(count, o + 4);
    if (type === 3) ifd.writeUInt16LE(value, o + 8); else ifd.writeUInt32LE(value, o + 8);
  });
  const head = Buffer.from([0x49, 0x49, 42, 0, 8, 0, 0, 0]);
  return Buffer.concat([head, ifd, Buffer.alloc(8)]);
}

const page = { width: 612, height: 792, text: [{ x: 72, y: 700, size: 12, text: 'page' }] };

/** One PDF page, whose Pages node claims `count` pages. */
function pdfClaimingPages(count: number): Buffer {
  return Buffer.from(makePdf([page]).toString('latin1').replace('/Count 1', `/Count ${count}`), 'latin1');
}

/** A PDF whose page is 1 million points wide and whose content stream inflates to 64 MB. */
function pdfBombs(): Buffer[] {
  const huge = Buffer.from(makePdf([{ ...page, width: 1_000_000, height: 1_000_000 }]));
  const zeros = deflateSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
  const head = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n', 'latin1');
  const stream = Buffer.concat([Buffer.from(`4 0 obj << /Length ${zeros.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), zeros, Buffer.from('\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')]);
  return [huge, Buffer.concat([head, stream])];
}

export interface HostileFile {
  name: string;
  type: string;
  bytes: Buffer;
  /**
   * Within Azure's limits (at most 10,000 px a side) yet tiny: decoding it costs
   * what its declared pixels cost, seconds on a busy machine, so it is held to the
   * engine's own per-request deadline rather than the fuzz test's 5 s.
   */
  legalSize?: true;
}

let cached: HostileFile[] | undefined;

export function hostileFiles(): HostileFile[] {
  if (cached) return cached;
  const good = makePdf([page, page]);
  const files: HostileFile[] = [
    { name: 'png 20000x20000', type: 'image/png', bytes: png(BOMB_SIDE, BOMB_SIDE) },
    { name: 'png 5000x5000 inflating to 75 MB', type: 'image/png', bytes: png(5_000, 5_000, 5_000), legalSize: true },
    { name: 'png 1x20000', type: 'image/png', bytes: png(1, BOMB_SIDE) },
    { name: 'png 0x0', type: 'image/png', bytes: png(0, 0) },
    { name: 'png 2^31 side', type: 'image/png', bytes: png(2 ** 31 - 1, 2 ** 31 - 1, 0) },
    { name: 'png truncated', type: 'image/png', bytes: png(200, 200).subarray(0, 40) },
    { name: 'png bad crc', type: 'image/png', bytes: Buffer.from(png(200, 200).map((b, i) => (i === 30 ? b ^ 0xff : b))) },
    { name: 'jpeg 20000x20000', type: 'image/jpeg', bytes: jpeg(BOMB_SIDE, BOMB_SIDE) },
    { name: 'jpeg 65535x65535', type: 'image/jpeg', bytes: jpeg(65_535, 65_535) },
    { name: 'jpeg 9000x9000 no scan', type: 'image/jpeg', bytes: jpeg(9_000, 9_000) },
    { name: 'gif 20000x20000', type: 'image/gif', bytes: gif(BOMB_SIDE, BOMB_SIDE) },
    { name: 'gif 9000x9000', type: 'image/gif', bytes: gif(9_000, 9_000), legalSize: true },
    { name: 'bmp 20000x20000', type: 'image/bmp', bytes: bmp(BOMB_SIDE, BOMB_SIDE) },
    { name: 'bmp 9000x-9000', type: 'image/bmp', bytes: bmp(9_000, -9_000) },
    { name: 'bmp -2147483648 wide', type: 'image/bmp', bytes: bmp(-(2 ** 31), 100) },
    { name: 'tiff 20000x20000', type: 'image/tiff', bytes: tiff(BOMB_SIDE, BOMB_SIDE) },
    { name: 'tiff 9000x9000', type: 'image/tiff', bytes: tiff(9_000, 9_000), legalSize: true },
    { name: 'pdf declaring 5000 pages', type: 'application/pdf', bytes: pdfClaimingPages(5_000) },
    { name: 'pdf declaring 1999 pages', type: 'application/pdf', bytes: pdfClaimingPages(1_999) },
    { name: 'pdf of 2500 pages', type: 'application/pdf', bytes: makePdf(Array.from({ length: 2_500 }, () => page)) },
    { name: 'pdf truncated', type: 'application/pdf', bytes: good.subarray(0, Math.floor(good.length / 2)) },
    { name: 'pdf header only', type: 'application/pdf', bytes: Buffer.from('%PDF-1.7\n', 'latin1') },
    { name: 'pdf garbage xref', type: 'application/pdf', bytes: Buffer.from(good.toString('latin1').replace(/xref[\s\S]*$/, 'xref\n0 9999999\ngarbage\ntrailer << /Root 99 0 R >>\nstartxref\n-5\n%%EOF'), 'latin1') },
    { name: 'pdf self-referencing pages', type: 'application/pdf', bytes: Buffer.from(good.toString('latin1').replace(/\/Kids \[[^\]]*\]/, '/Kids [7 0 R 7 0 R]'), 'latin1') },
    ...pdfBombs().map((bytes, i) => ({ name: ['pdf page of 1e6 points', 'pdf stream inflating to 64 MB'][i], type: 'application/pdf', bytes })),
    { name: 'empty', type: 'application/octet-stream', bytes: Buffer.alloc(0) },
    { name: 'random bytes', type: 'application/octet-stream', bytes: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) & 0xff)) },
    { name: 'over 4 MB', type: 'application/octet-stream', bytes: Buffer.concat([png(200, 200), Buffer.alloc(5 * 1024 * 1024)]) },
  ];
  cached = files;
  return files;
}
