// A decoder for the uncompressed Windows bitmaps that Computer Vision accepts:
// libvips (inside sharp) has no BMP loader, so without this BMP input could not
// be analysed at all. Covers BI_RGB and BI_BITFIELDS with the common masks at
// 24 and 32 bits, and palettes at 1, 4 and 8 bits; RLE compression is refused.

export interface RawRgb { width: number; height: number; data: Buffer }

export class BmpError extends Error {}

export interface BmpHeader { width: number; height: number; bitsPerPixel: number; compression: number; topDown: boolean; dataOffset: number; headerSize: number; paletteSize: number }

export function readBmpHeader(bytes: Buffer): BmpHeader {
  if (bytes.length < 26 || bytes.toString('latin1', 0, 2) !== 'BM') throw new BmpError('not a BMP file');
  const dataOffset = bytes.readUInt32LE(10);
  const headerSize = bytes.readUInt32LE(14);
  if (headerSize === 12) {
    return { width: bytes.readUInt16LE(18), height: bytes.readUInt16LE(20), bitsPerPixel: bytes.readUInt16LE(24), compression: 0, topDown: false, dataOffset, headerSize, paletteSize: 0 };
  }
  if (headerSize < 40 || bytes.length < 14 + 40) throw new BmpError('unsupported BMP header');
  const width = bytes.readInt32LE(18);
  const rawHeight = bytes.readInt32LE(22);
  return {
    width,
    height: Math.abs(rawHeight),
    topDown: rawHeight < 0,
    bitsPerPixel: bytes.readUInt16LE(28),
    compression: bytes.readUInt32LE(30),
    paletteSize: bytes.readUInt32LE(46),
    dataOffset,
    headerSize,
  };
}

export function decodeBmp(bytes: Buffer): RawRgb {
  const h = readBmpHeader(bytes);
  const { width, height, bitsPerPixel: bpp } = h;
  if (width <= 0 || height <= 0) throw new BmpError('BMP has no pixels');
  const bitfields = h.compression === 3 && (bpp === 32 || bpp === 16);
  if (h.compression !== 0 && !bitfields) throw new BmpError('compressed BMP files are not supported');
  if (![1, 4, 8, 24, 32].includes(bpp)) throw new BmpError(`BMP with ${bpp} bits per pixel is not supported`);
  const rowBytes = Math.ceil((width * bpp) / 32) * 4;
  if (h.dataOffset + rowBytes * height > bytes.length) throw new BmpError('BMP pixel data is truncated');

  const paletteEntrySize = h.headerSize === 12 ? 3 : 4;
  const paletteStart = 14 + h.headerSize;
  const paletteCount = bpp <= 8 ? (h.paletteSize || 1 << bpp) : 0;
  const out = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const srcRow = h.dataOffset + (h.topDown ? y : height - 1 - y) * rowBytes;
    for (let x = 0; x < width; x++) {
      let b: number, g: number, r: number;
      if (bpp >= 24) {
        const p = srcRow + x * (bpp / 8);
        b = bytes[p]; g = bytes[p + 1]; r = bytes[p + 2];
      } else {
        const bitIndex = x * bpp;
        const byte = bytes[srcRow + (bitIndex >> 3)];
        const index = (byte >> (8 - bpp - (bitIndex & 7))) & ((1 << bpp) - 1);
        if (index >= paletteCount) throw new BmpError('BMP palette index out of range');
        const p = paletteStart + index * paletteEntrySize;
        b = bytes[p]; g = bytes[p + 1]; r = bytes[p + 2];
      }
      const o = (y * width + x) * 3;
      out[o] = r; out[o + 1] = g; out[o + 2] = b;
    }
  }
  return { width, height, data: out };
}
