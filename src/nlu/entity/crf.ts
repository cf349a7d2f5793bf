// Linear-chain conditional random field over BIO tags (Lafferty et al. 2001),
// trained by stochastic gradient descent on the L2-regularised conditional
// log-likelihood. The result has the weights layout of tagger.ts and is decoded
// by its Viterbi. Parameters are sparse: a feature gets a weight only for O and
// the tags it was seen with in training; transitions are the edges the BIO rule
// allows, and B-y may follow a span of x only if some training sentence has
// that. Forward-backward runs in scaled probability space over those edges.
// Chosen by cross-validation (bench/nlu/cv.ts) over the averaged perceptron
// this replaced, over dense feature × tag weights and over all-pairs
// transitions, and SGD over L-BFGS (same accuracy, far faster on large apps);
// the SGD weights are averaged over the second half of the epochs (Polyak).
import { seededRandom, shuffleInPlace } from '../text/hash.ts';
import { tagCount, type FeatureRows, type TaggerWeights } from './tagger.ts';

export interface CrfOptions {
  /** L2 strength: objective = Σ -log p(y|x) + l2/2 · |w|² */
  l2: number;
  epochs: number;
  seed: number;
}

/** Weight of transitions outside the model's edges: never chosen when an allowed path exists. */
export const FORBIDDEN = -1e4;

interface Structure {
  T: number;
  /** per feature: its parameters' tags are tags[start[f] .. start[f+1]) */
  start: Int32Array;
  tags: Int32Array;
  /** transition edges (from p, T = sentence start, to t), grouped by t */
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeStart: Int32Array;
  /** parameter count: emission params, then one per edge */
  emissionParams: number;
}

function structure(sentences: FeatureRows[], gold: Int32Array[], labels: number, dims: number, dense = false): Structure {
  const T = tagCount(labels);
  const seen: Array<Set<number> | undefined> = new Array(dims);
  sentences.forEach((rows, s) => rows.forEach((r, i) => {
    const t = gold[s][i];
    for (let j = 0; j < r.length; j++) (seen[r[j]] ??= new Set([0])).add(t);
  }));
  const start = new Int32Array(dims + 1);
  const tags: number[] = [];
  for (let f = 0; f < dims; f++) {
    start[f] = tags.length;
    if (dense) for (let t = 0; t < T; t++) tags.push(t);
    else if (seen[f]) tags.push(...[...seen[f]!].sort((a, b) => a - b));
  }
  start[dims] = tags.length;
  // B-y may follow a span of x only if some training sentence has that
  const adjacent = new Set<number>();
  gold.forEach((g) => { for (let i = 1; i < g.length; i++) if (g[i - 1] !== 0 && (g[i] & 1) === 1) adjacent.add(((g[i - 1] - 1) >> 1) * T + g[i]); });
  const from: number[] = [], to: number[] = [];
  const edgeStart = new Int32Array(T + 1);
  for (let t = 0; t < T; t++) {
    edgeStart[t] = from.length;
    for (let p = 0; p <= T; p++) {
      const ok = t === 0 || p === T || p === 0 ? (t === 0 || (t & 1) === 1)
        : (t & 1) === 1 ? adjacent.has(((p - 1) >> 1) * T + t)
          : p === t || p === t - 1;
      if (ok) { from.push(p); to.push(t); }
    }
  }
  edgeStart[T] = from.length;
  return { T, start, tags: Int32Array.from(tags), edgeFrom: Int32Array.from(from), edgeTo: Int32Array.from(to), edgeStart, emissionParams: tags.length };
}

/** Per sentence work buffers, sized for the longest sentence. */
interface Lattice { alpha: Float64Array; beta: Float64Array; e: Float64Array; q: Float64Array; scale: Float64Array; shift: Float64Array; edgeOf: Int32Array }

/** Negative log-likelihood of one sentence; adds its gradient into g. */
function sentenceLoss(w: Float64Array, st: Structure, rows: FeatureRows, gold: Int32Array, expE: Float64Array, g: Float64Array, L: Lattice, a = 1): number {
  const { T, start, tags, edgeFrom, edgeTo, edgeStart, emissionParams: P } = st;
  const n = rows.length;
  const { alpha, beta, e, q, scale, shift, edgeOf } = L;
  let goldScore = 0;
  for (let i = 0; i < n; i++) {
    const base = i * T, r = rows[i];
    for (let t = 0; t < T; t++) e[base + t] = 0;
    for (let j = 0; j < r.length; j++) {
      const f = r[j];
      for (let k = start[f]; k < start[f + 1]; k++) e[base + tags[k]] += w[k];
    }
    if (a !== 1) for (let t = 0; t < T; t++) e[base + t] *= a;
    goldScore += e[base + gold[i]];
    goldScore += a * w[P + edgeOf[(i === 0 ? T : gold[i - 1]) * T + gold[i]]];
    let m = -Infinity;
    for (let t = 0; t < T; t++) if (e[base + t] > m) m = e[base + t];
    shift[i] = m;
    for (let t = 0; t < T; t++) e[base + t] = Math.exp(e[base + t] - m);
  }
  // forward; alpha has a row per position after a virtual start row, and a column for the start state
  const S = T + 1;
  for (let t = 0; t <= T; t++) alpha[t] = 0;
  alpha[T] = 1;
  let logZ = 0;
  for (let i = 0; i < n; i++) {
    const prev = i * S, cur = prev + S, em = i * T;
    let c = 0;
    for (let t = 0; t < T; t++) {
      let s = 0;
      for (let k = edgeStart[t]; k < edgeStart[t + 1]; k++) s += alpha[prev + edgeFrom[k]] * expE[k];
      const v = s * e[em + t];
      alpha[cur + t] = v; c += v;
    }
    alpha[cur + T] = 0;
    for (let t = 0; t < T; t++) alpha[cur + t] /= c;
    scale[i] = c; logZ += Math.log(c) + shift[i];
  }
  // backward (beta rows as alpha's, without the start row)
  const last = (n - 1) * S;
  for (let t = 0; t <= T; t++) beta[last + t] = 1;
  const E = edgeFrom.length;
  for (let i = n - 2; i >= 0; i--) {
    const cur = i * S, next = cur + S, em = (i + 1) * T, c = scale[i + 1];
    for (let t = 0; t < T; t++) q[t] = e[em + t] * beta[next + t] / c;
    for (let t = 0; t <= T; t++) beta[cur + t] = 0;
    for (let k = 0; k < E; k++) beta[cur + edgeFrom[k]] += expE[k] * q[edgeTo[k]];
  }
  // gradient: expected minus observed counts
  for (let i = 0; i < n; i++) {
    const at = (i + 1) * S, bt = i * S, r = rows[i], gt = gold[i];
    for (let j = 0; j < r.length; j++) {
      const f = r[j];
      for (let k = start[f]; k < start[f + 1]; k++) {
        const t = tags[k];
        g[k] += alpha[at + t] * beta[bt + t] - (t === gt ? 1 : 0);
      }
    }
    g[P + edgeOf[(i === 0 ? T : gold[i - 1]) * T + gt]] -= 1;
  }
  for (let i = 0; i < n; i++) {
    const prev = i * S, em = i * T, c = scale[i];
    for (let t = 0; t < T; t++) q[t] = e[em + t] * beta[prev + t] / c;
    for (let k = 0; k < E; k++) g[P + k] += alpha[prev + edgeFrom[k]] * expE[k] * q[edgeTo[k]];
  }
  return logZ - goldScore;
}

function lattice(sentences: FeatureRows[], st: Structure): Lattice {
  const T = st.T, E = st.edgeFrom.length;
  const maxLen = Math.max(1, ...sentences.map((s) => s.length));
  const edgeOf = new Int32Array((T + 1) * T).fill(-1);
  for (let k = 0; k < E; k++) edgeOf[st.edgeFrom[k] * T + st.edgeTo[k]] = k;
  return {
    alpha: new Float64Array((maxLen + 1) * (T + 1)), beta: new Float64Array(maxLen * (T + 1)), e: new Float64Array(maxLen * T), q: new Float64Array(T),
    scale: new Float64Array(maxLen), shift: new Float64Array(maxLen), edgeOf,
  };
}

/** Weight snapshots per epoch averaged into the final weights. */
const AVG_SNAPSHOTS = 10;

/**
 * Stochastic gradient descent (Bottou 2010): per-sentence steps with learning rate
 * eta0 / (1 + mu·eta0·t), mu = l2 / sentences, weight decay done lazily by one scale factor.
 */
function sgd(sentences: FeatureRows[], gold: Int32Array[], st: Structure, l2: number, epochs: number, seed: number): Float64Array {
  const P = st.emissionParams, E = st.edgeFrom.length;
  const N = P + E;
  const L = lattice(sentences, st);
  const order = sentences.map((_, i) => i).filter((i) => sentences[i].length > 0);
  const mu = l2 / Math.max(1, order.length);
  const expE = new Float64Array(E);
  // Polyak averaging: the returned weights are the mean of AVG_SNAPSHOTS snapshots per
  // epoch over the second half of the epochs (snapshots, not every step, so the cost is
  // a few dense passes per epoch)
  const avg = new Float64Array(N);
  let avgCount = 0;
  const run = (w: Float64Array, g: Float64Array, ids: number[], eta0: number, epochs: number, calibrating: boolean): number => {
    let a = 1, t = 0;
    const every = Math.max(1, Math.ceil(ids.length / AVG_SNAPSHOTS));
    const random = seededRandom(seed);
    for (let ep = 0; ep < epochs; ep++) {
      if (!calibrating) shuffleInPlace(ids, random);
      let done = 0;
      for (const s of ids) {
        const eta = eta0 / (1 + mu * eta0 * t++);
        for (let k = 0; k < E; k++) expE[k] = Math.exp(a * w[P + k]);
        sentenceLoss(w, st, sentences[s], gold[s], expE, g, L, a);
        a *= 1 - eta * mu;
        const step = eta / a;
        for (const r of sentences[s]) for (let j = 0; j < r.length; j++) {
          const f = r[j];
          for (let k = st.start[f]; k < st.start[f + 1]; k++) if (g[k] !== 0) { w[k] -= step * g[k]; g[k] = 0; }
        }
        for (let k = P; k < N; k++) { w[k] -= step * g[k]; g[k] = 0; }
        if (a < 1e-6) { for (let k = 0; k < N; k++) w[k] *= a; a = 1; }
        if (!calibrating && ep >= epochs >> 1 && (++done % every === 0 || done === ids.length)) {
          for (let k = 0; k < N; k++) avg[k] += a * w[k];
          avgCount++;
        }
      }
    }
    for (let k = 0; k < N; k++) w[k] *= a;
    if (!calibrating) return 0;
    // objective over the given sentences
    let f = 0;
    for (let k = 0; k < E; k++) expE[k] = Math.exp(w[P + k]);
    for (const s of ids) f += sentenceLoss(w, st, sentences[s], gold[s], expE, g, L);
    g.fill(0);
    for (let k = 0; k < N; k++) f += 0.5 * mu * ids.length * w[k] * w[k];
    return f;
  };
  const g = new Float64Array(N);
  let eta0 = 0.1;
  {
    // calibrate on a sample: the rate whose single pass gives the lowest objective
    const sample = order.slice(0, 500);
    let best = Infinity;
    for (const cand of [1, 0.3, 0.1, 0.03, 0.01]) {
      const f = run(new Float64Array(N), g, [...sample], cand, 1, true);
      if (f < best) { best = f; eta0 = cand; }
    }
  }
  const w = new Float64Array(N);
  run(w, g, order, eta0, epochs, false);
  if (avgCount > 0) for (let k = 0; k < N; k++) w[k] = avg[k] / avgCount;
  return w;
}

/** The training objective and its gradient over the sparse parameter vector. */
function objective(sentences: FeatureRows[], gold: Int32Array[], st: Structure, l2: number): (w: Float64Array, g: Float64Array) => number {
  const E = st.edgeFrom.length;
  const L = lattice(sentences, st);
  const expE = new Float64Array(E);
  return (w, g) => {
    g.fill(0);
    for (let k = 0; k < E; k++) expE[k] = Math.exp(w[st.emissionParams + k]);
    let f = 0;
    for (let s = 0; s < sentences.length; s++) {
      if (sentences[s].length) f += sentenceLoss(w, st, sentences[s], gold[s], expE, g, L);
    }
    for (let k = 0; k < w.length; k++) { f += 0.5 * l2 * w[k] * w[k]; g[k] += l2 * w[k]; }
    return f;
  };
}

/** For tests: the objective over dense weights (emission dims × T, then transition (T+1) × T), every pair a parameter. */
export function crfObjective(sentences: FeatureRows[], gold: Int32Array[], labels: number, dims: number, l2: number): (w: Float64Array, g: Float64Array) => number {
  const st = structure(sentences, gold, labels, dims, true);
  const inner = objective(sentences, gold, st, l2);
  const T = st.T, P = st.emissionParams;
  const x = new Float64Array(P + st.edgeFrom.length), gx = new Float64Array(x.length);
  return (w, g) => {
    x.set(w.subarray(0, P));
    for (let k = 0; k < st.edgeFrom.length; k++) x[P + k] = w[P + st.edgeFrom[k] * T + st.edgeTo[k]];
    const f = inner(x, gx);
    g.fill(0);
    g.set(gx.subarray(0, P));
    for (let k = 0; k < st.edgeFrom.length; k++) g[P + st.edgeFrom[k] * T + st.edgeTo[k]] = gx[P + k];
    // forbidden transitions are not parameters: count their L2 term so finite differences agree
    for (let q = 0; q < (T + 1) * T; q++) if (g[P + q] === 0) g[P + q] = l2 * w[P + q];
    let extra = 0;
    for (let q = 0; q < (T + 1) * T; q++) extra += 0.5 * l2 * w[P + q] * w[P + q];
    for (let k = 0; k < st.edgeFrom.length; k++) { const v = w[P + st.edgeFrom[k] * T + st.edgeTo[k]]; extra -= 0.5 * l2 * v * v; }
    return f + extra;
  };
}

export function trainCrf(sentences: FeatureRows[], gold: Int32Array[], labels: number, dims: number, o: CrfOptions): TaggerWeights {
  const st = structure(sentences, gold, labels, dims);
  const T = st.T, P = st.emissionParams, E = st.edgeFrom.length;
  const w = sgd(sentences, gold, st, o.l2, o.epochs, o.seed);
  const transition = new Float32Array((T + 1) * T).fill(FORBIDDEN);
  for (let k = 0; k < E; k++) transition[st.edgeFrom[k] * T + st.edgeTo[k]] = w[P + k];
  return { labels, rowStart: Uint32Array.from(st.start), emissionTags: Uint32Array.from(st.tags), emission: Float32Array.from(w.subarray(0, P)), transition };
}
