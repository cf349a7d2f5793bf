// Azure's migration path from LUIS to CLU: a LUIS app's JSON export becomes a
// CLU project. Intents, machine-learned (and hierarchical, composite) entities,
// list and regex entities, prebuilts and labelled utterances carry over; what
// CLU has no place for (patterns, phrase lists, pattern.any, roles, features)
// is left out, and each omission is reported as a warning of the import job.
import type { EntityLabel, LuisApp } from '../../nlu/index.ts';
import type { Assets, EntityDef } from './assets.ts';
import { prebuiltByEngineName } from './prebuilts.ts';

export interface Migrated {
  assets: Assets;
  description: string;
  warnings: Array<{ code: string; message: string }>;
}

/** The name a label's entity carries in CLU: hierarchical `Parent::Child` labels become the child. */
const categoryOf = (entity: string) => (entity.includes('::') ? entity.split('::')[1] : entity);

function flatLabels(labels: EntityLabel[]): EntityLabel[] {
  return labels.flatMap((l) => [l, ...flatLabels(l.children ?? [])]);
}

export function assetsFromLuis(app: LuisApp): Migrated {
  const warnings: Migrated['warnings'] = [];
  const warn = (what: string, count: number) => {
    if (count > 0) warnings.push({ code: 'NotMigrated', message: `${count} ${what} of the LUIS app ${count === 1 ? 'has' : 'have'} no counterpart in CLU and ${count === 1 ? 'was' : 'were'} left out.` });
  };
  warn('pattern(s)', app.patterns.length);
  warn('phrase list(s)', app.phraselists.length);
  warn('pattern.any entit(ies)', app.patternAnyEntities.length);
  warn('regex feature(s)', app.regexFeatures.length);
  const roles = [...app.entities, ...app.closedLists, ...app.regexEntities, ...app.prebuiltEntities, ...app.composites, ...app.hierarchicals]
    .reduce((n, e) => n + e.roles.length, 0);
  warn('entity role(s)', roles);

  const entities = new Map<string, EntityDef>();
  const entity = (category: string) => {
    if (!entities.has(category)) entities.set(category, { category });
    return entities.get(category)!;
  };
  const learned = new Set<string>();
  const visitMl = (name: string, children: Array<{ name: string; children: any[] }>) => {
    learned.add(name);
    for (const c of children) visitMl(c.name, c.children);
  };
  for (const e of app.entities) visitMl(e.name, e.children);
  for (const h of app.hierarchicals) h.children.forEach((c) => learned.add(c));
  for (const c of app.composites) learned.add(c.name);
  for (const name of learned) entity(name);
  for (const l of app.closedLists) {
    entity(l.name).list = { sublists: l.subLists.map((s) => ({ listKey: s.canonicalForm, synonyms: [{ language: 'en-us', values: s.list }] })) };
  }
  for (const r of app.regexEntities) entity(r.name).regex = { expressions: [{ regexKey: r.name, language: 'en-us', regexPattern: r.regexPattern }] };
  let unmapped = 0;
  for (const p of app.prebuiltEntities) {
    const clu = prebuiltByEngineName.get(p.name);
    if (!clu) { unmapped++; continue; }
    entity(p.name).prebuilts = [{ category: clu.category }];
  }
  warn('prebuilt entit(ies) without a CLU prebuilt', unmapped);

  let droppedLabels = 0;
  const utterances = app.utterances.map((u) => ({
    text: u.text, intent: u.intent, language: 'en-us', dataset: 'Train',
    entities: flatLabels(u.entities).flatMap((l) => {
      const category = categoryOf(l.entity);
      if (!learned.has(category)) { droppedLabels++; return []; }
      return [{ category, offset: l.startPos, length: l.endPos - l.startPos + 1 }];
    }),
  }));
  warn('label(s) of entities that are not learned in CLU', droppedLabels);

  return {
    description: app.desc,
    warnings,
    assets: {
      projectKind: 'Conversation',
      intents: app.intents.map((i) => ({ category: i.name })),
      entities: [...entities.values()],
      utterances,
    },
  };
}
