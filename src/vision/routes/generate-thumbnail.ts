// POST /generateThumbnail: a width×height image, cropped around faces/objects or
// attention when smartCropping is on, centre-cropped otherwise.
import type { FastifyInstance } from 'fastify';
import { speakingAzureErrors } from '../http/api-error.ts';
import { requestImage } from '../http/request-image.ts';
import * as q from '../http/query.ts';
import { ANALYSIS_FORMATS } from '../image/intake.ts';
import { MAX_IMAGE_BYTES } from '../image/limits.ts';
import { MODEL_VERSION } from '../types.ts';
import { gateway, IMAGE_BODY_LIMIT, type VisionRouteContext } from './context.ts';

export function generateThumbnailRoute(app: FastifyInstance, ctx: VisionRouteContext): void {
  app.post('/generateThumbnail', { config: gateway('vision.generateThumbnail'), bodyLimit: IMAGE_BODY_LIMIT }, async (request, reply) =>
    speakingAzureErrors('v3.2', request.id, async () => {
      const query = request.query as q.Query;
      const size = q.thumbnailSize(query);
      const smartCropping = q.booleanParam(query, 'smartCropping', false);
      q.modelVersion(query, [MODEL_VERSION]);
      const image = await requestImage(request, { maxBytes: MAX_IMAGE_BYTES, formats: ANALYSIS_FORMATS }, ctx.imageSource);
      const thumbnail = await ctx.engine.thumbnail(image, { ...size, smartCropping });
      return reply.type(thumbnail.contentType).send(thumbnail.bytes);
    }));
}
