// Multinomial logistic regression with L2, trained by plain SGD over sparse,
// L2-normalised binary features. Feature names are hashed to 32-bit keys and
// only keys seen in training get a weight row, so the model stays compact.
import { hashString, seededRandom, shuffleInPlace } from '../text/hash.ts';

export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

export interface IntentWeights {
  /** feature key of each weight row */
  keys: Uint32Array;
  /** rows × classes, row-major */
  weights: Float32Array;
  bias: Float32Array;
  classes: number;
}

export interface ClassifierOptions {
  l2: number;
  epochs: number;
  learningRate: number;
  seed: number;
  /** label smoothing: the target puts this much mass evenly over all classes (0 = none) */
  smoothing?: number;
  /** weight of each example's gradient (default 1 for all) */
  exampleWeights?: Float32Array;
}

export class FeatureIndex {
  private readonly map: Map<number, number>;
  constructor(keys?: Uint32Array) {
    this.map = new Map();
    if (keys) for (let i = 0; i < keys.length; i++) this.map.set(keys[i], i);
  }
  get size(): number { return this.map.size; }
  intern(name: string): number { return this.internHash(hashString(name)); }
  /** The index of a feature by its name's hash, added when new (for names hashed once and used many times). */
  internHash(h: number): number {
    let i = this.map.get(h);
    if (i === undefined) this.map.set(h, (i = this.map.size));
    return i;
  }
  lookup(name: string): number | undefined { return this.map.get(hashString(name)); }
  lookupHash(h: number): number | undefined { return this.map.get(h); }
  keys(): Uint32Array {
    const out = new Uint32Array(this.map.size);
    for (const [h, i] of this.map) out[i] = h;
    return out;
  }
}

/**
 * Binary features, L2-normalised over all of the utterance's features, the unseen
 * ones included: in training every feature is seen, and at prediction a query made
 * mostly of unseen words, whose few known ones carry little of it, gets weak
 * evidence and so a flat, low-scoring answer (out-of-scope detection; chosen by
 * cross-validation, src/nlu/README.md) instead of the full weight of those few.
 */
export function vectorize(names: string[], index: (n: string) => number | undefined): SparseVector {
  const idx: number[] = [];
  for (const n of names) { const i = index(n); if (i !== undefined) idx.push(i); }
  const norm = idx.length ? 1 / Math.sqrt(names.length) : 0;
  return { index: Int32Array.from(idx), value: new Float32Array(idx.length).fill(norm) };
}

export function scoreClasses(w: IntentWeights, x: SparseVector, out = new Float64Array(w.classes)): Float64Array {
  const K = w.classes;
  for (let k = 0; k < K; k++) out[k] = w.bias[k];
  for (let j = 0; j < x.index.length; j++) {
    const row = x.index[j] * K, v = x.value[j];
    for (let k = 0; k < K; k++) out[k] += w.weights[row + k] * v;
  }
  return out;
}

/** Softmax of logits divided by a temperature (1: the plain softmax). */
export function softmaxInPlace(s: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < s.length; k++) if (s[k] > max) max = s[k];
  let sum = 0;
  for (let k = 0; k < s.length; k++) { s[k] = Math.exp((s[k] - max) / temperature); sum += s[k]; }
  for (let k = 0; k < s.length; k++) s[k] /= sum;
  return s;
}

export function trainSoftmax(xs: SparseVector[], ys: Int32Array, classes: number, dims: number, o: ClassifierOptions): { weights: Float32Array; bias: Float32Array } {
  const K = classes;
  // weights kept as scale * raw so that L2 shrinkage costs O(1) per step
  const raw = new Float64Array(dims * K);
  const bias = new Float64Array(K);
  let scale = 1;
  const order = Array.from(xs.keys());
  const random = seededRandom(o.seed);
  const p = new Float64Array(K);
  const smooth = o.smoothing ?? 0, spread = smooth / K;
  let t = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const x = xs[i], y = ys[i];
      const lr = o.learningRate / (1 + o.learningRate * o.l2 * t++);
      for (let k = 0; k < K; k++) p[k] = bias[k];
      for (let j = 0; j < x.index.length; j++) {
        const row = x.index[j] * K, v = x.value[j] * scale;
        for (let k = 0; k < K; k++) p[k] += raw[row + k] * v;
      }
      softmaxInPlace(p);
      if (smooth > 0) for (let k = 0; k < K; k++) p[k] -= spread;
      p[y] -= 1 - smooth;
      const weight = o.exampleWeights?.[i] ?? 1;
      if (weight !== 1) for (let k = 0; k < K; k++) p[k] *= weight;
      scale *= 1 - lr * o.l2;
      if (scale < 1e-9) {
        for (let q = 0; q < raw.length; q++) raw[q] *= scale;
        scale = 1;
      }
      const step = lr / scale;
      for (let j = 0; j < x.index.length; j++) {
        const row = x.index[j] * K, v = x.value[j] * step;
        for (let k = 0; k < K; k++) raw[row + k] -= p[k] * v;
      }
      for (let k = 0; k < K; k++) bias[k] -= lr * p[k];
    }
  }
  const weights = new Float32Array(dims * K);
  for (let q = 0; q < raw.length; q++) weights[q] = raw[q] * scale;
  return { weights, bias: Float32Array.from(bias) };
}
