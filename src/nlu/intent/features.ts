// Sparse features of a whole utterance for intent classification: words,
// stems, word bigrams, character n-grams inside words (robust to typos and
// inflection), and which deterministic extractors matched.
import { type Analysis, matchFeatures } from '../model/analyze.ts';
import { scoreClasses, softmaxInPlace, vectorize, type FeatureIndex, type IntentWeights } from './classifier.ts';
import { stem } from '../text/stem.ts';
import { isWordToken } from '../text/tokenize.ts';

export interface IntentFeatureOptions {
  charMin: number;
  charMax: number;
  bigrams: boolean;
  /** leave out English function words (and their n-grams); absent in models trained before it existed */
  stopWords?: boolean;
}

// chosen by cross-validation on the Braun training splits (bench/nlu/cv.ts)
export const DEFAULT_INTENT_FEATURES: IntentFeatureOptions = { charMin: 2, charMax: 4, bigrams: false };

/**
 * The feature sets of an intent ensemble's members (intent/fit.ts; large apps use the
 * first alone). Which one generalises best depends on the app, and their mixture beats
 * each alone under cross-validation (src/nlu/README.md): where function words carry
 * the intent ("from X to Y" vs "when is the next ... from X") they must stay, where the
 * intent sits in a few content words they mostly add spurious cues, and character
 * n-grams help with inflections but hurt apps full of unseen names.
 */
export function intentFeatureCandidates(culture: string): IntentFeatureOptions[] {
  const out: IntentFeatureOptions[] = [DEFAULT_INTENT_FEATURES];
  if (culture.startsWith('en')) out.push({ ...DEFAULT_INTENT_FEATURES, stopWords: true });
  out.push({ ...DEFAULT_INTENT_FEATURES, charMin: 0, charMax: 0 });
  return out;
}

const STOP_WORDS = new Set(('a an the and or but if of at by for with about against between into through during before after above below ' +
  'to from up down in out on off over under again further then once here there when where why how all any both each few more most ' +
  'other some such no nor not only own same so than too very s t can will just don should now i me my myself we our ours you your ' +
  'yours he him his she her it its they them their what which who whom this that these those am is are was were be been being have ' +
  'has had having do does did doing would could ought').split(' '));

export function intentFeatureNames(a: Analysis, o: IntentFeatureOptions): string[] {
  const out = new Set<string>();
  const words: string[] = [];
  for (const t of a.tokens) {
    if (!isWordToken(t)) { if (t.text === '?') out.add('w:?'); continue; }
    if (o.stopWords && STOP_WORDS.has(t.norm)) continue;
    words.push(t.norm);
  }
  let prev = '<s>';
  for (const w of words) {
    out.add(`w:${w}`);
    const st = stem(w);
    if (st !== w) out.add(`s:${st}`);
    if (o.bigrams) out.add(`b:${prev}|${w}`);
    prev = w;
    if (o.charMax > 0 && o.charMin > 0) {
      const padded = `<${w}>`;
      for (let n = o.charMin; n <= o.charMax; n++) {
        for (let i = 0; i + n <= padded.length; i++) out.add(`c:${padded.slice(i, i + n)}`);
      }
    }
  }
  if (o.bigrams && words.length) out.add(`b:${prev}|</s>`);
  for (const m of matchFeatures(a)) out.add(`m:${m.feature}`);
  return [...out];
}

/** One regression of an intent model: its feature set and weights. */
export type IntentMember = Omit<IntentWeights, 'classes'> & { features: IntentFeatureOptions };

/** The regression's logits for an analysed utterance, through a feature index built once per model. */
export function intentLogits(w: IntentWeights & { features: IntentFeatureOptions }, index: FeatureIndex, a: Analysis): Float64Array {
  return scoreClasses(w, vectorize(intentFeatureNames(a, w.features), (n) => index.lookup(n)));
}

/**
 * The logits of an ensemble: the log of the mean of the members' softmax probabilities
 * (a mixture, so the top score falls where the members disagree). One member's own
 * logits are returned as they are, which the softmax reads the same.
 */
export function ensembleLogits(members: Array<{ member: IntentMember; index: FeatureIndex }>, classes: number, a: Analysis): Float64Array {
  if (members.length === 1) return intentLogits({ ...members[0].member, classes }, members[0].index, a);
  return logOfMeanSoftmax(members.map(({ member, index }) => intentLogits({ ...member, classes }, index, a)));
}

/** log(mean over the rows of softmax(row)). */
export function logOfMeanSoftmax(rows: Float64Array[]): Float64Array {
  const out = new Float64Array(rows[0].length);
  for (const z of rows) {
    const p = softmaxInPlace(Float64Array.from(z));
    for (let k = 0; k < out.length; k++) out[k] += p[k] / rows.length;
  }
  for (let k = 0; k < out.length; k++) out[k] = Math.log(Math.max(out[k], 1e-300));
  return out;
}
