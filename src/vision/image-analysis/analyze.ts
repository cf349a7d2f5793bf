// POST /computervision/imageanalysis:analyze (Image Analysis 4.0): the asked
// features of one image, from the same engines as v3.2. Metered as one call
// (operation `vision.imageAnalysis.analyze`) on the `vision` meter, like v3.2's
// analyze; Azure bills each feature as a transaction (see src/vision/README.md).
import type { FastifyInstance } from 'fastify';
import { speakingAzureErrors } from '../http/api-error.ts';
import { requestBytes } from '../http/request-image.ts';
import type * as q from '../http/query.ts';
import { acceptImage, type AcceptedImage } from '../image/intake.ts';
import type { VisionEngine } from '../vision-engine.ts';
import { IA4_MAX_IMAGE_BYTES, IA4_MAX_SIDE_PX } from '../image/limits.ts';
import type { ImageFormat, VisualFeature } from '../types.ts';
import { VisionError } from '../vision-error.ts';
import { gateway, IMAGE_BODY_LIMIT, type VisionRouteContext } from '../routes/context.ts';
import * as ia from './query.ts';
import * as shape from './result.ts';

/** 4.0 takes JPEG, PNG, GIF, BMP, WEBP, ICO, TIFF and MPO; the engines here decode these (WebP, ICO, MPO are refused). */
const IA4_FORMATS: readonly ImageFormat[] = ['Jpeg', 'Png', 'Gif', 'Bmp', 'Tiff'];

/** The v3.2 features whose evidence each 4.0 feature rests on (read has its own engine call). */
const EVIDENCE_OF: Record<ia.Ia4Feature, VisualFeature[]> = {
  tags: ['Tags'], caption: ['Description'], denseCaptions: ['Description'], objects: ['Objects'],
  people: ['Faces', 'Objects'], smartCrops: ['Faces', 'Objects'], read: [],
};

export interface Analyze4Options { features: readonly ia.Ia4Feature[]; neutral: boolean; aspects: readonly number[] }

/** The 4.0 result for an accepted image: evidence and text reading in parallel, then shaped per feature. */
export async function analyzeImage4(engine: VisionEngine, image: AcceptedImage, { features, neutral, aspects }: Analyze4Options) {
  const wanted = new Set(features);
  const evidenceFeatures = [...new Set(features.flatMap((f) => EVIDENCE_OF[f]))];
  const [e, pages] = await Promise.all([
    engine.evidenceFor(image, evidenceFeatures),
    wanted.has('read') ? engine.read(image, [1], undefined) : Promise.resolve([]),
  ]);
  const attention = wanted.has('smartCrops') && shape.needsAttention(e) ? (await engine.areaOfInterest(image)).areaOfInterest : undefined;
  const caption = wanted.has('caption') ? shape.captionResult(e, neutral) : undefined;
  const dense = wanted.has('denseCaptions') ? shape.denseCaptionsResult(e, neutral) : undefined;
  return {
    modelVersion: ia.IA4_MODEL_VERSION,
    metadata: { width: image.metadata.width, height: image.metadata.height },
    ...(caption ? { captionResult: caption } : {}),
    ...(dense ? { denseCaptionsResult: dense } : {}),
    ...(wanted.has('read') ? { readResult: shape.readResult(pages[0]?.lines ?? []) } : {}),
    ...(wanted.has('tags') ? { tagsResult: shape.tagsResult(e) } : {}),
    ...(wanted.has('objects') ? { objectsResult: shape.objectsResult(e) } : {}),
    ...(wanted.has('people') ? { peopleResult: shape.peopleResult(e) } : {}),
    ...(wanted.has('smartCrops') ? { smartCropsResult: shape.smartCropsResult(e, aspects, attention) } : {}),
  };
}

export function imageAnalyzeRoute(app: FastifyInstance, ctx: VisionRouteContext): void {
  app.post('/imageanalysis::analyze', { config: gateway('vision.imageAnalysis.analyze'), bodyLimit: IMAGE_BODY_LIMIT }, async (request) =>
    speakingAzureErrors('v4.0', request.id, async () => {
      const query = request.query as q.Query;
      ia.apiVersion(query);
      ia.refuseModelName(query);
      const features = ia.features(query);
      ia.language(query, features);
      const neutral = ia.genderNeutralCaption(query);
      const aspects = ia.aspectRatios(query);
      ia.modelVersion(query);
      const bytes = await requestBytes(request, IA4_MAX_IMAGE_BYTES, ctx.imageSource);
      if (bytes.length === 0 || bytes.length > IA4_MAX_IMAGE_BYTES) {
        throw new VisionError('InvalidArgument', `The image size is not allowed to be zero or larger than ${IA4_MAX_IMAGE_BYTES} bytes.`);
      }
      const image = await acceptImage(bytes, { maxBytes: IA4_MAX_IMAGE_BYTES, formats: IA4_FORMATS, maxSidePx: IA4_MAX_SIDE_PX });
      return analyzeImage4(ctx.engine, image, { features, neutral, aspects });
    }));
}
