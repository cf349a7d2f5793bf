// Sparse features of a whole utterance for intent classification: words,
// stems, word bigrams, character n-grams inside words (robust to typos and
// inflection), and which deterministic extractors matched.
import { type Analysis, matchFeatures } from '../model/analyze.ts';
import { stem } from '../text/stem.ts';
import { isWordToken } from '../text/tokenize.ts';

export interface IntentFeatureOptions {
  charMin: number;
  charMax: number;
  bigrams: boolean;
}

// chosen by 5-fold cross-validation on the Braun training splits (bench/nlu/tune.ts)
export const DEFAULT_INTENT_FEATURES: IntentFeatureOptions = { charMin: 2, charMax: 4, bigrams: false };

export function intentFeatureNames(a: Analysis, o: IntentFeatureOptions): string[] {
  const out = new Set<string>();
  const words: string[] = [];
  for (const t of a.tokens) {
    if (!isWordToken(t)) { if (t.text === '?') out.add('w:?'); continue; }
    words.push(t.norm);
  }
  let prev = '<s>';
  for (const w of words) {
    out.add(`w:${w}`);
    const st = stem(w);
    if (st !== w) out.add(`s:${st}`);
    if (o.bigrams) out.add(`b:${prev}|${w}`);
    prev = w;
    if (o.charMax > 0) {
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
