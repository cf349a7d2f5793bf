// A CLU project's assets as the NLU engine's app, and the way back from what
// the engine finds to CLU's entity categories. A CLU entity is one category
// with up to four components (learned from labels, a list, prebuilts, regular
// expressions); the engine knows each component as an entity of its own, named
// `category:component` (CLU forbids `:` in categories, so no name collides).
import { AppValidationError, exportLuisApp, parseLuisApp, type LuisApp } from '../../nlu/index.ts';
import { badRequest } from '../../http/errors.ts';
import type { Assets } from './assets.ts';
import { prebuiltByCategory } from './prebuilts.ts';

export type ComponentKind = 'learned' | 'list' | 'prebuilts' | 'regex';

/** What an engine entity stands for in the CLU project. */
export interface Component {
  category: string;
  kind: ComponentKind;
  /** For regex components: the expression's key and pattern (reported as RegexKey). */
  regexKey?: string;
  regexPattern?: string;
}

export interface EngineProject {
  app: LuisApp;
  /** Engine entity name → the CLU components it stands for (a prebuilt may serve several categories). */
  components: Record<string, Component[]>;
}

export const listName = (category: string) => `${category}:list`;
export const regexName = (category: string, key: string) => `${category}:regex:${key}`;

export function engineProject(projectName: string, assets: Assets): EngineProject {
  const components: Record<string, Component[]> = {};
  const add = (name: string, c: Component) => (components[name] ??= []).push(c);
  const training = assets.utterances.filter((u) => u.dataset !== 'Test');
  const labelled = new Set(training.flatMap((u) => (u.entities ?? []).map((l) => l.category)));

  const app: LuisApp = {
    name: projectName, versionId: '1', desc: '', culture: 'en-us',
    intents: assets.intents.map((i) => ({ name: i.category, features: [] })),
    entities: [], hierarchicals: [], composites: [], closedLists: [], regexEntities: [], prebuiltEntities: [],
    patternAnyEntities: [], patterns: [], phraselists: [], regexFeatures: [], settings: [],
    utterances: training.map((u) => ({
      text: u.text, intent: u.intent,
      entities: (u.entities ?? []).map((l) => ({ entity: l.category, startPos: l.offset, endPos: l.offset + l.length - 1 })),
    })),
  };
  for (const e of assets.entities) {
    if (labelled.has(e.category)) {
      app.entities.push({ name: e.category, roles: [], children: [], features: [] });
      add(e.category, { category: e.category, kind: 'learned' });
    }
    if (e.list?.sublists.length) {
      app.closedLists.push({
        name: listName(e.category), roles: [],
        subLists: e.list.sublists.map((s) => ({ canonicalForm: s.listKey, list: s.synonyms.flatMap((syn) => syn.values) })),
      });
      add(listName(e.category), { category: e.category, kind: 'list' });
    }
    for (const x of e.regex?.expressions ?? []) {
      app.regexEntities.push({ name: regexName(e.category, x.regexKey), regexPattern: x.regexPattern, roles: [] });
      add(regexName(e.category, x.regexKey), { category: e.category, kind: 'regex', regexKey: x.regexKey, regexPattern: x.regexPattern });
    }
    (e.prebuilts ?? []).forEach((p, n) => {
      const known = prebuiltByCategory.get(p.category);
      if (!known) {
        throw badRequest(`entity "${e.category}" prebuilts[${n}]: "${p.category}" is not a prebuilt Portico recognises; GET .../projects/global/prebuilt-entities lists them.`, 'InvalidArgument');
      }
      if (!app.prebuiltEntities.some((b) => b.name === known.engine)) app.prebuiltEntities.push({ name: known.engine, roles: [] });
      add(known.engine, { category: e.category, kind: 'prebuilts' });
    });
  }
  try {
    return { app: parseLuisApp(exportLuisApp(app)), components };
  } catch (err) {
    if (err instanceof AppValidationError) throw badRequest(`The project cannot be trained: ${err.message}`, 'InvalidArgument');
    throw err;
  }
}
