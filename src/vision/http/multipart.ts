// The image part of a multipart/form-data body (the contract's other way to send an
// image stream): the first part that carries a file or any content at all.
import { VisionError } from '../vision-error.ts';

export function boundaryOf(contentType: string): string {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!m) throw new VisionError('UnsupportedMediaType', 'multipart/form-data needs a boundary parameter in its Content-Type.', 415);
  return m[1] ?? m[2];
}

export function firstPart(body: Buffer, boundary: string): Buffer {
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const headersStart = start + delimiter.length;
    if (body.subarray(headersStart, headersStart + 2).toString('latin1') === '--') break;
    const headersEnd = body.indexOf('\r\n\r\n', headersStart);
    if (headersEnd < 0) break;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headersEnd + 4);
    if (next < 0) break;
    const content = body.subarray(headersEnd + 4, next);
    if (content.length > 0) return content;
    start = next + 2;
  }
  throw new VisionError('InvalidImageFormat', 'Input data is not a valid image: the multipart/form-data body has no part with content.');
}
