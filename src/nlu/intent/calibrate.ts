// Temperature scaling (Guo et al. 2017) of the intent regression's scores. Label
// smoothing helps the regression rank intents (src/nlu/README.md) but caps every
// top score near 1 − smoothing whatever the evidence, and with few utterances per
// intent SGD leaves the scores over- or under-confident. One temperature per model,
// fitted on the app's own utterances by cross-validation, makes the top score read as
// the chance that the answer is right, which is what a bot's "under 0.5 → I did not
// get that" threshold assumes. Dividing the logits by one positive number keeps
// their order, so no top intent changes.

export interface HeldOutLogits {
  /** logits of each held-out utterance, by a model that did not see it */
  logits: Float64Array[];
  /** the utterance's intent */
  ys: number[];
}

const MIN_LOG_T = Math.log(0.05), MAX_LOG_T = Math.log(20);

function meanNegativeLogLikelihood(h: HeldOutLogits, temperature: number): number {
  let sum = 0;
  h.logits.forEach((z, i) => {
    let max = -Infinity;
    for (let k = 0; k < z.length; k++) if (z[k] > max) max = z[k];
    let norm = 0;
    for (let k = 0; k < z.length; k++) norm += Math.exp((z[k] - max) / temperature);
    sum += Math.log(norm) - (z[h.ys[i]] - max) / temperature;
  });
  return sum / Math.max(1, h.logits.length);
}

/** The temperature minimising the held-out log-loss (golden-section search over log T; the loss is convex in 1/T). */
export function fitTemperature(h: HeldOutLogits): number {
  if (!h.logits.length) return 1;
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = MIN_LOG_T, b = MAX_LOG_T;
  let c = b - phi * (b - a), d = a + phi * (b - a);
  let fc = meanNegativeLogLikelihood(h, Math.exp(c)), fd = meanNegativeLogLikelihood(h, Math.exp(d));
  for (let i = 0; i < 40; i++) {
    if (fc < fd) { b = d; d = c; fd = fc; c = b - phi * (b - a); fc = meanNegativeLogLikelihood(h, Math.exp(c)); } else { a = c; c = d; fc = fd; d = a + phi * (b - a); fd = meanNegativeLogLikelihood(h, Math.exp(d)); }
  }
  return Math.round(Math.exp((a + b) / 2) * 1e4) / 1e4;
}

/**
 * The top score under which a bot should answer "I did not get that" (LUIS users'
 * usual rule). The scores are calibrated, so 0.5 means "more likely right than
 * wrong"; on HINT3 it is the threshold our figures are quoted at (src/nlu/README.md).
 */
export const DEFAULT_SCORE_THRESHOLD = 0.5;
