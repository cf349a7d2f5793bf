// Training the intent classifier of an app: picks the feature set by cross-validation
// on the app's own utterances (small apps only), then fits the regression on all of them.
// Also the out-of-vocabulary rule that sends utterances of entirely unseen words to None.
import type { Analysis } from '../model/analyze.ts';
import { hashString, seededRandom, shuffleInPlace } from '../text/hash.ts';
import { stem } from '../text/stem.ts';
import { isWordToken, type Token } from '../text/tokenize.ts';
import { FeatureIndex, scoreClasses, softmaxInPlace, trainSoftmax, vectorize } from './classifier.ts';
import { DEFAULT_INTENT_FEATURES, intentFeatureCandidates, intentFeatureNames, type IntentFeatureOptions } from './features.ts';

/** Analysed examples and the index of each one's intent. */
type Examples = { analyses: Analysis[]; ys: Int32Array };

export interface IntentFitOptions {
  seed: number;
  culture: string;
  l2?: number;
  epochs?: number;
  /** fixes the feature set (no selection) */
  features?: Partial<IntentFeatureOptions>;
  /** examples made from the intents' names (intent/names.ts), added to the final fit only */
  nameExamples?: Examples;
}

export interface IntentFit {
  features: IntentFeatureOptions;
  keys: Uint32Array;
  weights: Float32Array;
  bias: Float32Array;
}

/** Label smoothing of the regression's targets; cross-validation on the Braun training splits (bench/nlu/cv.ts). */
export const INTENT_LABEL_SMOOTHING = 0.1;
/** Weight of an intent-name example against an utterance's 1; cross-validation on the Braun training splits. */
export const INTENT_NAME_WEIGHT = 0.5;
/**
 * Selection trains 5 folds × 3 candidates; an app keeps the default feature set when
 * utterances × intents exceeds this (SNIPS at 70 per intent, 490 × 8, costs about 1.5 s more).
 */
export const SELECT_MAX_WORK = 6000;
const SELECT_FOLDS = 5;

const NO_EXAMPLES: Examples = { analyses: [], ys: new Int32Array(0) };

function fit(utterances: Analysis[], utteranceYs: Int32Array, classes: number, features: IntentFeatureOptions, o: IntentFitOptions, named = NO_EXAMPLES): IntentFit {
  const analyses = [...utterances, ...named.analyses];
  const ys = Int32Array.from([...utteranceYs, ...named.ys]);
  const exampleWeights = new Float32Array(analyses.length).fill(1).fill(INTENT_NAME_WEIGHT, utterances.length);
  const index = new FeatureIndex();
  const names = analyses.map((a) => intentFeatureNames(a, features));
  for (const ns of names) for (const n of ns) index.intern(n);
  const xs = names.map((ns) => vectorize(ns, (n) => index.lookup(n)));
  const n = Math.max(1, analyses.length);
  const epochs = o.epochs ?? Math.max(8, Math.min(100, Math.ceil(30000 / n)));
  const { weights, bias } = trainSoftmax(xs, ys, classes, index.size, {
    l2: o.l2 ?? 1e-4, epochs, learningRate: 0.5, seed: o.seed, smoothing: INTENT_LABEL_SMOOTHING, exampleWeights,
  });
  return { features, keys: index.keys(), weights, bias };
}

function probabilities(m: IntentFit, classes: number, a: Analysis): Float64Array {
  const index = new FeatureIndex(m.keys);
  const x = vectorize(intentFeatureNames(a, m.features), (n) => index.lookup(n));
  return softmaxInPlace(scoreClasses({ ...m, classes }, x));
}

/** Accuracy (ties broken by log-loss) of each candidate feature set by k-fold cross-validation. */
function selectFeatures(analyses: Analysis[], ys: Int32Array, classes: number, candidates: IntentFeatureOptions[], o: IntentFitOptions): IntentFeatureOptions {
  const n = analyses.length;
  const order = Array.from(analyses.keys());
  shuffleInPlace(order, seededRandom(o.seed + 104729));
  const fold = new Int32Array(n);
  order.forEach((i, j) => (fold[i] = j % SELECT_FOLDS));
  let best = 0, bestScore = -Infinity;
  candidates.forEach((features, c) => {
    let correct = 0, logLoss = 0;
    for (let f = 0; f < SELECT_FOLDS; f++) {
      const tr = order.filter((i) => fold[i] !== f), te = order.filter((i) => fold[i] === f);
      const m = fit(tr.map((i) => analyses[i]), Int32Array.from(tr, (i) => ys[i]), classes, features, o);
      for (const i of te) {
        const p = probabilities(m, classes, analyses[i]);
        let top = 0;
        for (let k = 1; k < classes; k++) if (p[k] > p[top]) top = k;
        if (top === ys[i]) correct++;
        logLoss -= Math.log(Math.max(1e-6, p[ys[i]]));
      }
    }
    const score = correct - 1e-6 * logLoss;
    if (score > bestScore) { bestScore = score; best = c; }
  });
  return candidates[best];
}

export function fitIntentClassifier(analyses: Analysis[], ys: Int32Array, classes: number, o: IntentFitOptions): IntentFit {
  const candidates = o.features ? [{ ...DEFAULT_INTENT_FEATURES, ...o.features }] : intentFeatureCandidates(o.culture);
  const select = candidates.length > 1 && analyses.length >= 2 * SELECT_FOLDS && analyses.length * classes <= SELECT_MAX_WORK;
  const features = select ? selectFeatures(analyses, ys, classes, candidates, o) : candidates[0];
  return fit(analyses, ys, classes, features, o, o.nameExamples);
}

// stems are hashed apart from words: `knownWords` keeps meaning "these word forms were seen" for its other readers
const stemKey = (word: string) => hashString(`\u0001${stem(word)}`);

/** Hashes of the training words and (marked) of their stems, sorted: the model's `knownWords`. */
export function knownWordKeys(analyses: Analysis[]): Uint32Array {
  const known = new Set<number>();
  for (const a of analyses) {
    for (const t of a.tokens) if (isWordToken(t)) { known.add(hashString(t.norm)); known.add(stemKey(t.norm)); }
  }
  return Uint32Array.from([...known].sort((a, b) => a - b));
}

/**
 * An utterance none of whose words (or their stems) occur in training is out of the
 * app's domain: all probability goes to None. (A softer rule, shifting mass to None when
 * under half the words were known, lost accuracy under cross-validation: small apps see
 * many unseen words in utterances their character n-grams still classify correctly.)
 */
export function applyUnknownWordsRule(p: Float64Array, tokens: Token[], known: Set<number>, noneIndex: number): void {
  if (noneIndex < 0) return;
  let words = 0;
  for (const t of tokens) {
    if (!isWordToken(t)) continue;
    words++;
    if (known.has(hashString(t.norm)) || known.has(stemKey(t.norm))) return;
  }
  if (!words) return;
  p.fill(0);
  p[noneIndex] = 1;
}
