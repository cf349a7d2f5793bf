// POST /analyze: every visual feature of one image in one call (one transaction).
import type { FastifyInstance } from 'fastify';
import { speakingAzureErrors } from '../http/api-error.ts';
import { requestImage } from '../http/request-image.ts';
import * as q from '../http/query.ts';
import { ANALYSIS_FORMATS } from '../image/intake.ts';
import { MAX_IMAGE_BYTES } from '../image/limits.ts';
import { MODEL_VERSION } from '../types.ts';
import { gateway, IMAGE_BODY_LIMIT, type VisionRouteContext } from './context.ts';

export function analyzeRoute(app: FastifyInstance, ctx: VisionRouteContext): void {
  app.post('/analyze', { config: gateway('vision.analyze'), bodyLimit: IMAGE_BODY_LIMIT }, async (request) =>
    speakingAzureErrors('v3.2', request.id, async () => {
      const query = request.query as q.Query;
      const features = q.visualFeatures(query);
      q.details(query);
      q.serviceLanguage(query);
      q.descriptionExclude(query);
      q.modelVersion(query, [MODEL_VERSION]);
      const image = await requestImage(request, { maxBytes: MAX_IMAGE_BYTES, formats: ANALYSIS_FORMATS }, ctx.imageSource);
      const analysis = await ctx.engine.analyze(image, features);
      return { ...analysis, requestId: request.id };
    }));
}
