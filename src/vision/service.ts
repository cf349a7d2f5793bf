// Computer Vision as a Portico service: the engine (its models warm up in the
// background as soon as the service is mounted) and the routes under /vision/v3.2.
import type { ServiceModule } from '../services.ts';
import { regionEndpoint } from '../console/views.ts';
import { VisionEngine, type VisionEngineOptions } from './vision-engine.ts';
import { ReadOperations } from './read/read-operations.ts';
import { visionRoutes } from './routes.ts';

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
      return {
        prefix: VISION_PREFIX,
        plugin: visionRoutes,
        options: {
          engine,
          reads,
          imageSource: { allowPrivateImageUrls: platform.config.allowPrivateImageUrls, urlTimeoutMs: options.urlTimeoutMs ?? 10_000 },
        },
      };
    },
    async seedDemo(platform, demo) {
      const base = `${regionEndpoint(platform, demo.vision.region)}vision/v3.2`;
      return [
        'Computer Vision (demo key), e.g.:',
        `  curl -X POST -H "Ocp-Apim-Subscription-Key: ${demo.vision.key1}" -H "Content-Type: application/octet-stream" --data-binary @photo.jpg "${base}/analyze?visualFeatures=Tags,Description,Faces,Objects,Color"`,
      ];
    },
    async close() {
      reads?.close();
      await engine?.close();
    },
  };
}
