// What a trained model makes of an utterance, as the authoring API shows it
// beside examples and in review suggestions: every intent's score, and the
// learned entities found, located by token index.
import { predict, tokenize, type Model, type PredictedEntity, type Prediction, type Token } from '../../nlu/index.ts';

export interface IntentPrediction { name: string; score: number }
export interface EntityPrediction { entityName: string; startTokenIndex: number; endTokenIndex: number; phrase: string }

/** The index of the token holding a character offset (for an end offset: the token it falls in). */
export function tokenIndexer(tokens: Token[]): (pos: number, end: boolean) => number {
  return (pos, end) => {
    const index = tokens.findIndex((t) => (end ? t.start <= pos && pos < t.end : pos < t.end));
    return index < 0 ? tokens.length - 1 : index;
  };
}

/** Learned entities (those with a score) and their learned children, flat. */
export function learnedEntities(prediction: Prediction): PredictedEntity[] {
  const learned = (e: PredictedEntity): PredictedEntity[] => (e.score === undefined ? [] : [e, ...(e.children ?? []).flatMap(learned)]);
  return prediction.entities.flatMap(learned);
}

/** The entity name the authoring API uses (hierarchical children as `Parent::Child`). */
export function authoringEntityName(e: PredictedEntity): string {
  return e.kind === 'hierarchical' ? e.type : e.entity;
}

export function intentPredictions(prediction: Prediction): IntentPrediction[] {
  return prediction.intents.map((i) => ({ name: i.intent, score: i.score }));
}

export function entityPredictions(prediction: Prediction, tokenAt: (pos: number, end: boolean) => number): EntityPrediction[] {
  return learnedEntities(prediction).map((e) => ({
    entityName: authoringEntityName(e),
    startTokenIndex: tokenAt(e.startIndex, false),
    endTokenIndex: tokenAt(e.endIndex, true),
    phrase: e.text,
  }));
}

/** An utterance with the model's predictions, as LUIS's suggestion lists give it. */
export interface PredictedUtterance {
  text: string;
  tokenizedText: string[];
  intentPredictions: IntentPrediction[];
  entityPredictions: EntityPrediction[];
}

export function predictedUtterance(model: Model, text: string, culture?: string): { view: PredictedUtterance; prediction: Prediction } {
  const tokens = tokenize(text, culture);
  const prediction = predict(model, text);
  return {
    prediction,
    view: {
      text, tokenizedText: tokens.map((t) => t.text),
      intentPredictions: intentPredictions(prediction), entityPredictions: entityPredictions(prediction, tokenIndexer(tokens)),
    },
  };
}
