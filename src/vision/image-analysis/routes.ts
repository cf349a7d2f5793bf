// Image Analysis 4.0 as one Fastify plugin, mounted under /computervision beside
// the v3.2 routes, on the same engine, keys and gateway (kind ComputerVision).
import type { FastifyInstance } from 'fastify';
import { acceptImageBodies } from '../routes.ts';
import type { VisionRouteContext } from '../routes/context.ts';
import { imageAnalyzeRoute } from './analyze.ts';

export const IMAGE_ANALYSIS_PREFIX = '/computervision';

export async function imageAnalysisRoutes(app: FastifyInstance, ctx: VisionRouteContext): Promise<void> {
  acceptImageBodies(app);
  imageAnalyzeRoute(app, ctx);
}
