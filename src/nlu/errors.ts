/** An exported LUIS app that cannot be used as given; the message names the offending part. */
export class AppValidationError extends Error {
  override name = 'AppValidationError';
  /** JSON-path-like location of the problem, e.g. `utterances[3].entities[0]`. */
  readonly path: string;
  constructor(path: string, message: string) {
    super(path ? `${path}: ${message}` : message);
    this.path = path;
  }
}

/** Serialized model bytes that this version of the engine will not read. */
export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

/** A prediction request that cannot be answered (empty or over-long query, bad option). */
export class PredictionInputError extends Error {
  override name = 'PredictionInputError';
}
