import { AppValidationError } from '../errors.ts';
import type {
  CompositeDef, EntityLabel, FeatureRef, HierarchicalDef, IntentDef, ListEntityDef, LuisApp, MlChildDef,
  MlEntityDef, PatternAnyDef, PatternDef, PhraseListDef, PrebuiltEntityDef, RegexEntityDef, RegexFeatureDef,
  Setting, Utterance,
} from './types.ts';
import { KNOWN_PREBUILTS } from './types.ts';
import { entityRefsInPattern } from './pattern-syntax.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(path: string, message: string): never {
  throw new AppValidationError(path, message);
}

function str(o: Json, key: string, path: string, fallback?: string): string {
  const v = o[key];
  if (v === undefined || v === null) {
    if (fallback !== undefined) return fallback;
    fail(`${path}.${key}`, 'is required');
  }
  if (typeof v !== 'string') fail(`${path}.${key}`, `must be a string, got ${typeof v}`);
  return v;
}

function name(o: Json, path: string): string {
  const n = str(o, 'name', path).trim();
  if (!n) fail(`${path}.name`, 'must not be empty');
  return n;
}

function arr(o: Json, key: string, path: string): unknown[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(`${path}.${key}`, 'must be an array');
  return v;
}

function objects(o: Json, key: string, path: string): Array<[Json, string]> {
  return arr(o, key, path).map((item, i) => {
    const p = `${path}.${key}[${i}]`;
    if (!isObject(item)) fail(p, 'must be an object');
    return [item, p];
  });
}

function roles(o: Json, path: string): string[] {
  return arr(o, 'roles', path).map((r, i) => {
    if (typeof r === 'string') return r;
    if (isObject(r) && typeof r.name === 'string') return r.name;
    fail(`${path}.roles[${i}]`, 'must be a role name');
  });
}

function bool(v: unknown, fallback: boolean): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return fallback;
}

function features(o: Json, path: string): FeatureRef[] {
  return arr(o, 'features', path).map((f, i) => {
    const p = `${path}.features[${i}]`;
    if (!isObject(f)) fail(p, 'must be an object');
    const isRequired = bool(f.isRequired, false);
    if (typeof f.featureName === 'string') return { kind: 'phraselist' as const, name: f.featureName, isRequired };
    if (typeof f.modelName === 'string') return { kind: 'model' as const, name: f.modelName, isRequired };
    fail(p, 'needs featureName (phrase list) or modelName (entity)');
  });
}

function childNames(o: Json, path: string): string[] {
  return arr(o, 'children', path).map((c, i) => {
    if (typeof c === 'string') return c;
    if (isObject(c) && typeof c.name === 'string') return c.name;
    fail(`${path}.children[${i}]`, 'must be a child entity name');
  });
}

function mlChild(o: Json, path: string): MlChildDef {
  const child: MlChildDef = {
    name: name(o, path),
    children: objects(o, 'children', path).map(([c, p]) => mlChild(c, p)),
    features: features(o, path),
  };
  if (typeof o.instanceOf === 'string' && o.instanceOf) child.instanceOf = o.instanceOf;
  return child;
}

function schemaMajor(json: Json): number {
  const v = json.luis_schema_version;
  if (typeof v !== 'string') fail('luis_schema_version', 'is required (a LUIS export carries it, e.g. "7.0.0")');
  const m = /^(\d+)\.(\d+)(\.\d+)?$/.exec(v.trim());
  if (!m) fail('luis_schema_version', `"${v}" is not a version number`);
  const major = Number(m[1]);
  if (major < 2 || major > 7) fail('luis_schema_version', `"${v}" is not supported (2.x to 7.x are)`);
  return major;
}

/** Entities in `entities`: v6+ are ML entities (children are objects); before, children given as strings make a hierarchical. */
function splitEntities(json: Json): { ml: MlEntityDef[]; hier: HierarchicalDef[] } {
  const ml: MlEntityDef[] = [];
  const hier: HierarchicalDef[] = [];
  for (const [e, p] of objects(json, 'entities', '')) {
    const children = arr(e, 'children', p);
    if (children.length > 0 && children.every((c) => typeof c === 'string')) {
      hier.push({ name: name(e, p), children: childNames(e, p), roles: roles(e, p) });
      continue;
    }
    const def: MlEntityDef = {
      name: name(e, p),
      roles: roles(e, p),
      children: objects(e, 'children', p).map(([c, cp]) => mlChild(c, cp)),
      features: features(e, p),
    };
    if (typeof e.instanceOf === 'string' && e.instanceOf) def.instanceOf = e.instanceOf;
    ml.push(def);
  }
  for (const [e, p] of objects(json, 'hierarchicals', '')) {
    hier.push({ name: name(e, p), children: childNames(e, p), roles: roles(e, p) });
  }
  return { ml, hier };
}

function phraseWords(v: unknown, path: string): string[] {
  if (Array.isArray(v)) return v.map((w) => String(w).trim()).filter(Boolean);
  if (typeof v !== 'string') fail(`${path}.words`, 'must be a comma-separated string');
  return v.split(',').map((w) => w.trim()).filter(Boolean);
}

function phraselists(json: Json): PhraseListDef[] {
  const key = Array.isArray(json.phraselists) ? 'phraselists' : 'model_features';
  const lists = objects(json, key, '').map(([f, p]) => ({
    name: name(f, p),
    words: phraseWords(f.words, p),
    mode: bool(f.mode, true),
    activated: bool(f.activated, true),
    enabledForAllModels: bool(f.enabledForAllModels, true),
  }));
  if (key === 'phraselists') {
    for (const [f, p] of objects(json, 'model_features', '')) {
      lists.push({ name: name(f, p), words: phraseWords(f.words, p), mode: bool(f.mode, true), activated: bool(f.activated, true), enabledForAllModels: true });
    }
  }
  return lists;
}

function prebuilts(json: Json): PrebuiltEntityDef[] {
  const out: PrebuiltEntityDef[] = objects(json, 'prebuiltEntities', '').map(([e, p]) => ({ name: name(e, p), roles: roles(e, p) }));
  arr(json, 'bing_entities', '').forEach((b, i) => {
    const n = typeof b === 'string' ? b : isObject(b) && typeof b.name === 'string' ? b.name : fail(`bing_entities[${i}]`, 'must be a name');
    if (!out.some((e) => e.name === n)) out.push({ name: n, roles: [] });
  });
  for (const [e, p] of out.map((e, i) => [e, `prebuiltEntities[${i}]`] as const)) {
    if (!KNOWN_PREBUILTS.has(e.name)) fail(p, `unknown prebuilt entity type "${e.name}"`);
  }
  return out;
}

/** Every entity name an utterance label or a composite may refer to, with what it is. */
interface NameIndex {
  kinds: Map<string, string>;
  roles: Map<string, string[]>;
  /** child name → ML entity paths ("Parent/Child") that own a child of that name */
  mlChildPaths: Map<string, string[]>;
  mlTree: Map<string, MlChildDef[]>; // path → children
}

function indexNames(app: Omit<LuisApp, 'utterances' | 'patterns'>): NameIndex {
  const kinds = new Map<string, string>();
  const rolesOf = new Map<string, string[]>();
  const add = (n: string, kind: string, r: string[], path: string) => {
    if (kinds.has(n)) fail(path, `entity name "${n}" is defined twice (as ${kinds.get(n)} and ${kind})`);
    kinds.set(n, kind);
    rolesOf.set(n, r);
  };
  const mlChildPaths = new Map<string, string[]>();
  const mlTree = new Map<string, MlChildDef[]>();
  const walk = (path: string, children: MlChildDef[]) => {
    mlTree.set(path, children);
    const seen = new Set<string>();
    for (const c of children) {
      if (seen.has(c.name)) fail(`entities "${path}"`, `child "${c.name}" is defined twice`);
      seen.add(c.name);
      const cp = `${path}/${c.name}`;
      mlChildPaths.set(c.name, [...(mlChildPaths.get(c.name) ?? []), path]);
      walk(cp, c.children);
    }
  };
  app.entities.forEach((e, i) => { add(e.name, 'machineLearned', e.roles, `entities[${i}]`); walk(e.name, e.children); });
  app.hierarchicals.forEach((e, i) => {
    add(e.name, 'hierarchical', e.roles, `hierarchicals[${i}]`);
    for (const c of e.children) kinds.set(`${e.name}::${c}`, 'hierarchicalChild');
  });
  app.composites.forEach((e, i) => add(e.name, 'composite', e.roles, `composites[${i}]`));
  app.closedLists.forEach((e, i) => add(e.name, 'list', e.roles, `closedLists[${i}]`));
  app.regexEntities.forEach((e, i) => add(e.name, 'regex', e.roles, `regex_entities[${i}]`));
  app.prebuiltEntities.forEach((e, i) => add(e.name, 'prebuilt', e.roles, `prebuiltEntities[${i}]`));
  app.patternAnyEntities.forEach((e, i) => add(e.name, 'patternAny', e.roles, `patternAnyEntities[${i}]`));
  return { kinds, roles: rolesOf, mlChildPaths, mlTree };
}

function rawLabel(e: Json, p: string, text: string, utterancePath: string): EntityLabel {
  const entity = str(e, 'entity', p);
  const startPos = e.startPos, endPos = e.endPos;
  if (!Number.isInteger(startPos) || !Number.isInteger(endPos)) fail(p, `label "${entity}" needs integer startPos and endPos`);
  const s = startPos as number, t = endPos as number;
  if (s < 0 || t < s || t >= text.length) {
    fail(p, `label "${entity}" [${s}..${t}] lies outside the text of ${utterancePath} ("${text}", ${text.length} characters)`);
  }
  const label: EntityLabel = { entity, startPos: s, endPos: t };
  if (typeof e.role === 'string' && e.role) label.role = e.role;
  const children = objects(e, 'children', p).map(([c, cp]) => rawLabel(c, cp, text, utterancePath));
  if (children.length) label.children = children;
  return label;
}

const byPosition = (a: EntityLabel, b: EntityLabel) =>
  a.startPos - b.startPos || b.endPos - a.endPos || (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0);

/** v6 exports write ML child labels flat beside their parent; put each inside the smallest enclosing parent label. */
function nestFlatChildren(labels: EntityLabel[], idx: NameIndex, path: string): EntityLabel[] {
  const isChildName = (n: string) => !idx.kinds.has(n) && idx.mlChildPaths.has(n);
  const top = labels.filter((l) => !isChildName(l.entity));
  const loose = labels.filter((l) => isChildName(l.entity));
  // deepest-first so that a grandchild finds its (already placed) parent
  const placeInto = (parents: Array<{ label: EntityLabel; path: string }>, child: EntityLabel): boolean => {
    let best: { label: EntityLabel; path: string } | undefined;
    for (const cand of parents) {
      const kids = idx.mlTree.get(cand.path);
      if (!kids?.some((k) => k.name === child.entity)) continue;
      if (cand.label.startPos <= child.startPos && cand.label.endPos >= child.endPos && cand.label !== child) {
        if (!best || cand.label.endPos - cand.label.startPos < best.label.endPos - best.label.startPos) best = cand;
      }
    }
    if (!best) return false;
    (best.label.children ??= []).push(child);
    return true;
  };
  const allNodes = (): Array<{ label: EntityLabel; path: string }> => {
    const out: Array<{ label: EntityLabel; path: string }> = [];
    const walk = (l: EntityLabel, p: string) => { out.push({ label: l, path: p }); for (const c of l.children ?? []) walk(c, `${p}/${c.entity}`); };
    for (const l of top) if (idx.kinds.get(l.entity) === 'machineLearned') walk(l, l.entity);
    return out;
  };
  // place larger spans first: a child's own children are smaller than it
  const pending = [...loose].sort((a, b) => (b.endPos - b.startPos) - (a.endPos - a.startPos));
  for (const child of pending) {
    if (!placeInto(allNodes(), child)) {
      const owners = idx.mlChildPaths.get(child.entity)!.join('", "');
      fail(path, `label "${child.entity}" [${child.startPos}..${child.endPos}] is a child of "${owners}" but lies inside no label of it`);
    }
  }
  return top;
}

function checkLabels(labels: EntityLabel[], parentPath: string | null, idx: NameIndex, path: string): EntityLabel[] {
  for (const l of labels) {
    if (parentPath === null) {
      const kind = idx.kinds.get(l.entity);
      if (!kind) fail(path, `label refers to unknown entity "${l.entity}"`);
      if (l.role !== undefined) {
        const base = kind === 'hierarchicalChild' ? l.entity.split('::')[0] : l.entity;
        if (!(idx.roles.get(base) ?? []).includes(l.role)) fail(path, `label "${l.entity}" has role "${l.role}" that the entity does not define`);
      }
      if (l.children?.length && kind !== 'machineLearned') fail(path, `label "${l.entity}" has children but is a ${kind} entity`);
      if (l.children?.length) l.children = checkLabels(l.children, l.entity, idx, path);
    } else {
      const kids = idx.mlTree.get(parentPath) ?? [];
      if (!kids.some((k) => k.name === l.entity)) fail(path, `label "${l.entity}" is not a child of "${parentPath.replaceAll('/', ' > ')}"`);
      if (l.children?.length) l.children = checkLabels(l.children, `${parentPath}/${l.entity}`, idx, path);
    }
  }
  labels.sort(byPosition);
  for (const l of labels) {
    for (const c of l.children ?? []) {
      if (c.startPos < l.startPos || c.endPos > l.endPos) fail(path, `child label "${c.entity}" [${c.startPos}..${c.endPos}] lies outside its parent "${l.entity}" [${l.startPos}..${l.endPos}]`);
    }
  }
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i], b = labels[j];
      if (b.startPos > a.endPos) break;
      if (a.entity === b.entity) {
        fail(path, `labels of "${a.entity}" overlap: [${a.startPos}..${a.endPos}] and [${b.startPos}..${b.endPos}]`);
      }
    }
  }
  return labels;
}

function utterances(json: Json, intentNames: Set<string>, idx: NameIndex): Utterance[] {
  return objects(json, 'utterances', '').map(([u, p]) => {
    const text = str(u, 'text', p);
    if (!text.trim()) fail(`${p}.text`, 'must not be empty');
    const intent = str(u, 'intent', p);
    if (!intentNames.has(intent)) fail(`${p}.intent`, `utterance "${text}" names unknown intent "${intent}"`);
    const where = `${p} ("${text.length > 60 ? text.slice(0, 57) + '...' : text}")`;
    const raw = objects(u, 'entities', p).map(([e, ep]) => rawLabel(e, ep, text, p));
    const nested = nestFlatChildren(raw, idx, where);
    return { text, intent, entities: checkLabels(nested, null, idx, where) };
  });
}

function patterns(json: Json, intentNames: Set<string>, idx: NameIndex): PatternDef[] {
  return objects(json, 'patterns', '').map(([o, p]) => {
    const pattern = str(o, 'pattern', p);
    const intent = str(o, 'intent', p);
    if (!intentNames.has(intent)) fail(`${p}.intent`, `pattern "${pattern}" names unknown intent "${intent}"`);
    let refs;
    try { refs = entityRefsInPattern(pattern); } catch (err) { fail(`${p}.pattern`, `"${pattern}": ${(err as Error).message}`); }
    for (const r of refs) {
      const kind = idx.kinds.get(r.entity);
      if (!kind) fail(`${p}.pattern`, `pattern "${pattern}" refers to unknown entity "${r.entity}"`);
      if (r.role && !(idx.roles.get(r.entity) ?? []).includes(r.role)) fail(`${p}.pattern`, `pattern "${pattern}" uses role "${r.role}" that "${r.entity}" does not define`);
    }
    return { pattern, intent };
  });
}

/**
 * Accepts an exported LUIS app (schema 2.x–7.x) and returns its canonical form.
 * Throws AppValidationError naming the utterance, entity or field at fault.
 */
export function parseLuisApp(json: unknown): LuisApp {
  if (typeof json === 'string') {
    try { json = JSON.parse(json); } catch (err) { fail('', `not valid JSON: ${(err as Error).message}`); }
  }
  if (!isObject(json)) fail('', 'a LUIS app export must be a JSON object');
  schemaMajor(json);

  const intents: IntentDef[] = objects(json, 'intents', '').map(([o, p]) => ({ name: name(o, p), features: features(o, p) }));
  const intentNames = new Set<string>();
  intents.forEach((it, i) => {
    if (intentNames.has(it.name)) fail(`intents[${i}]`, `intent "${it.name}" is defined twice`);
    intentNames.add(it.name);
  });
  if (!intentNames.has('None')) intents.push({ name: 'None', features: [] }), intentNames.add('None');

  const { ml, hier } = splitEntities(json);
  const composites: CompositeDef[] = objects(json, 'composites', '').map(([o, p]) => ({ name: name(o, p), children: childNames(o, p), roles: roles(o, p) }));
  const closedLists: ListEntityDef[] = objects(json, 'closedLists', '').map(([o, p]) => ({
    name: name(o, p),
    subLists: objects(o, 'subLists', p).map(([s, sp]) => ({
      canonicalForm: str(s, 'canonicalForm', sp),
      list: arr(s, 'list', sp).map((w, i) => (typeof w === 'string' ? w : fail(`${sp}.list[${i}]`, 'must be a string'))),
    })),
    roles: roles(o, p),
  }));
  const regexEntities: RegexEntityDef[] = objects(json, 'regex_entities', '').map(([o, p]) => {
    const regexPattern = str(o, 'regexPattern', p);
    try { new RegExp(regexPattern, 'iu'); } catch (err) { fail(`${p}.regexPattern`, `invalid regular expression: ${(err as Error).message}`); }
    return { name: name(o, p), regexPattern, roles: roles(o, p) };
  });
  const patternAnyEntities: PatternAnyDef[] = objects(json, 'patternAnyEntities', '').map(([o, p]) => ({
    name: name(o, p),
    explicitList: arr(o, 'explicitList', p).map((w, i) => (typeof w === 'string' ? w : fail(`${p}.explicitList[${i}]`, 'must be a string'))),
    roles: roles(o, p),
  }));
  const regexFeatures: RegexFeatureDef[] = objects(json, 'regex_features', '').map(([o, p]) => {
    const pattern = str(o, 'pattern', p);
    try { new RegExp(pattern, 'iu'); } catch (err) { fail(`${p}.pattern`, `invalid regular expression: ${(err as Error).message}`); }
    return { name: name(o, p), pattern, activated: bool(o.activated, true) };
  });
  const settings: Setting[] = objects(json, 'settings', '').map(([o, p]) => ({ name: name(o, p), value: String(o.value ?? '') }));

  const base = {
    name: str(json, 'name', '', 'untitled'),
    versionId: str(json, 'versionId', '', '0.1'),
    desc: str(json, 'desc', '', ''),
    culture: str(json, 'culture', '', 'en-us').toLowerCase(),
    intents, entities: ml, hierarchicals: hier, composites, closedLists, regexEntities,
    prebuiltEntities: prebuilts(json), patternAnyEntities, phraselists: phraselists(json), regexFeatures, settings,
  };
  const idx = indexNames(base);
  composites.forEach((c, i) => c.children.forEach((child) => {
    if (!idx.kinds.has(child)) fail(`composites[${i}]`, `composite "${c.name}" has unknown child entity "${child}"`);
  }));
  const phraseNames = new Set(base.phraselists.map((p) => p.name));
  const checkFeatures = (fs: FeatureRef[], where: string) => fs.forEach((f) => {
    if (f.kind === 'phraselist' ? !phraseNames.has(f.name) : !idx.kinds.has(f.name) && !KNOWN_PREBUILTS.has(f.name)) {
      fail(where, `feature refers to unknown ${f.kind === 'phraselist' ? 'phrase list' : 'entity'} "${f.name}"`);
    }
  });
  intents.forEach((it, i) => checkFeatures(it.features, `intents[${i}] "${it.name}"`));
  const walkFeatures = (cs: MlChildDef[], where: string) => cs.forEach((c) => { checkFeatures(c.features, `${where} > ${c.name}`); walkFeatures(c.children, `${where} > ${c.name}`); });
  ml.forEach((e, i) => { checkFeatures(e.features, `entities[${i}] "${e.name}"`); walkFeatures(e.children, `entities[${i}] "${e.name}"`); });

  const app: LuisApp = {
    ...base,
    patterns: patterns(json, intentNames, idx),
    utterances: utterances(json, intentNames, idx),
  };
  if (typeof json.tokenizerVersion === 'string') app.tokenizerVersion = json.tokenizerVersion;
  return app;
}
