// The image of a request: the raw body (application/octet-stream) or the image a
// JSON body's "url" points at, checked against the operation's intake rules.
import type { FastifyRequest } from 'fastify';
import { acceptImage, type AcceptedImage, type IntakeRules } from '../image/intake.ts';
import { fetchImage, parseImageUrl } from '../image/fetch-url.ts';
import { VisionError } from '../vision-error.ts';
import { boundaryOf, firstPart } from './multipart.ts';

export interface ImageSourceOptions {
  allowPrivateImageUrls: boolean;
  urlTimeoutMs: number;
}

function mediaType(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

export async function requestImage(request: FastifyRequest, rules: IntakeRules, options: ImageSourceOptions): Promise<AcceptedImage> {
  return acceptImage(await requestBytes(request, rules.maxBytes, options), rules);
}

/** The bytes of the request's image or document, not yet checked (a Read document may be a PDF). */
export async function requestBytes(request: FastifyRequest, maxBytes: number, options: ImageSourceOptions): Promise<Buffer> {
  const type = mediaType(request);
  if (type === 'application/json') {
    const body = request.body as { url?: unknown } | undefined;
    const url = parseImageUrl(body && typeof body === 'object' ? body.url : undefined);
    return fetchImage(url, { maxBytes, timeoutMs: options.urlTimeoutMs, allowPrivateAddresses: options.allowPrivateImageUrls });
  }
  if (type === 'multipart/form-data') {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    return firstPart(body, boundaryOf(request.headers['content-type'] ?? ''));
  }
  if (type === 'application/octet-stream' || type === 'application/pdf' || type.startsWith('image/')) {
    return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  }
  throw new VisionError('UnsupportedMediaType', `Content-Type "${type || '(none)'}" is not supported: send the image as application/octet-stream or multipart/form-data, or JSON {"url": …} as application/json.`, 415);
}
