// LUIS's numbered model types, one table for the authoring API (typeId,
// readableType) and the v3 runtime's $instance (modelTypeId, modelType).
import type { EntityKind } from '../../nlu/index.ts';
import type { EntityCollection } from './document.ts';

export interface ModelType {
  id: number;
  name: string;
}

const ENTITY_EXTRACTOR: ModelType = { id: 1, name: 'Entity Extractor' };

export const INTENT_MODEL_TYPE: ModelType = { id: 0, name: 'Intent Classifier' };

export const MODEL_TYPE_OF_KIND: Record<EntityKind, ModelType> = {
  machineLearned: ENTITY_EXTRACTOR,
  simple: ENTITY_EXTRACTOR,
  external: ENTITY_EXTRACTOR,
  prebuilt: { id: 2, name: 'Prebuilt Entity Extractor' },
  hierarchical: { id: 3, name: 'Hierarchical Entity Extractor' },
  composite: { id: 4, name: 'Composite Entity Extractor' },
  list: { id: 5, name: 'List Entity Extractor' },
  patternAny: { id: 7, name: 'Pattern.Any Entity Extractor' },
  regex: { id: 8, name: 'Regex Entity Extractor' },
};

export const MODEL_TYPE_OF_COLLECTION: Record<EntityCollection, ModelType> = {
  entities: MODEL_TYPE_OF_KIND.machineLearned,
  prebuiltEntities: MODEL_TYPE_OF_KIND.prebuilt,
  hierarchicals: MODEL_TYPE_OF_KIND.hierarchical,
  composites: MODEL_TYPE_OF_KIND.composite,
  closedLists: MODEL_TYPE_OF_KIND.list,
  patternAnyEntities: MODEL_TYPE_OF_KIND.patternAny,
  regexEntities: MODEL_TYPE_OF_KIND.regex,
};
