import { AppValidationError } from '../errors.ts';
import type { EntityLabel, FeatureRef, LuisApp, MlChildDef } from './types.ts';

type Json = Record<string, unknown>;

const featureJson = (f: FeatureRef): Json =>
  f.kind === 'phraselist' ? { featureName: f.name, isRequired: f.isRequired } : { modelName: f.name, isRequired: f.isRequired };

function childJson(c: MlChildDef): Json {
  const out: Json = { name: c.name, children: c.children.map(childJson), features: c.features.map(featureJson) };
  if (c.instanceOf) out.instanceOf = c.instanceOf;
  return out;
}

function labelJson(l: EntityLabel, nested: boolean): Json[] {
  const own: Json = { entity: l.entity, startPos: l.startPos, endPos: l.endPos };
  if (l.role !== undefined) own.role = l.role;
  if (!l.children?.length) return [own];
  if (nested) return [{ ...own, children: l.children.flatMap((c) => labelJson(c, true)) }];
  return [own, ...l.children.flatMap((c) => labelJson(c, false))];
}

/**
 * Writes the canonical app as a LUIS export of the given schema version.
 * 6.x and later nest ML child labels and use `phraselists`; earlier versions write labels flat and
 * use `model_features`, and cannot carry ML entities with children (an AppValidationError says so).
 */
export function exportLuisApp(app: LuisApp, schemaVersion = '7.0.0'): Record<string, unknown> {
  const m = /^(\d+)\.\d+(\.\d+)?$/.exec(schemaVersion);
  const major = m ? Number(m[1]) : NaN;
  if (!(major >= 2 && major <= 7)) throw new AppValidationError('schemaVersion', `"${schemaVersion}" is not a LUIS schema version this engine writes (2.x to 7.x)`);
  const modern = major >= 6;
  if (!modern) {
    const withChildren = app.entities.find((e) => e.children.length > 0);
    if (withChildren) throw new AppValidationError(`entities "${withChildren.name}"`, `machine-learned entities with children need schema 6.0.0 or later, not ${schemaVersion}`);
  }
  const phraselists = app.phraselists.map((p) => {
    const o: Json = { name: p.name, mode: p.mode, words: p.words.join(','), activated: p.activated };
    if (modern) o.enabledForAllModels = p.enabledForAllModels;
    return o;
  });
  const out: Json = {
    luis_schema_version: schemaVersion,
    versionId: app.versionId,
    name: app.name,
    desc: app.desc,
    culture: app.culture,
  };
  if (app.tokenizerVersion !== undefined) out.tokenizerVersion = app.tokenizerVersion;
  Object.assign(out, {
    intents: app.intents.map((i) => (modern ? { name: i.name, features: i.features.map(featureJson) } : { name: i.name })),
    entities: app.entities.map((e) => {
      const o: Json = { name: e.name, roles: [...e.roles] };
      if (modern) Object.assign(o, { children: e.children.map(childJson), features: e.features.map(featureJson) });
      if (e.instanceOf) o.instanceOf = e.instanceOf;
      return o;
    }),
    hierarchicals: app.hierarchicals.map((h) => ({ name: h.name, children: [...h.children], roles: [...h.roles] })),
    composites: app.composites.map((c) => ({ name: c.name, children: [...c.children], roles: [...c.roles] })),
    closedLists: app.closedLists.map((c) => ({
      name: c.name, subLists: c.subLists.map((s) => ({ canonicalForm: s.canonicalForm, list: [...s.list] })), roles: [...c.roles],
    })),
    prebuiltEntities: app.prebuiltEntities.map((p) => ({ name: p.name, roles: [...p.roles] })),
    patternAnyEntities: app.patternAnyEntities.map((p) => ({ name: p.name, roles: [...p.roles], explicitList: [...p.explicitList] })),
    regex_entities: app.regexEntities.map((r) => ({ name: r.name, regexPattern: r.regexPattern, roles: [...r.roles] })),
    [modern ? 'phraselists' : 'model_features']: phraselists,
    regex_features: app.regexFeatures.map((r) => ({ name: r.name, pattern: r.pattern, activated: r.activated })),
    patterns: app.patterns.map((p) => ({ pattern: p.pattern, intent: p.intent })),
    utterances: app.utterances.map((u) => ({
      text: u.text, intent: u.intent, entities: u.entities.flatMap((l) => labelJson(l, modern)),
    })),
    settings: app.settings.map((s) => ({ name: s.name, value: s.value })),
  });
  return out;
}
