// POST /areaOfInterest: the rectangle that holds what matters in the image.
import type { FastifyInstance } from 'fastify';
import { speakingAzureErrors } from '../http/api-error.ts';
import { requestImage } from '../http/request-image.ts';
import * as q from '../http/query.ts';
import { ANALYSIS_FORMATS } from '../image/intake.ts';
import { MAX_IMAGE_BYTES } from '../image/limits.ts';
import { MODEL_VERSION } from '../types.ts';
import { gateway, IMAGE_BODY_LIMIT, type VisionRouteContext } from './context.ts';

export function areaOfInterestRoute(app: FastifyInstance, ctx: VisionRouteContext): void {
  app.post('/areaOfInterest', { config: gateway('vision.areaOfInterest'), bodyLimit: IMAGE_BODY_LIMIT }, async (request) =>
    speakingAzureErrors('v3.2', request.id, async () => {
      q.modelVersion(request.query as q.Query, [MODEL_VERSION]);
      const image = await requestImage(request, { maxBytes: MAX_IMAGE_BYTES, formats: ANALYSIS_FORMATS }, ctx.imageSource);
      const { areaOfInterest, metadata, modelVersion } = await ctx.engine.areaOfInterest(image);
      return { areaOfInterest, requestId: request.id, metadata, modelVersion };
    }));
}
