// The Computer Vision v3.2 routes as one Fastify plugin, mounted under /vision/v3.2.
// Every route declares `config.gateway`, so the platform's key, scope, region,
// rate-limit, quota and metering checks run before its handler.
import type { FastifyInstance } from 'fastify';
import { IMAGE_BODY_LIMIT, type VisionRouteContext } from './routes/context.ts';
import { analyzeRoute } from './routes/analyze.ts';
import { describeRoute } from './routes/describe.ts';
import { tagRoute } from './routes/tag.ts';
import { detectRoute } from './routes/detect.ts';
import { generateThumbnailRoute } from './routes/generate-thumbnail.ts';
import { areaOfInterestRoute } from './routes/area-of-interest.ts';
import { ocrRoute } from './routes/ocr.ts';
import { readRoutes } from './routes/read.ts';
import { modelsRoutes } from './routes/models.ts';

export type VisionPluginOptions = VisionRouteContext;

/** Image bodies arrive as raw bytes; an empty body reaches the handler as an empty buffer. */
export function acceptImageBodies(app: FastifyInstance): void {
  const rawBytes = (_request: unknown, body: string | Buffer, done: (err: null, body: Buffer) => void) => done(null, Buffer.from(body));
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: IMAGE_BODY_LIMIT }, rawBytes);
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: IMAGE_BODY_LIMIT }, rawBytes);
  app.addContentTypeParser(/^image\/[\w.+-]+$/, { parseAs: 'buffer', bodyLimit: IMAGE_BODY_LIMIT }, rawBytes);
  app.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: IMAGE_BODY_LIMIT }, rawBytes);
}

export async function visionRoutes(app: FastifyInstance, ctx: VisionPluginOptions): Promise<void> {
  acceptImageBodies(app);
  analyzeRoute(app, ctx);
  describeRoute(app, ctx);
  tagRoute(app, ctx);
  detectRoute(app, ctx);
  generateThumbnailRoute(app, ctx);
  areaOfInterestRoute(app, ctx);
  ocrRoute(app, ctx);
  readRoutes(app, ctx);
  modelsRoutes(app);
}
