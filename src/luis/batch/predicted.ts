// A model's prediction reduced to what a batch test compares: the top intent
// and every entity span found, nested children and composite parts included,
// named as labels name them (hierarchical children as `Parent::Child`).
import type { PredictedEntity, Prediction } from '../../nlu/index.ts';
import { authoringEntityName } from '../authoring/predictions.ts';
import type { PredictedUtterance } from './evaluate.ts';

export function predictedUtterance(prediction: Prediction): PredictedUtterance {
  const spans = new Map<string, { entity: string; startPos: number; endPos: number }>();
  const add = (e: PredictedEntity) => {
    const entity = authoringEntityName(e);
    spans.set(`${entity}\u0000${e.startIndex}\u0000${e.endIndex}`, { entity, startPos: e.startIndex, endPos: e.endIndex });
    for (const child of e.children ?? []) add(child);
  };
  for (const e of prediction.entities) add(e);
  const top = prediction.intents[0];
  return { intent: prediction.topIntent, score: top?.intent === prediction.topIntent ? top.score : 0, entities: [...spans.values()] };
}
