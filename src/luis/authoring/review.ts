// Active learning: which logged endpoint utterances an author should review
// for an intent or an entity. LUIS puts an utterance on the review list when
// the model is unsure of it: the top intent scores low or the top two are
// close, or a learned entity is found with a low score. The most uncertain
// come first.
import type { Prediction } from '../../nlu/index.ts';
import { authoringEntityName, learnedEntities, type PredictedUtterance } from './predictions.ts';

/** Below this top-intent score, or this margin over the runner-up, the model is unsure. */
export const UNSURE_TOP_SCORE = 0.75;
export const UNSURE_MARGIN = 0.25;
/** A learned entity found with a score below this is worth a look. */
export const UNSURE_ENTITY_SCORE = 0.8;

export type ReviewTarget = { intent: string } | { entity: string };

/** A logged utterance with what the model made of it. */
export interface Candidate { view: PredictedUtterance; prediction: Prediction }

/**
 * How certain the model is of an utterance as an example of the target (lower
 * is less certain), or undefined when it is not one to review for the target.
 */
export function certainty(prediction: Prediction, target: ReviewTarget): number | undefined {
  if ('intent' in target) {
    const [top, second] = prediction.intents;
    if (!top || top.intent !== target.intent) return undefined;
    const margin = top.score - (second?.score ?? 0);
    return top.score < UNSURE_TOP_SCORE || margin < UNSURE_MARGIN ? margin : undefined;
  }
  const found = learnedEntities(prediction).filter((e) => authoringEntityName(e) === target.entity);
  if (found.length === 0) return undefined;
  const lowest = Math.min(...found.map((e) => e.score!));
  return lowest < UNSURE_ENTITY_SCORE ? lowest : undefined;
}

/** The utterances to review for one intent or entity, least certain first. */
export function suggestions(candidates: Candidate[], target: ReviewTarget, take: number): PredictedUtterance[] {
  return candidates
    .map((c) => ({ view: c.view, certainty: certainty(c.prediction, target) }))
    .filter((c): c is { view: PredictedUtterance; certainty: number } => c.certainty !== undefined)
    .sort((a, b) => a.certainty - b.certainty)
    .slice(0, take)
    .map((c) => c.view);
}
