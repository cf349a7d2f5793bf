/** How an entity was found; maps to LUIS v3 `$instance.modelType`. */
export type EntityKind = 'machineLearned' | 'simple' | 'hierarchical' | 'composite' | 'list' | 'regex' | 'prebuilt' | 'patternAny' | 'external';

export interface PredictedEntity {
  /** entity name as defined in the app (hierarchical: the parent's name) */
  entity: string;
  /**
   * LUIS v2 type string: `builtin.number`, `builtin.datetimeV2.date`, the list/regex/ML entity name,
   * `Parent::Child` for hierarchical children, the composite's name for composites.
   */
  type: string;
  kind: EntityKind;
  /** first character, UTF-16 offset into the query */
  startIndex: number;
  /** last character, inclusive */
  endIndex: number;
  /** the characters [startIndex, endIndex] of the query as written */
  text: string;
  /** confidence in [0, 1] of learned entities (ML, hierarchical, composite) */
  score?: number;
  role?: string;
  /** LUIS v2-shaped resolution: `{ values: [canonical] }` for lists, recognizer resolutions for prebuilts */
  resolution?: Record<string, unknown>;
  /** v3 ML children (nested) or, for composites, the entities the composite is made of */
  children?: PredictedEntity[];
}

export interface IntentScore {
  intent: string;
  score: number;
}

/** A composite entity as LUIS v2 reports it in `compositeEntities`. */
export interface CompositeEntity {
  parentType: string;
  value: string;
  startIndex: number;
  endIndex: number;
  role?: string;
  children: Array<{ type: string; value: string; startIndex: number; endIndex: number }>;
}

export interface Prediction {
  query: string;
  topIntent: string;
  /** every intent of the app, by score, highest first */
  intents: IntentScore[];
  /** all entities found, ordered by startIndex; ML children are nested under their parent only */
  entities: PredictedEntity[];
  compositeEntities: CompositeEntity[];
  /** the pattern that matched, if any (for debugging and verbose output) */
  matchedPattern?: { pattern: string; intent: string };
}

export interface ExternalEntity {
  entityName: string;
  startIndex: number;
  entityLength: number;
  resolution?: unknown;
  score?: number;
}

export interface PredictOptions {
  /** minutes to add to UTC for the user's local time (LUIS v2 `timezoneOffset`) */
  timezoneOffset?: number;
  /** the moment relative dates resolve against (LUIS v3 `datetimeReference`); default now */
  datetimeReference?: string | Date;
  /** accepted for symmetry with the runtime APIs; the Prediction always carries everything */
  verbose?: boolean;
  externalEntities?: ExternalEntity[];
  /** when an external entity overlaps a predicted one of the same name, keep the external one (default true) */
  preferExternalEntities?: boolean;
  dynamicLists?: Array<{ listEntityName: string; requestLists: Array<{ name?: string; canonicalForm: string; synonyms?: string[] }> }>;
}

export const MAX_QUERY_LENGTH = 500;
