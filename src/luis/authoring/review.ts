// Active learning: which logged endpoint utterances an author should review
// for an intent or an entity. LUIS puts an utterance on the review list when
// the model is unsure of it: the top intent scores low or the top two are
// close, or a learned entity is found with a low score. The most uncertain
// come first.
import type { Model } from '../../nlu/index.ts';
import { authoringEntityName, learnedEntities, predictedUtterance, type PredictedUtterance } from './predictions.ts';

/** Below this top-intent score, or this margin over the runner-up, the model is unsure. */
export const UNSURE_TOP_SCORE = 0.75;
export const UNSURE_MARGIN = 0.25;
/** A learned entity found with a score below this is worth a look. */
export const UNSURE_ENTITY_SCORE = 0.8;

export type ReviewTarget = { intent: string } | { entity: string };

/**
 * The utterances to review for one intent or entity, most uncertain first.
 * `texts` are candidate utterances (already without examples and dismissals).
 */
export function suggestions(model: Model, texts: string[], target: ReviewTarget, take: number, culture?: string): PredictedUtterance[] {
  const ranked: Array<{ view: PredictedUtterance; certainty: number }> = [];
  for (const text of texts) {
    const { view, prediction } = predictedUtterance(model, text, culture);
    if ('intent' in target) {
      const [top, second] = prediction.intents;
      if (!top || top.intent !== target.intent) continue;
      const margin = top.score - (second?.score ?? 0);
      if (top.score >= UNSURE_TOP_SCORE && margin >= UNSURE_MARGIN) continue;
      ranked.push({ view, certainty: margin });
    } else {
      const found = learnedEntities(prediction).filter((e) => authoringEntityName(e) === target.entity);
      if (found.length === 0) continue;
      const lowest = Math.min(...found.map((e) => e.score!));
      if (lowest >= UNSURE_ENTITY_SCORE) continue;
      ranked.push({ view, certainty: lowest });
    }
  }
  return ranked.sort((a, b) => a.certainty - b.certainty).slice(0, take).map((r) => r.view);
}
