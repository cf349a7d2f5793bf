// A version of a LUIS app as the authoring API edits it: the engine's
// canonical LuisApp plus the ids the API hands out (GUIDs for intents,
// entities, roles and patterns; numbers for examples, phrase lists, sublists
// and explicit-list items). Stored as JSON, converted to a LuisApp to train
// or export, and built from a LuisApp on import.
import { randomUUID } from 'node:crypto';
import type {
  EntityLabel, FeatureRef, LuisApp, MlChildDef, PhraseListDef, RegexFeatureDef, Setting,
} from '../../nlu/index.ts';

export interface Role { id: string; name: string }
export interface NamedChild { id: string; name: string }

export interface IntentItem { id: string; name: string; features: FeatureRef[] }
export interface MlEntityItem { id: string; name: string; roles: Role[]; children: MlChildDef[]; features: FeatureRef[]; instanceOf?: string }
export interface ChildrenEntityItem { id: string; name: string; roles: Role[]; children: NamedChild[] }
export interface SubListItem { id: number; canonicalForm: string; list: string[] }
export interface ClosedListItem { id: string; name: string; roles: Role[]; subLists: SubListItem[] }
export interface RegexEntityItem { id: string; name: string; roles: Role[]; regexPattern: string }
export interface PrebuiltItem { id: string; name: string; roles: Role[] }
export interface ExplicitListItem { id: number; explicitListItem: string }
export interface PatternAnyItem { id: string; name: string; roles: Role[]; explicitList: ExplicitListItem[] }
export interface PatternItem { id: string; pattern: string; intent: string }
export interface PhraseListItem extends PhraseListDef { id: number }
export interface ExampleItem { id: number; text: string; intent: string; entities: EntityLabel[] }

export interface VersionDoc {
  name: string;
  versionId: string;
  desc: string;
  culture: string;
  tokenizerVersion?: string;
  intents: IntentItem[];
  entities: MlEntityItem[];
  hierarchicals: ChildrenEntityItem[];
  composites: ChildrenEntityItem[];
  closedLists: ClosedListItem[];
  regexEntities: RegexEntityItem[];
  prebuiltEntities: PrebuiltItem[];
  patternAnyEntities: PatternAnyItem[];
  patterns: PatternItem[];
  phraselists: PhraseListItem[];
  regexFeatures: RegexFeatureDef[];
  utterances: ExampleItem[];
  settings: Setting[];
  /** Next number id (examples, phrase lists, sublists, explicit-list items). */
  nextNumber: number;
}

/** Every kind of entity model, with the collection of the document that holds it. */
export const ENTITY_COLLECTIONS = ['entities', 'hierarchicals', 'composites', 'closedLists', 'regexEntities', 'prebuiltEntities', 'patternAnyEntities'] as const;
export type EntityCollection = typeof ENTITY_COLLECTIONS[number];

const roles = (names: string[]): Role[] => names.map((name) => ({ id: randomUUID(), name }));
const roleNames = (rs: Role[]): string[] => rs.map((r) => r.name);

/** Builds a document from an imported (or parsed) app; every item gets a fresh id. */
export function docFromApp(app: LuisApp): VersionDoc {
  let next = 1;
  const number = () => next++;
  const doc: VersionDoc = {
    name: app.name, versionId: app.versionId, desc: app.desc, culture: app.culture,
    ...(app.tokenizerVersion !== undefined ? { tokenizerVersion: app.tokenizerVersion } : {}),
    intents: app.intents.map((i) => ({ id: randomUUID(), name: i.name, features: i.features })),
    entities: app.entities.map((e) => ({
      id: randomUUID(), name: e.name, roles: roles(e.roles), children: e.children, features: e.features,
      ...(e.instanceOf ? { instanceOf: e.instanceOf } : {}),
    })),
    hierarchicals: app.hierarchicals.map((h) => ({ id: randomUUID(), name: h.name, roles: roles(h.roles), children: h.children.map((name) => ({ id: randomUUID(), name })) })),
    composites: app.composites.map((c) => ({ id: randomUUID(), name: c.name, roles: roles(c.roles), children: c.children.map((name) => ({ id: randomUUID(), name })) })),
    closedLists: app.closedLists.map((c) => ({
      id: randomUUID(), name: c.name, roles: roles(c.roles),
      subLists: c.subLists.map((s) => ({ id: number(), canonicalForm: s.canonicalForm, list: [...s.list] })),
    })),
    regexEntities: app.regexEntities.map((r) => ({ id: randomUUID(), name: r.name, roles: roles(r.roles), regexPattern: r.regexPattern })),
    prebuiltEntities: app.prebuiltEntities.map((p) => ({ id: randomUUID(), name: p.name, roles: roles(p.roles) })),
    patternAnyEntities: app.patternAnyEntities.map((p) => ({
      id: randomUUID(), name: p.name, roles: roles(p.roles),
      explicitList: p.explicitList.map((item) => ({ id: number(), explicitListItem: item })),
    })),
    patterns: app.patterns.map((p) => ({ id: randomUUID(), pattern: p.pattern, intent: p.intent })),
    phraselists: app.phraselists.map((p) => ({ ...p, id: number() })),
    regexFeatures: app.regexFeatures.map((r) => ({ ...r })),
    utterances: app.utterances.map((u) => ({ id: number(), text: u.text, intent: u.intent, entities: u.entities })),
    settings: app.settings.map((s) => ({ ...s })),
    nextNumber: 0,
  };
  doc.nextNumber = next;
  return doc;
}

/** The engine's view of a document: what is trained and exported. */
export function appFromDoc(doc: VersionDoc): LuisApp {
  return {
    name: doc.name, versionId: doc.versionId, desc: doc.desc, culture: doc.culture,
    ...(doc.tokenizerVersion !== undefined ? { tokenizerVersion: doc.tokenizerVersion } : {}),
    intents: doc.intents.map((i) => ({ name: i.name, features: i.features })),
    entities: doc.entities.map((e) => ({
      name: e.name, roles: roleNames(e.roles), children: e.children, features: e.features,
      ...(e.instanceOf ? { instanceOf: e.instanceOf } : {}),
    })),
    hierarchicals: doc.hierarchicals.map((h) => ({ name: h.name, roles: roleNames(h.roles), children: h.children.map((c) => c.name) })),
    composites: doc.composites.map((c) => ({ name: c.name, roles: roleNames(c.roles), children: c.children.map((x) => x.name) })),
    closedLists: doc.closedLists.map((c) => ({ name: c.name, roles: roleNames(c.roles), subLists: c.subLists.map((s) => ({ canonicalForm: s.canonicalForm, list: s.list })) })),
    regexEntities: doc.regexEntities.map((r) => ({ name: r.name, roles: roleNames(r.roles), regexPattern: r.regexPattern })),
    prebuiltEntities: doc.prebuiltEntities.map((p) => ({ name: p.name, roles: roleNames(p.roles) })),
    patternAnyEntities: doc.patternAnyEntities.map((p) => ({ name: p.name, roles: roleNames(p.roles), explicitList: p.explicitList.map((e) => e.explicitListItem) })),
    patterns: doc.patterns.map((p) => ({ pattern: p.pattern, intent: p.intent })),
    phraselists: doc.phraselists.map(({ id: _id, ...p }) => p),
    regexFeatures: doc.regexFeatures,
    utterances: doc.utterances.map((u) => ({ text: u.text, intent: u.intent, entities: u.entities })),
    settings: doc.settings,
  };
}

/** A new empty version: LUIS creates every app with the None intent. */
export function emptyDoc(name: string, versionId: string, culture: string, desc: string): VersionDoc {
  return {
    name, versionId, desc, culture,
    intents: [{ id: randomUUID(), name: 'None', features: [] }],
    entities: [], hierarchicals: [], composites: [], closedLists: [], regexEntities: [], prebuiltEntities: [],
    patternAnyEntities: [], patterns: [], phraselists: [], regexFeatures: [], utterances: [], settings: [],
    nextNumber: 1,
  };
}

/** A copy of a document with fresh ids everywhere (for clone, which must not share ids between versions). */
export function cloneDoc(doc: VersionDoc, versionId: string): VersionDoc {
  const copy = docFromApp({ ...appFromDoc(doc), versionId });
  return copy;
}

export function takeNumber(doc: VersionDoc): number {
  return doc.nextNumber++;
}

/** Every entity model of the document, with the collection it lives in. */
export function allEntities(doc: VersionDoc): Array<{ collection: EntityCollection; item: { id: string; name: string; roles: Role[] } }> {
  return ENTITY_COLLECTIONS.flatMap((collection) => (doc[collection] as Array<{ id: string; name: string; roles: Role[] }>).map((item) => ({ collection, item })));
}
