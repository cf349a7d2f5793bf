import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { crfObjective, trainCrf } from '../../src/nlu/entity/crf.ts';
import { crossFoldLookups, gazetteerLookup, storeGazetteer } from '../../src/nlu/entity/gazetteer.ts';
import { emissions, viterbi } from '../../src/nlu/entity/tagger.ts';

/** Random sentences with BIO-valid gold tags over `labels` span labels. */
function problem(seed: number, labels: number, dims: number, count: number) {
  let a = seed;
  const r = () => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296);
  const T = 2 * labels + 1;
  const sentences: Int32Array[][] = [], gold: Int32Array[] = [];
  for (let s = 0; s < count; s++) {
    const n = 1 + Math.floor(r() * 6);
    sentences.push(Array.from({ length: n }, () => Int32Array.from({ length: 1 + Math.floor(r() * 3) }, () => Math.floor(r() * dims))));
    const g = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let t: number;
      do t = Math.floor(r() * T); while (!(t === 0 || (t & 1) === 1 || (i > 0 && (g[i - 1] === t || g[i - 1] === t - 1))));
      g[i] = t;
    }
    gold.push(g);
  }
  return { sentences, gold, r };
}

describe('entity CRF', () => {
  it('has a gradient that matches finite differences', () => {
    const labels = 3, dims = 10, T = 7;
    const { sentences, gold, r } = problem(7, labels, dims, 6);
    const f = crfObjective(sentences, gold, labels, dims, 0.1);
    const N = dims * T + (T + 1) * T;
    const w = Float64Array.from({ length: N }, () => (r() - 0.5) * 2);
    const g = new Float64Array(N), scratch = new Float64Array(N);
    f(w, g);
    for (let q = 0; q < N; q++) {
      const h = 1e-5, wp = Float64Array.from(w), wm = Float64Array.from(w);
      wp[q] += h; wm[q] -= h;
      const numeric = (f(wp, scratch) - f(wm, scratch)) / (2 * h);
      assert.ok(Math.abs(numeric - g[q]) < 1e-5, `parameter ${q}: ${numeric} vs ${g[q]}`);
    }
  });

  it('learns to reproduce separable training data, deterministically', () => {
    // feature f marks tag f directly
    const sentences = [[0, 1, 2], [0, 3, 4], [3, 0, 1, 2]].map((s) => s.map((f) => Int32Array.of(f)));
    const gold = [[0, 1, 2], [0, 3, 4], [3, 0, 1, 2]].map((g) => Int32Array.from(g));
    const w = trainCrf(sentences, gold, 2, 5, { l2: 0.01, epochs: 50, seed: 1 });
    sentences.forEach((s, i) => assert.deepEqual(Array.from(viterbi(w, emissions(w, s), s.length)), Array.from(gold[i])));
    assert.deepEqual(trainCrf(sentences, gold, 2, 5, { l2: 0.01, epochs: 50, seed: 1 }), w);
  });
});

describe('entity gazetteer', () => {
  it('finds stored values by phrase and keeps an utterance out of its own training-time lookup', () => {
    const values = [[{ phrase: 'new york', label: 'city' }], [{ phrase: 'paris', label: 'city' }, { phrase: 'paris', label: 'name' }]];
    const look = gazetteerLookup(storeGazetteer(values.flat()));
    assert.deepEqual(look('paris'), ['city', 'name']);
    assert.deepEqual(look('new york'), ['city']);
    assert.equal(look('york'), undefined);
    const folds = crossFoldLookups(values, 2);
    assert.equal(folds[0]('new york'), undefined);
    assert.deepEqual(folds[0]('paris'), ['city', 'name']);
    assert.equal(folds[1]('paris'), undefined);
  });
});
