// Sequence labelling with BIO tags: a first-order linear model over token
// features, decoded by Viterbi under BIO constraints; trained as a CRF
// (crf.ts). Tag 0 is O; tag 2e+1 is B and 2e+2 is I of span label e.

export interface TaggerWeights {
  /** number of span labels; tags = 2 * labels + 1 */
  labels: number;
  /** sparse feature rows: row r weighs tags emissionTags[k] by emission[k] for k in rowStart[r] .. rowStart[r+1] */
  rowStart: Uint32Array;
  emissionTags: Uint32Array;
  emission: Float32Array;
  /** (tags + 1) × tags: row `tags` is the start state */
  transition: Float32Array;
}

/** a sentence as rows of feature indices, one row per token */
export type FeatureRows = Int32Array[];

const NEG = -1e30;

export function tagCount(labels: number): number { return 2 * labels + 1; }

/** BIO rule: I-x may only follow B-x or I-x. */
export function allowed(prev: number, tag: number): boolean {
  if (tag === 0 || (tag & 1) === 1) return true; // O or B
  return prev === tag || prev === tag - 1;
}

export function emissions(w: TaggerWeights, rows: FeatureRows): Float32Array {
  const T = tagCount(w.labels);
  const out = new Float32Array(rows.length * T);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i], base = i * T;
    for (let j = 0; j < r.length; j++) {
      const f = r[j];
      for (let k = w.rowStart[f]; k < w.rowStart[f + 1]; k++) out[base + w.emissionTags[k]] += w.emission[k];
    }
  }
  return out;
}

export function viterbi(w: TaggerWeights, em: Float32Array, n: number): Int32Array {
  const T = tagCount(w.labels);
  const tags = new Int32Array(n);
  if (n === 0) return tags;
  const score = new Float64Array(n * T);
  const back = new Int32Array(n * T);
  const start = T * T;
  for (let t = 0; t < T; t++) score[t] = allowed(-1, t) ? em[t] + w.transition[start + t] : NEG;
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < T; t++) {
      let best = NEG, arg = 0;
      for (let p = 0; p < T; p++) {
        if (!allowed(p, t)) continue;
        const s = score[(i - 1) * T + p] + w.transition[p * T + t];
        if (s > best) { best = s; arg = p; }
      }
      score[i * T + t] = best + em[i * T + t];
      back[i * T + t] = arg;
    }
  }
  let best = NEG, arg = 0;
  for (let t = 0; t < T; t++) if (score[(n - 1) * T + t] > best) { best = score[(n - 1) * T + t]; arg = t; }
  tags[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) tags[i - 1] = back[i * T + tags[i]];
  return tags;
}

/** Per-token confidence of the chosen tag: a softmax over that token's emission scores. */
export function tagConfidence(w: TaggerWeights, em: Float32Array, tags: Int32Array): Float64Array {
  const T = tagCount(w.labels);
  const out = new Float64Array(tags.length);
  for (let i = 0; i < tags.length; i++) {
    let max = -Infinity;
    for (let t = 0; t < T; t++) max = Math.max(max, em[i * T + t]);
    let sum = 0;
    for (let t = 0; t < T; t++) sum += Math.exp(em[i * T + t] - max);
    out[i] = Math.exp(em[i * T + tags[i]] - max) / sum;
  }
  return out;
}

/** Spans [from, to) of each label from a BIO tag sequence. */
export function decodeSpans(tags: Int32Array): Array<{ label: number; from: number; to: number }> {
  const out: Array<{ label: number; from: number; to: number }> = [];
  let i = 0;
  while (i < tags.length) {
    const t = tags[i];
    if (t === 0) { i++; continue; }
    const label = (t - 1) >> 1;
    let j = i + 1;
    while (j < tags.length && tags[j] === 2 * label + 2) j++;
    out.push({ label, from: i, to: j });
    i = j;
  }
  return out;
}
