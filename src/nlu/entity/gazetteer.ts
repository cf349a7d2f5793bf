// Gazetteer of the app's own labelled entity values: each normalised token
// sequence that was labelled in training, with the span labels it carried.
// The tagger sees "this phrase was labelled X elsewhere" as a feature. During
// training an utterance only sees values from the other folds, so the learned
// weight says how far a known value can be trusted for a new utterance, not
// that every training value matches itself.
import { hashString } from '../text/hash.ts';

/** Longest value (in tokens) the gazetteer matches. */
export const GAZETTEER_MAX_TOKENS = 8;
/** Folds for the training-time features. */
export const GAZETTEER_FOLDS = 5;

/** Span labels of a phrase (normalised tokens joined by single spaces), or undefined. */
export type GazetteerLookup = (phrase: string) => readonly string[] | undefined;

/** As stored in a model: sorted (phrase hash, label id) pairs; label ids index `labels`. */
export interface StoredGazetteer {
  labels: string[];
  keys: Uint32Array;
  labelIds: Uint32Array;
}

export interface LabelledValue { phrase: string; label: string }

export function storeGazetteer(values: Iterable<LabelledValue>): StoredGazetteer {
  const labels: string[] = [];
  const labelId = new Map<string, number>();
  const pairs = new Set<string>();
  const out: Array<[number, number]> = [];
  for (const { phrase, label } of values) {
    if (!phrase || phrase.split(' ').length > GAZETTEER_MAX_TOKENS) continue;
    let id = labelId.get(label);
    if (id === undefined) { id = labels.length; labelId.set(label, id); labels.push(label); }
    const h = hashString(phrase);
    const k = `${h}:${id}`;
    if (pairs.has(k)) continue;
    pairs.add(k);
    out.push([h, id]);
  }
  out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { labels, keys: Uint32Array.from(out.map((p) => p[0])), labelIds: Uint32Array.from(out.map((p) => p[1])) };
}

export function gazetteerLookup(g: StoredGazetteer): GazetteerLookup {
  const map = new Map<number, string[]>();
  for (let i = 0; i < g.keys.length; i++) {
    let ls = map.get(g.keys[i]);
    if (!ls) map.set(g.keys[i], (ls = []));
    ls.push(g.labels[g.labelIds[i]]);
  }
  return (phrase) => (map.size ? map.get(hashString(phrase)) : undefined);
}

/** Lookups for training: the one for utterance u holds only values labelled in utterances of other folds (u mod folds). */
export function crossFoldLookups(valuesByUtterance: LabelledValue[][], folds = GAZETTEER_FOLDS): GazetteerLookup[] {
  const maps = Array.from({ length: folds }, () => new Map<string, string[]>());
  valuesByUtterance.forEach((values, u) => {
    for (const { phrase, label } of values) {
      for (let k = 0; k < folds; k++) {
        if (k === u % folds) continue;
        const ls = maps[k].get(phrase);
        if (!ls) maps[k].set(phrase, [label]);
        else if (!ls.includes(label)) ls.push(label);
      }
    }
  });
  return maps.map((m) => (phrase: string) => m.get(phrase));
}
