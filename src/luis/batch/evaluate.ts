// Scores a model's answers against a labelled dataset: per intent precision,
// recall and F1 with the confusion pairs, per entity the same over exact spans
// (same entity, same first and last character), and the utterances it got wrong.
// Pure: the predictions come in, the report goes out.
import type { LabelledUtterance, SpanLabel, VersionVocabulary } from './dataset.ts';

/** What a model answered for one utterance, reduced to what a batch test compares. */
export interface PredictedUtterance {
  intent: string;
  score: number;
  entities: SpanLabel[];
}

export interface Scores {
  /** null when nothing was predicted (precision) or labelled (recall) for it */
  precision: number | null;
  recall: number | null;
  f1: number | null;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface IntentScores extends Scores { intent: string; labelled: number }
export interface EntityScores extends Scores { entity: string; labelled: number }
export interface ConfusionPair { labelled: string; predicted: string; count: number }

export interface BatchError {
  text: string;
  labelledIntent: string;
  predictedIntent: string;
  score: number;
  /** labelled spans the model did not find exactly */
  missedEntities: SpanLabel[];
  /** spans the model found that no label has */
  unexpectedEntities: SpanLabel[];
}

export interface BatchReport {
  utterances: number;
  intentAccuracy: number;
  /** utterances whose intent and evaluated entity spans all match */
  correctUtterances: number;
  intents: IntentScores[];
  confusion: ConfusionPair[];
  entities: EntityScores[];
  errors: BatchError[];
}

function scores(tp: number, fp: number, fn: number): Scores {
  const precision = tp + fp === 0 ? null : tp / (tp + fp);
  const recall = tp + fn === 0 ? null : tp / (tp + fn);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositives: tp, falsePositives: fp, falseNegatives: fn };
}

const spanKey = (s: SpanLabel) => `${s.entity}\u0000${s.startPos}\u0000${s.endPos}`;

/**
 * The entities a test weighs: those the model learns from labels, and any the
 * dataset labels somewhere. A prebuilt or list entity the dataset never labels
 * is not counted against the model each time it is found.
 */
export function evaluatedEntities(dataset: LabelledUtterance[], vocabulary: VersionVocabulary): Set<string> {
  return new Set([...vocabulary.learned, ...dataset.flatMap((u) => u.entities.map((e) => e.entity))]);
}

export function evaluate(dataset: LabelledUtterance[], predictions: PredictedUtterance[], vocabulary: VersionVocabulary): BatchReport {
  if (dataset.length !== predictions.length) throw new RangeError('one prediction per labelled utterance');
  const weighed = evaluatedEntities(dataset, vocabulary);
  const intentCounts = new Map(vocabulary.intents.map((name) => [name, { tp: 0, fp: 0, fn: 0, labelled: 0 }]));
  const entityCounts = new Map([...weighed].sort().map((name) => [name, { tp: 0, fp: 0, fn: 0, labelled: 0 }]));
  const confusion = new Map<string, ConfusionPair>();
  const errors: BatchError[] = [];
  let intentHits = 0;

  dataset.forEach((labelled, i) => {
    const predicted = predictions[i];
    const labelledCounts = intentCounts.get(labelled.intent)!;
    labelledCounts.labelled++;
    const intentRight = predicted.intent === labelled.intent;
    if (intentRight) {
      intentHits++;
      labelledCounts.tp++;
    } else {
      labelledCounts.fn++;
      const p = intentCounts.get(predicted.intent);
      if (p) p.fp++;
      const key = `${labelled.intent}\u0000${predicted.intent}`;
      const pair = confusion.get(key) ?? { labelled: labelled.intent, predicted: predicted.intent, count: 0 };
      pair.count++;
      confusion.set(key, pair);
    }

    const expected = new Map(labelled.entities.map((s) => [spanKey(s), s]));
    const found = new Map(predicted.entities.filter((s) => weighed.has(s.entity)).map((s) => [spanKey(s), s]));
    const missed = [...expected].filter(([k]) => !found.has(k)).map(([, s]) => s);
    const unexpected = [...found].filter(([k]) => !expected.has(k)).map(([, s]) => s);
    for (const s of expected.values()) entityCounts.get(s.entity)!.labelled++;
    for (const [k, s] of found) {
      const c = entityCounts.get(s.entity)!;
      if (expected.has(k)) c.tp++; else c.fp++;
    }
    for (const s of missed) entityCounts.get(s.entity)!.fn++;

    if (!intentRight || missed.length || unexpected.length) {
      errors.push({
        text: labelled.text, labelledIntent: labelled.intent, predictedIntent: predicted.intent, score: predicted.score,
        missedEntities: missed, unexpectedEntities: unexpected,
      });
    }
  });

  return {
    utterances: dataset.length,
    intentAccuracy: dataset.length ? intentHits / dataset.length : 0,
    correctUtterances: dataset.length - errors.length,
    intents: [...intentCounts].map(([intent, c]) => ({ intent, labelled: c.labelled, ...scores(c.tp, c.fp, c.fn) })),
    confusion: [...confusion.values()].sort((a, b) => b.count - a.count || a.labelled.localeCompare(b.labelled) || a.predicted.localeCompare(b.predicted)),
    entities: [...entityCounts].map(([entity, c]) => ({ entity, labelled: c.labelled, ...scores(c.tp, c.fp, c.fn) })),
    errors,
  };
}
