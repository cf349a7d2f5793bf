// JSON shapes the authoring API answers with.
import type { AppRow } from '../service.ts';
import type { VersionRow } from '../store/versions.ts';
import type { VersionDoc, Role } from '../app/document.ts';
import type { EntityCollection } from '../app/document.ts';
import type { MlChildDef } from '../../nlu/index.ts';
import { INTENT_MODEL_TYPE, MODEL_TYPE_OF_COLLECTION } from '../app/model-types.ts';

export const iso = (ms: number | null | undefined) => (ms ? new Date(Number(ms)).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined);

export function appInfo(app: AppRow, versionsCount: number, endpoints: Record<string, unknown>, ownerEmail: string) {
  return {
    id: app.id, name: app.name, description: app.description, culture: app.culture, usageScenario: app.usage_scenario,
    domain: app.domain, versionsCount, createdDateTime: iso(app.created_at), endpoints, endpointHitsCount: 0,
    activeVersion: app.active_version, ownerEmail, tokenizerVersion: '1.0.0',
  };
}

export function trainingState(v: Pick<VersionRow, 'training_status' | 'trained_revision' | 'revision'>): 'NeedsTraining' | 'InProgress' | 'Trained' {
  if (v.training_status === 'Queued' || v.training_status === 'InProgress') return 'InProgress';
  return v.trained_revision === v.revision ? 'Trained' : 'NeedsTraining';
}

export function versionInfo(v: VersionRow, doc: VersionDoc, endpointUrl: string) {
  return {
    version: v.version_id,
    createdDateTime: iso(v.created_at),
    lastModifiedDateTime: iso(v.updated_at),
    lastTrainedDateTime: iso(v.trained_at),
    lastPublishedDateTime: iso(v.published_at),
    endpointUrl,
    assignedEndpointKey: {},
    externalApiKeys: {},
    intentsCount: doc.intents.length,
    entitiesCount: doc.entities.length + doc.hierarchicals.length + doc.composites.length + doc.closedLists.length
      + doc.regexEntities.length + doc.prebuiltEntities.length + doc.patternAnyEntities.length,
    endpointHitsCount: 0,
    trainingStatus: trainingState(v),
  };
}

/** LUIS's model type id and name, as the authoring API spells them. */
export function authoringModelType(collection: EntityCollection | 'intents'): { typeId: number; readableType: string } {
  const type = collection === 'intents' ? INTENT_MODEL_TYPE : MODEL_TYPE_OF_COLLECTION[collection];
  return { typeId: type.id, readableType: type.name };
}

const roles = (rs: Role[]) => rs.map((r) => ({ id: r.id, name: r.name }));

/** A machine-learned entity's child as LUIS writes it (its features as featureName or modelName), not as the engine keeps it. */
function mlChild(c: MlChildDef): Record<string, unknown> {
  const features = c.features.map((f) => (f.kind === 'phraselist' ? { featureName: f.name, isRequired: f.isRequired } : { modelName: f.name, isRequired: f.isRequired }));
  return { name: c.name, ...(c.instanceOf ? { instanceOf: c.instanceOf } : {}), children: c.children.map(mlChild), features };
}

/** One entity model as its GET answers it. */
export function entityInfo(collection: EntityCollection, item: any): Record<string, unknown> {
  const base = { id: item.id, name: item.name, ...authoringModelType(collection), roles: roles(item.roles) };
  switch (collection) {
    case 'hierarchicals':
    case 'composites':
      return { ...base, children: item.children.map((c: { id: string; name: string }) => ({ id: c.id, name: c.name })) };
    case 'closedLists':
      return { ...base, subLists: item.subLists.map((s: any) => ({ id: s.id, canonicalForm: s.canonicalForm, list: s.list })) };
    case 'regexEntities':
      return { ...base, regexPattern: item.regexPattern };
    case 'patternAnyEntities':
      return { ...base, explicitList: item.explicitList.map((e: any) => ({ id: e.id, explicitListItem: e.explicitListItem })) };
    case 'entities':
      return item.children?.length ? { ...base, children: item.children.map(mlChild) } : base;
    default:
      return base;
  }
}

export function intentInfo(i: { id: string; name: string }) {
  return { id: i.id, name: i.name, ...authoringModelType('intents') };
}
