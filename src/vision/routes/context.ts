// What every Computer Vision route needs: the engine, the Read operations, how to
// fetch images, and the gateway declaration that puts the route behind the key checks.
import type { FastifyRequest } from 'fastify';
import type { GatewayRoute } from '../../gateway/types.ts';
import type { Caller } from '../../gateway/types.ts';
import type { VisionEngine } from '../vision-engine.ts';
import type { ReadOperations } from '../read/read-operations.ts';
import type { ImageSourceOptions } from '../http/request-image.ts';
import { ApiError } from '../../http/errors.ts';
import { MAX_IMAGE_BYTES, MAX_READ_BYTES_PAID } from '../image/limits.ts';

export interface VisionRouteContext {
  engine: VisionEngine;
  reads: ReadOperations;
  imageSource: ImageSourceOptions;
}

/** Bodies up to this size are read so that larger-than-allowed images get Azure's InvalidImageSize, not a bare 413. */
export const IMAGE_BODY_LIMIT = MAX_READ_BYTES_PAID + 1024 * 1024;

/**
 * Every vision call counts one transaction on the `vision` meter, except polls
 * of a Read result (`vision-poll`), which are rate-limited like any call but,
 * as on Azure, not billed: no tier has a quota on that meter.
 */
/** Kinds whose keys call Computer Vision v3.2 and Image Analysis 4.0: its own, or a multi-service one. */
export const VISION_KINDS = ['ComputerVision', 'CognitiveServices'] as const;

export function gateway(operation: string, meter: 'vision' | 'vision-poll' = 'vision'): { gateway: GatewayRoute } {
  return { gateway: { operation, accepts: VISION_KINDS, meter } };
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new ApiError(500, 'InternalServerError', 'the gateway did not identify the caller of a vision route');
  return request.caller;
}

/** Read takes up to 50 MB on paid tiers and 4 MB on the free tier, as Azure's Read does. */
export function readByteLimit(request: FastifyRequest): number {
  return callerOf(request).resource.tier === 'F0' ? MAX_IMAGE_BYTES : MAX_READ_BYTES_PAID;
}
