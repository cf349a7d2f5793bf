// The Test panel shows one shape of prediction (v2.0's, as the panel was built
// for the slots' v2.0 endpoint); a version is queried on v3.0, whose answer is
// brought into that shape here.
import type { Prediction } from './api.ts';

type V3Instance = { type?: string; text: string; startIndex: number; length: number; score?: number };
export type V3Prediction = {
  query: string;
  prediction: {
    topIntent: string;
    intents: Record<string, { score: number }>;
    entities?: Record<string, unknown> & { $instance?: Record<string, V3Instance[]> };
  };
};

/** v3.0 (verbose, all intents) → the v2.0 fields the panel shows: intents highest first, top-level entities by position. */
export function fromV3(answer: V3Prediction): Prediction {
  const intents = Object.entries(answer.prediction.intents)
    .map(([intent, { score }]) => ({ intent, score }))
    .sort((a, b) => b.score - a.score);
  const instances = answer.prediction.entities?.$instance ?? {};
  const entities = Object.entries(instances)
    .flatMap(([name, found]) => found.map((e) => ({
      entity: e.text, type: e.type ?? name, startIndex: e.startIndex, endIndex: e.startIndex + e.length - 1,
      ...(e.score !== undefined ? { score: e.score } : {}),
    })))
    .sort((a, b) => a.startIndex - b.startIndex);
  const top = intents.find((i) => i.intent === answer.prediction.topIntent) ?? intents[0];
  return { query: answer.query, ...(top ? { topScoringIntent: top } : {}), intents, entities };
}
