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
  const type = mediaType(request);
  if (type === 'application/json') {
    const body = request.body as { url?: unknown } | undefined;
    const url = parseImageUrl(body && typeof body === 'object' ? body.url : undefined);
    const bytes = await fetchImage(url, { maxBytes: rules.maxBytes, timeoutMs: options.urlTimeoutMs, allowPrivateAddresses: options.allowPrivateImageUrls });
    return acceptImage(bytes, rules);
  }
  if (type === 'multipart/form-data') {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    return acceptImage(firstPart(body, boundaryOf(request.headers['content-type'] ?? '')), rules);
  }
  if (type === 'application/octet-stream' || type.startsWith('image/')) {
    const body = request.body;
    return acceptImage(Buffer.isBuffer(body) ? body : Buffer.alloc(0), rules);
  }
  throw new VisionError('UnsupportedMediaType', `Content-Type "${type || '(none)'}" is not supported: send the image as application/octet-stream or multipart/form-data, or JSON {"url": …} as application/json.`, 415);
}
