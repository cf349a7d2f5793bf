// Computer Vision as a Portico service: the engine (its models warm up in the
// background as soon as the service is mounted), the v3.2 routes under /vision/v3.2
// and the Image Analysis 4.0 route under /computervision.
import type { FastifyInstance } from 'fastify';
import type { ServiceModule } from '../service-module.ts';
import { regionEndpoint } from '../console/views.ts';
import { VisionEngine, type VisionEngineOptions } from './vision-engine.ts';
import { ReadOperations } from './read/read-operations.ts';
import { visionRoutes } from './routes.ts';
import { warmUpPdf } from './document/pdf.ts';
import { IMAGE_ANALYSIS_PREFIX, imageAnalysisRoutes } from './image-analysis/routes.ts';

export const VISION_PREFIX = '/vision/v3.2';

export interface VisionServiceOptions extends VisionEngineOptions {
  /** Deadline for downloading an image given by URL. */
  urlTimeoutMs?: number;
}

export function visionService(options: VisionServiceOptions = {}): ServiceModule {
  let engine: VisionEngine | undefined;
  let reads: ReadOperations | undefined;
  return {
    name: 'vision',
    async mount(platform) {
      engine = new VisionEngine(options);
      reads = new ReadOperations(platform.store.db, () => platform.clock.now());
      void engine.start().catch((e) => console.error(`Computer Vision models failed to load: ${(e as Error).message}`));
      void warmUpPdf();
      const ctx = {
        engine,
        reads,
        imageSource: { allowPrivateImageUrls: platform.config.allowPrivateImageUrls, urlTimeoutMs: options.urlTimeoutMs ?? 10_000 },
      };
      // v3.2 under /vision/v3.2 and Image Analysis 4.0 under /computervision: one engine serves both.
      return {
        plugin: async (app: FastifyInstance) => {
          await app.register(visionRoutes, { prefix: VISION_PREFIX, ...ctx });
          await app.register(imageAnalysisRoutes, { prefix: IMAGE_ANALYSIS_PREFIX, ...ctx });
        },
      };
    },
    async seedDemo(platform, demo) {
      const base = `${regionEndpoint(platform, demo.vision.region)}vision/v3.2`;
      return [
        'Computer Vision (demo key), e.g.:',
        `  curl -X POST -H "Ocp-Apim-Subscription-Key: ${demo.vision.key1}" -H "Content-Type: application/octet-stream" --data-binary @photo.jpg "${base}/analyze?visualFeatures=Tags,Description,Faces,Objects,Color"`,
        'Image Analysis 4.0 (the same key):',
        `  curl -X POST -H "Ocp-Apim-Subscription-Key: ${demo.vision.key1}" -H "Content-Type: application/octet-stream" --data-binary @photo.jpg "${regionEndpoint(platform, demo.vision.region)}computervision/imageanalysis:analyze?api-version=2023-10-01&features=caption,tags,objects,read"`,
      ];
    },
    async close() {
      reads?.close();
      await engine?.close();
    },
  };
}
