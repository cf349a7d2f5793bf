// Public surface of the NLU engine. Nothing here depends on the rest of Portico.
export { parseLuisApp } from './app/parse.ts';
export { exportLuisApp } from './app/export.ts';
export type * from './app/types.ts';
export { KNOWN_PREBUILTS } from './app/types.ts';
export { AppValidationError, ModelFormatError, PredictionInputError } from './errors.ts';
export { train } from './model/train.ts';
export { predict } from './model/predict.ts';
export { serializeModel, loadModel, modelFormatVersion, isCurrentModelFormat } from './model/serialize.ts';
export type { Model, TrainOptions } from './model/types.ts';
export { MODEL_FORMAT_VERSION } from './model/types.ts';
export type * from './model/prediction.ts';
export { MAX_QUERY_LENGTH } from './model/prediction.ts';
export { DEFAULT_SCORE_THRESHOLD } from './intent/calibrate.ts';
export { tokenize, normalizeText, type Token } from './text/tokenize.ts';
export { geography as loadBuiltInLexicons } from './entity/geography.ts';
export { prebuiltCultureProblem } from './entity/cultures.ts';
