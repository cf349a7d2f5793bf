// POST /ocr: synchronous printed-text recognition (regions → lines → words).
import type { FastifyInstance } from 'fastify';
import { speakingAzureErrors } from '../http/api-error.ts';
import { requestImage } from '../http/request-image.ts';
import * as q from '../http/query.ts';
import { ANALYSIS_FORMATS } from '../image/intake.ts';
import { MAX_IMAGE_BYTES } from '../image/limits.ts';
import { MODEL_VERSION } from '../types.ts';
import { gateway, IMAGE_BODY_LIMIT, type VisionRouteContext } from './context.ts';

export function ocrRoute(app: FastifyInstance, ctx: VisionRouteContext): void {
  app.post('/ocr', { config: gateway('vision.ocr'), bodyLimit: IMAGE_BODY_LIMIT }, async (request) =>
    speakingAzureErrors('v3.2', request.id, async () => {
      const query = request.query as q.Query;
      const detectOrientation = q.booleanParam(query, 'detectOrientation', true);
      q.ocrLanguage(query);
      q.modelVersion(query, [MODEL_VERSION]);
      const image = await requestImage(request, { maxBytes: MAX_IMAGE_BYTES, formats: ANALYSIS_FORMATS }, ctx.imageSource);
      return ctx.engine.ocr(image, detectOrientation);
    }));
}
