import type { LuisApp } from '../app/types.ts';
import type { StoredGazetteer } from '../entity/gazetteer.ts';
import type { IntentFeatureOptions } from '../intent/features.ts';
import type { IntentFit } from '../intent/fit.ts';

/** The app definition a model carries for prediction (the utterances are not needed). */
export type AppDefinition = Omit<LuisApp, 'utterances'>;

/** One tagger over span labels that never overlap one another in the training data. */
export interface TaggerLayer {
  /** span label names: `path` joined by PATH_SEP, optionally ROLE_SEP + role */
  labels: string[];
  /** feature keys of the emission rows */
  keys: Uint32Array;
  /** sparse emission weights, as TaggerWeights */
  rowStart: Uint32Array;
  emissionTags: Uint32Array;
  emission: Float32Array;
  transition: Float32Array;
}

export interface Model {
  formatVersion: number;
  culture: string;
  seed: number;
  app: AppDefinition;
  intents: string[];
  /** the intent regressions (one, or an ensemble whose probabilities are averaged) and their temperature */
  intent: IntentFit;
  /** hashes of normalised words seen in training, sorted (for the out-of-domain rule) */
  knownWords: Uint32Array;
  /** labelled values of the learned entities in training, for the taggers' gazetteer features */
  gazetteer: StoredGazetteer;
  layers: TaggerLayer[];
}

// 4: calibrated intent scores (temperature; features normalised over the unseen ones too)
// 5: the intent model may be an ensemble of regressions over different feature sets (their probabilities averaged)
export const MODEL_FORMAT_VERSION = 5;
export const PATH_SEP = '\u001f';
export const ROLE_SEP = '\u001e';

export interface TrainOptions {
  seed?: number;
  culture?: string;
  /** advanced: L2 strength of the intent classifier */
  l2?: number;
  /** advanced: SGD epochs of the intent classifier (default grows for small apps) */
  intentEpochs?: number;
  /** advanced: SGD epochs of the entity taggers (CRFs) */
  taggerEpochs?: number;
  /** advanced: L2 strength of the entity taggers (CRFs) */
  taggerL2?: number;
  /** advanced: intent feature set */
  intentFeatures?: Partial<IntentFeatureOptions>;
  /** advanced: also learn each intent from the words of its name (default true; intent/names.ts) */
  intentNames?: boolean;
  /** advanced: also train None on the engine's generic background text (default true; intent/background.ts) */
  background?: boolean;
}
