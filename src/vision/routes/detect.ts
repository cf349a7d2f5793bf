// POST /detect: objects with boxes and their parent hierarchy.
import type { FastifyInstance } from 'fastify';
import { speakingAzureErrors } from '../http/api-error.ts';
import { requestImage } from '../http/request-image.ts';
import * as q from '../http/query.ts';
import { ANALYSIS_FORMATS } from '../image/intake.ts';
import { MAX_IMAGE_BYTES } from '../image/limits.ts';
import { MODEL_VERSION } from '../types.ts';
import { gateway, IMAGE_BODY_LIMIT, type VisionRouteContext } from './context.ts';

export function detectRoute(app: FastifyInstance, ctx: VisionRouteContext): void {
  app.post('/detect', { config: gateway('vision.detect'), bodyLimit: IMAGE_BODY_LIMIT }, async (request) =>
    speakingAzureErrors('v3.2', request.id, async () => {
      q.modelVersion(request.query as q.Query, [MODEL_VERSION]);
      const image = await requestImage(request, { maxBytes: MAX_IMAGE_BYTES, formats: ANALYSIS_FORMATS }, ctx.imageSource);
      const { objects, metadata, modelVersion } = await ctx.engine.detect(image);
      return { objects, requestId: request.id, metadata, modelVersion };
    }));
}
