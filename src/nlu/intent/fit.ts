// Training the intent classifier of an app: cross-validates each candidate feature set on
// the app's own utterances, fits the temperatures on the held-out scores, then fits the
// regressions on all of them (an ensemble of the candidates, or the first for large apps).
// Also the out-of-vocabulary rule that sends utterances of entirely unseen words to None.
import type { Analysis } from '../model/analyze.ts';
import { hashString, seededRandom, shuffleInPlace } from '../text/hash.ts';
import { stem } from '../text/stem.ts';
import { isWordToken, type Token } from '../text/tokenize.ts';
import { FeatureIndex, trainSoftmax, vectorize } from './classifier.ts';
import { fitTemperature, type HeldOutLogits } from './calibrate.ts';
import { DEFAULT_INTENT_FEATURES, intentFeatureCandidates, intentFeatureNames, intentLogits, logOfMeanSoftmax, type IntentFeatureOptions, type IntentMember } from './features.ts';

/** Analysed examples and the index of each one's intent. */
type Examples = { analyses: Analysis[]; ys: Int32Array };

export interface IntentFitOptions {
  seed: number;
  culture: string;
  l2?: number;
  epochs?: number;
  /** fixes the feature set (one regression, no ensemble) */
  features?: Partial<IntentFeatureOptions>;
  /** examples made from the intents' names (intent/names.ts), added to the final fit only */
  nameExamples?: Examples;
  /** generic text as None (intent/background.ts), added to every fit, cross-validation folds included */
  background?: Examples;
}

export interface IntentFit {
  /** one regression, or one per candidate feature set whose probabilities are averaged (an ensemble) */
  members: IntentMember[];
  /** divides the logits before the softmax (intent/calibrate.ts) */
  temperature: number;
}

/** Label smoothing of the regression's targets; cross-validation on the Braun training splits (bench/nlu/cv.ts). */
export const INTENT_LABEL_SMOOTHING = 0.1;
/** Weight of an intent-name example against an utterance's 1; cross-validation on the Braun training splits. */
export const INTENT_NAME_WEIGHT = 0.5;
/** Weight of a background (None) example against an utterance's 1; cross-validation (src/nlu/README.md). */
export const BACKGROUND_WEIGHT = 0.3;
/**
 * Apps up to this many utterances × intents cross-validate each candidate by SMALL_APP_FOLDS
 * folds over all of their utterances (for SNIPS at 70 per intent, 490 × 8, those folds cost
 * about 1.5 s when they chose one feature set, before the ensemble).
 */
export const FIVE_FOLD_MAX_WORK = 6000;
const SMALL_APP_FOLDS = 5;
/**
 * Larger apps fit their temperatures on this many utterances at most, by CALIBRATION_FOLDS-fold cross-validation, each fold trained for as many
 * epochs as the final model (a bounded cost: about a third of the 64-intent,
 * 10,000-utterance app's intent training).
 */
export const CALIBRATION_SAMPLE = 2000;
const CALIBRATION_FOLDS = 3;
/** Apps up to this many utterances × intents may be an ensemble of the candidate feature sets (see chooseMembersAndTemperature). */
export const ENSEMBLE_MAX_WORK = 50000;

/** SGD epochs of a fit over n examples (names and background included): about 30,000 steps, 8 to 100 passes. */
export const intentEpochsFor = (n: number) => Math.max(8, Math.min(100, Math.ceil(30000 / Math.max(1, n))));

const NO_EXAMPLES: Examples = { analyses: [], ys: new Int32Array(0) };

function fit(utterances: Analysis[], utteranceYs: Int32Array, classes: number, features: IntentFeatureOptions, o: IntentFitOptions, named = NO_EXAMPLES): IntentMember {
  const background = o.background ?? NO_EXAMPLES;
  const analyses = [...utterances, ...named.analyses, ...background.analyses];
  const ys = Int32Array.from([...utteranceYs, ...named.ys, ...background.ys]);
  const exampleWeights = new Float32Array(analyses.length).fill(1)
    .fill(INTENT_NAME_WEIGHT, utterances.length).fill(BACKGROUND_WEIGHT, utterances.length + named.analyses.length);
  const index = new FeatureIndex();
  const names = analyses.map((a) => intentFeatureNames(a, features));
  for (const ns of names) for (const n of ns) index.intern(n);
  const xs = names.map((ns) => vectorize(ns, (n) => index.lookup(n)));
  const epochs = o.epochs ?? intentEpochsFor(analyses.length);
  const { weights, bias } = trainSoftmax(xs, ys, classes, index.size, {
    l2: o.l2 ?? 1e-4, epochs, learningRate: 0.5, seed: o.seed, smoothing: INTENT_LABEL_SMOOTHING, exampleWeights,
  });
  return { features, keys: index.keys(), weights, bias };
}

/** The logits of a fitted model, its feature index built once (not once per utterance: 64 intents / 10,000 utt. trained about 1.1 s faster). */
function scorer(m: IntentMember, classes: number): (a: Analysis) => Float64Array {
  const index = new FeatureIndex(m.keys), w = { ...m, classes };
  return (a) => intentLogits(w, index, a);
}

/** Seeded k-fold assignment of n items. */
function folds(n: number, k: number, seed: number): Array<{ train: number[]; test: number[] }> {
  const order = Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(order, seededRandom(seed + 104729));
  const fold = new Int32Array(n);
  order.forEach((i, j) => (fold[i] = j % k));
  return Array.from({ length: k }, (_, f) => ({ train: order.filter((i) => fold[i] !== f), test: order.filter((i) => fold[i] === f) }));
}

/** Logits of every utterance by the model of the fold that left it out. */
function heldOutLogits(analyses: Analysis[], ys: Int32Array, classes: number, features: IntentFeatureOptions, parts: ReturnType<typeof folds>, o: IntentFitOptions): HeldOutLogits {
  const out: HeldOutLogits = { logits: [], ys: [] };
  for (const { train, test } of parts) {
    const logits = scorer(fit(train.map((i) => analyses[i]), Int32Array.from(train, (i) => ys[i]), classes, features, o), classes);
    for (const i of test) { out.logits.push(logits(analyses[i])); out.ys.push(ys[i]); }
  }
  return out;
}

/** Held-out logits divided by a temperature. */
const scaled = (h: HeldOutLogits, temperature: number): HeldOutLogits => ({ ys: h.ys, logits: h.logits.map((z) => z.map((x) => x / temperature)) });

/** The ensemble's held-out logits from its members' (each already divided by its temperature). */
function mixtureHeldOut(hs: HeldOutLogits[]): HeldOutLogits {
  return { ys: hs[0].ys, logits: hs[0].logits.map((_, i) => logOfMeanSoftmax(hs.map((h) => h.logits[i]))) };
}

/**
 * The members and the temperature. Every candidate feature set's model is
 * cross-validated on the app's own utterances: 5 folds for small apps, 3 folds of a
 * seeded sample for larger ones (each fold trained for the final model's passes).
 * Apps up to ENSEMBLE_MAX_WORK become the ensemble of all candidates: each member's
 * logits are divided by the temperature fitted on its own held-out logits (so no
 * member's scale outweighs the others'), their softmax probabilities are averaged,
 * and one more temperature is fitted on the mixture's held-out log-probabilities.
 * Larger apps keep the first candidate and its temperature.
 */
function chooseMembersAndTemperature(analyses: Analysis[], ys: Int32Array, classes: number, candidates: IntentFeatureOptions[], o: IntentFitOptions): { members: Array<{ features: IntentFeatureOptions; scale: number }>; temperature: number } {
  const n = analyses.length;
  if (n < 2 * SMALL_APP_FOLDS) return { members: [{ features: candidates[0], scale: 1 }], temperature: 1 };
  const small = n * classes <= FIVE_FOLD_MAX_WORK;
  const tried = n * classes <= ENSEMBLE_MAX_WORK ? candidates : [candidates[0]];
  let sample = Array.from(analyses.keys()), parts = folds(n, SMALL_APP_FOLDS, o.seed), foldOptions = o;
  if (!small) {
    if (n > CALIBRATION_SAMPLE) sample = folds(n, Math.ceil(n / CALIBRATION_SAMPLE), o.seed + 1)[0].test;
    parts = folds(sample.length, CALIBRATION_FOLDS, o.seed);
    // the fold models take the final model's number of passes: the 30,000-step rule would give a 1,333-utterance
    // fold 21 of them and cost more than the final fit itself (64 intents / 10,000 utt.: 15.1 s → 11.7-13.6 s under
    // load, temperature 0.459 → 0.431; SNIPS full, 80/20 of its training set: held-out ECE 0.0072 → 0.0074)
    foldOptions = { ...o, epochs: o.epochs ?? intentEpochsFor(n + (o.nameExamples?.analyses.length ?? 0) + (o.background?.analyses.length ?? 0)) };
  }
  const sampled = sample.map((i) => analyses[i]), sampledYs = Int32Array.from(sample, (i) => ys[i]);
  const held = tried.map((features) => heldOutLogits(sampled, sampledYs, classes, features, parts, foldOptions));
  const temperatures = held.map(fitTemperature);
  if (tried.length === 1) return { members: [{ features: tried[0], scale: 1 }], temperature: temperatures[0] };
  const mixture = mixtureHeldOut(held.map((h, i) => scaled(h, temperatures[i])));
  return { members: tried.map((features, i) => ({ features, scale: 1 / temperatures[i] })), temperature: fitTemperature(mixture) };
}

/** A fitted member's weights and bias times a factor. */
function scaleMember(m: IntentMember, factor: number): IntentMember {
  if (factor === 1) return m;
  return { ...m, weights: m.weights.map((w) => w * factor), bias: m.bias.map((b) => b * factor) };
}

export function fitIntentClassifier(analyses: Analysis[], ys: Int32Array, classes: number, o: IntentFitOptions): IntentFit {
  const candidates = o.features ? [{ ...DEFAULT_INTENT_FEATURES, ...o.features }] : intentFeatureCandidates(o.culture);
  const { members, temperature } = chooseMembersAndTemperature(analyses, ys, classes, candidates, o);
  return { members: members.map(({ features, scale }) => scaleMember(fit(analyses, ys, classes, features, o, o.nameExamples), scale)), temperature };
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
