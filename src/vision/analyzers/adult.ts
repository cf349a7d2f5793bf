// Adult and racy content from nsfwjs's bundled MobileNetV2 classifier (five classes:
// Drawing, Hentai, Neutral, Porn, Sexy). There is no offline gore model, so gore is
// never reported (score 0) rather than guessed.
import type * as tfjs from '@tensorflow/tfjs';
import type { AdultInfo, NsfwScores } from '../types.ts';
import { tensorflow } from '../models/tfjs-wasm.ts';

/** nsfwjs's MobileNetV2 input side. */
export const NSFW_INPUT = 224;
/** A score at or above this sets the matching is…Content flag. */
export const ADULT_THRESHOLD = 0.5;
export const RACY_THRESHOLD = 0.5;

export interface NsfwClassifier {
  /** `rgb` is the image resized to 224x224. */
  classify(rgb: Uint8Array): Promise<NsfwScores>;
}

/** Adult = explicit (Porn + Hentai); racy = suggestive (Sexy) or explicit, since explicit content is racy too. */
export function adultInfoFrom(s: NsfwScores): AdultInfo {
  const adultScore = Math.min(1, s.Porn + s.Hentai);
  const racyScore = Math.min(1, s.Sexy + adultScore);
  return {
    isAdultContent: adultScore >= ADULT_THRESHOLD,
    isRacyContent: racyScore >= RACY_THRESHOLD,
    isGoryContent: false,
    adultScore,
    racyScore,
    goreScore: 0,
  };
}

export async function loadNsfwClassifier(): Promise<NsfwClassifier> {
  const tf = await tensorflow();
  const nsfwjs = await import('nsfwjs');
  const silence = console.info;
  // nsfwjs prints a hosting hint on every load; it is not an error.
  console.info = () => {};
  const model = await nsfwjs.load('MobileNetV2').finally(() => { console.info = silence; });
  return {
    async classify(rgb) {
      const input = tf.tensor3d(rgb, [NSFW_INPUT, NSFW_INPUT, 3], 'int32') as tfjs.Tensor3D;
      try {
        const predictions = await model.classify(input, 5);
        const scores: NsfwScores = { Drawing: 0, Hentai: 0, Neutral: 0, Porn: 0, Sexy: 0 };
        for (const p of predictions) scores[p.className as keyof NsfwScores] = p.probability;
        return scores;
      } finally {
        input.dispose();
      }
    },
  };
}
