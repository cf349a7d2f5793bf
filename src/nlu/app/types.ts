// The canonical, schema-version-independent form of a LUIS app. Every exported
// schema (2.x–7.x) parses into this shape, and it exports back to any of them.

/** A model feature reference (v6+ "features"): a phrase list or another model (entity). */
export interface FeatureRef {
  kind: 'phraselist' | 'model';
  name: string;
  isRequired: boolean;
}

export interface IntentDef {
  name: string;
  features: FeatureRef[];
}

/** A machine-learned entity (v2 "simple" entities are ML entities without children). */
export interface MlEntityDef {
  name: string;
  roles: string[];
  children: MlChildDef[];
  features: FeatureRef[];
  /** v6 `instanceOf`: a prebuilt or other entity whose matches this entity's values must be. */
  instanceOf?: string;
}

export interface MlChildDef {
  name: string;
  children: MlChildDef[];
  features: FeatureRef[];
  instanceOf?: string;
}

/** v2 hierarchical entity: labels are written `Parent::Child`. */
export interface HierarchicalDef {
  name: string;
  children: string[];
  roles: string[];
}

/** Composite: a labelled span whose parts are other entities (children may be `Parent::Child` or prebuilt names). */
export interface CompositeDef {
  name: string;
  children: string[];
  roles: string[];
}

export interface SubList {
  canonicalForm: string;
  list: string[];
}

export interface ListEntityDef {
  name: string;
  subLists: SubList[];
  roles: string[];
}

export interface RegexEntityDef {
  name: string;
  regexPattern: string;
  roles: string[];
}

export interface PrebuiltEntityDef {
  name: string;
  roles: string[];
}

export interface PatternAnyDef {
  name: string;
  explicitList: string[];
  roles: string[];
}

export interface PatternDef {
  pattern: string;
  intent: string;
}

export interface PhraseListDef {
  name: string;
  /** The phrases, in order (exports store them comma-separated). */
  words: string[];
  /** true = interchangeable (synonyms), as LUIS `mode`. */
  mode: boolean;
  activated: boolean;
  enabledForAllModels: boolean;
}

export interface RegexFeatureDef {
  name: string;
  pattern: string;
  activated: boolean;
}

/**
 * A labelled span in a training utterance; startPos/endPos are inclusive UTF-16 offsets.
 * ML child labels are nested under their parent's label; hierarchical children use `Parent::Child`.
 */
export interface EntityLabel {
  entity: string;
  startPos: number;
  endPos: number;
  role?: string;
  children?: EntityLabel[];
}

export interface Utterance {
  text: string;
  intent: string;
  entities: EntityLabel[];
}

export interface Setting {
  name: string;
  value: string;
}

export interface LuisApp {
  name: string;
  versionId: string;
  desc: string;
  culture: string;
  tokenizerVersion?: string;
  intents: IntentDef[];
  entities: MlEntityDef[];
  hierarchicals: HierarchicalDef[];
  composites: CompositeDef[];
  closedLists: ListEntityDef[];
  regexEntities: RegexEntityDef[];
  prebuiltEntities: PrebuiltEntityDef[];
  patternAnyEntities: PatternAnyDef[];
  patterns: PatternDef[];
  phraselists: PhraseListDef[];
  regexFeatures: RegexFeatureDef[];
  utterances: Utterance[];
  settings: Setting[];
}

/** Prebuilt entity names this engine can recognise (others are accepted in apps and recognise nothing). */
export const SUPPORTED_PREBUILTS = [
  'number', 'ordinal', 'ordinalV2', 'percentage', 'dimension', 'age', 'temperature', 'money',
  'datetimeV2', 'email', 'url', 'phonenumber', 'geographyV2', 'personName', 'keyPhrase',
] as const;

/** Prebuilt names LUIS knows; accepted in apps (the retired ones recognise nothing here). */
export const KNOWN_PREBUILTS = new Set<string>([
  ...SUPPORTED_PREBUILTS, 'datetime', 'encyclopedia', 'geography',
]);
