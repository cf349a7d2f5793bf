import { compilePattern, bestPatternMatch, type CompiledPattern, type EntitySpans } from '../entity/patterns.ts';
import { referenceWallClock } from '../entity/prebuilt.ts';
import { gazetteerLookup, type GazetteerLookup } from '../entity/gazetteer.ts';
import { decodeSpans, emissions, tagConfidence, viterbi, type TaggerWeights } from '../entity/tagger.ts';
import { tokenFeatureNames } from '../entity/token-features.ts';
import { FeatureIndex, softmaxInPlace } from '../intent/classifier.ts';
import { ensembleLogits, type IntentMember } from '../intent/features.ts';
import { applyUnknownWordsRule } from '../intent/fit.ts';
import { PredictionInputError } from '../errors.ts';
import { hashString } from '../text/hash.ts';
import { isWordToken, type Token } from '../text/tokenize.ts';
import { analyze, buildExtractors, buildLists, type Analysis, type Extractors } from './analyze.ts';
import {
  MAX_QUERY_LENGTH, type CompositeEntity, type EntityKind, type IntentScore, type PredictedEntity, type Prediction, type PredictOptions,
} from './prediction.ts';
import { PATH_SEP, ROLE_SEP, type Model } from './types.ts';

interface LayerRuntime { weights: TaggerWeights; index: FeatureIndex; labels: string[] }

interface Runtime {
  extractors: Extractors;
  intentMembers: Array<{ member: IntentMember; index: FeatureIndex }>;
  known: Set<number>;
  layers: LayerRuntime[];
  gazetteer: GazetteerLookup;
  patterns: CompiledPattern[];
  patternAny: Set<string>;
  kinds: Map<string, EntityKind>;
  noneIndex: number;
}

const runtimes = new WeakMap<Model, Runtime>();

function runtime(model: Model): Runtime {
  let rt = runtimes.get(model);
  if (rt) return rt;
  const app = model.app;
  const kinds = new Map<string, EntityKind>();
  for (const e of app.entities) kinds.set(e.name, e.children.length ? 'machineLearned' : 'simple');
  for (const e of app.hierarchicals) kinds.set(e.name, 'hierarchical');
  for (const e of app.composites) kinds.set(e.name, 'composite');
  for (const e of app.closedLists) kinds.set(e.name, 'list');
  for (const e of app.regexEntities) kinds.set(e.name, 'regex');
  for (const e of app.prebuiltEntities) kinds.set(e.name, 'prebuilt');
  for (const e of app.patternAnyEntities) kinds.set(e.name, 'patternAny');
  rt = {
    extractors: buildExtractors(app, model.culture),
    intentMembers: model.intent.members.map((member) => ({ member, index: new FeatureIndex(member.keys) })),
    known: new Set(model.knownWords),
    layers: model.layers.map((l) => ({
      labels: l.labels,
      index: new FeatureIndex(l.keys),
      weights: { labels: l.labels.length, rowStart: l.rowStart, emissionTags: l.emissionTags, emission: l.emission, transition: l.transition },
    })),
    gazetteer: gazetteerLookup(model.gazetteer),
    patterns: app.patterns.map((p) => compilePattern(p.pattern, p.intent, model.culture)),
    patternAny: new Set(app.patternAnyEntities.map((p) => p.name)),
    kinds,
    noneIndex: model.intents.indexOf('None'),
  };
  runtimes.set(model, rt);
  return rt;
}

/** Calibrated intent probabilities; an utterance made only of words never seen in training is None. */
function intentScores(model: Model, rt: Runtime, a: Analysis): Float64Array {
  const p = softmaxInPlace(ensembleLogits(rt.intentMembers, model.intents.length, a), model.intent.temperature);
  applyUnknownWordsRule(p, a.tokens, rt.known, rt.noneIndex);
  return p;
}

interface TaggedSpan { label: string; from: number; to: number; score: number }

function tagSpans(rt: Runtime, a: Analysis, intent: string): TaggedSpan[] {
  if (!rt.layers.length || !a.tokens.length) return [];
  // hashed once, looked up in each layer
  const rows = tokenFeatureNames(a, intent, rt.gazetteer).map((r) => Uint32Array.from(r, hashString));
  const out: TaggedSpan[] = [];
  for (const layer of rt.layers) {
    const ids = rows.map((r) => {
      const xs: number[] = [];
      for (const h of r) { const i = layer.index.lookupHash(h); if (i !== undefined) xs.push(i); }
      return Int32Array.from(xs);
    });
    const em = emissions(layer.weights, ids);
    const tags = viterbi(layer.weights, em, ids.length);
    const conf = tagConfidence(layer.weights, em, tags);
    for (const s of decodeSpans(tags)) {
      let sc = 0;
      for (let i = s.from; i < s.to; i++) sc += conf[i];
      out.push({ label: layer.labels[s.label], from: s.from, to: s.to, score: sc / (s.to - s.from) });
    }
  }
  return out;
}

function span(text: string, tokens: Token[], from: number, to: number) {
  const startIndex = tokens[from].start, endIndex = tokens[to - 1].end - 1;
  return { startIndex, endIndex, text: text.slice(startIndex, endIndex + 1) };
}

const round = (x: number) => Math.round(x * 1e7) / 1e7;

const byStart = (a: PredictedEntity, b: PredictedEntity) => a.startIndex - b.startIndex || b.endIndex - a.endIndex || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0);

function learnedEntities(model: Model, rt: Runtime, a: Analysis, tagged: TaggedSpan[]): PredictedEntity[] {
  // deepest paths last, so each child finds its already-built parent
  const items = tagged.map((t) => {
    const [path, role] = t.label.split(ROLE_SEP);
    return { t, parts: path.split(PATH_SEP), role };
  }).sort((x, y) => x.parts.length - y.parts.length || x.t.from - y.t.from);
  const top: PredictedEntity[] = [];
  const built: Array<{ parts: string[]; from: number; to: number; e: PredictedEntity }> = [];
  for (const { t, parts, role } of items) {
    const name = parts[parts.length - 1];
    const hier = parts.length === 1 && name.includes('::');
    const baseName = hier ? name.split('::')[0] : name;
    const kind: EntityKind = parts.length > 1 ? 'machineLearned' : hier ? 'hierarchical' : rt.kinds.get(baseName) ?? 'simple';
    const e: PredictedEntity = { entity: baseName, type: hier ? name : baseName, kind, ...span(a.text, a.tokens, t.from, t.to), score: round(t.score) };
    if (role) e.role = role;
    if (parts.length === 1) top.push(e);
    else {
      const parentParts = parts.slice(0, -1).join(PATH_SEP);
      let parent: (typeof built)[number] | undefined;
      for (const b of built) {
        if (b.parts.join(PATH_SEP) !== parentParts || b.from > t.from || b.to < t.to) continue;
        if (!parent || b.to - b.from < parent.to - parent.from) parent = b;
      }
      if (!parent) continue; // a child without its parent is not reported, as in LUIS
      (parent.e.children ??= []).push(e);
    }
    built.push({ parts, from: t.from, to: t.to, e });
  }
  return top;
}

function deterministicEntities(model: Model, a: Analysis, dynamic: ReturnType<typeof buildLists> | null): PredictedEntity[] {
  const out: PredictedEntity[] = [];
  const listMatches = dynamic ? [...a.lists, ...dynamic.match(a.tokens)] : a.lists;
  const seen = new Set<string>();
  for (const l of listMatches) {
    const s = span(a.text, a.tokens, l.from, l.to);
    const key = `${l.name}|${s.startIndex}|${s.endIndex}`;
    const prev = seen.has(key) ? out.find((e) => e.type === l.name && e.startIndex === s.startIndex && e.endIndex === s.endIndex) : undefined;
    if (prev) {
      const values = (prev.resolution!.values as string[]);
      for (const v of l.values) if (!values.includes(v)) values.push(v);
      continue;
    }
    seen.add(key);
    out.push({ entity: l.name, type: l.name, kind: 'list', ...s, resolution: { values: [...l.values] } });
  }
  for (const r of a.regexes) {
    if (r.name.startsWith('feature:')) continue;
    out.push({ entity: r.name, type: r.name, kind: 'regex', startIndex: r.start, endIndex: r.end, text: r.text });
  }
  for (const p of a.prebuilts) {
    out.push({ entity: p.name, type: p.type, kind: 'prebuilt', startIndex: p.start, endIndex: p.end, text: p.text, resolution: p.resolution });
  }
  return out;
}

function wordIndexMap(tokens: Token[]): { words: Token[]; wordOf: Int32Array; tokenOfWord: number[] } {
  const words: Token[] = [];
  const wordOf = new Int32Array(tokens.length + 1);
  const tokenOfWord: number[] = [];
  tokens.forEach((t, i) => {
    wordOf[i] = words.length;
    if (isWordToken(t)) { words.push(t); tokenOfWord.push(i); }
  });
  wordOf[tokens.length] = words.length;
  return { words, wordOf, tokenOfWord };
}

function charToWordRange(words: Token[], start: number, end: number): [number, number] {
  let from = -1, to = -1;
  for (let i = 0; i < words.length; i++) if (words[i].end > start && words[i].start <= end) { if (from < 0) from = i; to = i + 1; }
  return [from, to];
}

function applyPatterns(model: Model, rt: Runtime, a: Analysis, entities: PredictedEntity[], probs: Float64Array, prediction: Prediction): PredictedEntity[] {
  if (!rt.patterns.length) return entities;
  const { words } = wordIndexMap(a.tokens);
  const spans: EntitySpans = new Map();
  const flat: PredictedEntity[] = [];
  const walk = (e: PredictedEntity) => { flat.push(e); if (e.kind !== 'composite') e.children?.forEach(walk); };
  entities.forEach(walk);
  for (const e of flat) {
    const [from, to] = charToWordRange(words, e.startIndex, e.endIndex);
    if (from < 0) continue;
    const names = [e.entity, e.type];
    for (const n of names) {
      const list = spans.get(n) ?? [];
      if (!list.some((s) => s.from === from && s.to === to)) list.push({ from, to });
      spans.set(n, list);
    }
  }
  const match = bestPatternMatch(rt.patterns, words, spans, rt.patternAny);
  if (!match) return entities;
  const k = model.intents.indexOf(match.pattern.intent);
  // a pattern is an explicit rule: its intent takes most of the probability mass
  for (let j = 0; j < probs.length; j++) probs[j] = j === k ? 0.9 + 0.1 * probs[j] : 0.1 * probs[j];
  prediction.matchedPattern = { pattern: match.pattern.source, intent: match.pattern.intent };
  const out = [...entities];
  for (const b of match.bindings) {
    const startIndex = words[b.from].start, endIndex = words[b.to - 1].end - 1;
    if (rt.patternAny.has(b.entity)) {
      const e: PredictedEntity = { entity: b.entity, type: b.entity, kind: 'patternAny', startIndex, endIndex, text: a.text.slice(startIndex, endIndex + 1) };
      if (b.role) e.role = b.role;
      out.push(e);
    } else if (b.role) {
      for (const e of flat) if ((e.entity === b.entity || e.type === b.entity) && e.startIndex === startIndex && e.endIndex === endIndex) e.role = b.role;
    }
  }
  return out;
}

function buildComposites(model: Model, entities: PredictedEntity[]): { entities: PredictedEntity[]; composites: CompositeEntity[] } {
  const composites: CompositeEntity[] = [];
  const defs = new Map(model.app.composites.map((c) => [c.name, c]));
  for (const e of entities) {
    if (e.kind !== 'composite') continue;
    const def = defs.get(e.entity)!;
    const parts = entities.filter((c) => c !== e && c.kind !== 'composite' && c.startIndex >= e.startIndex && c.endIndex <= e.endIndex
      && def.children.some((ch) => ch === c.entity || ch === c.type || (c.kind === 'prebuilt' && ch === c.entity)));
    e.children = parts;
    const ce: CompositeEntity = {
      parentType: e.entity, value: e.text, startIndex: e.startIndex, endIndex: e.endIndex,
      children: parts.map((c) => ({ type: c.type, value: c.text, startIndex: c.startIndex, endIndex: c.endIndex })),
    };
    if (e.role) ce.role = e.role;
    composites.push(ce);
  }
  return { entities, composites };
}

function externalEntities(model: Model, rt: Runtime, text: string, entities: PredictedEntity[], opts: PredictOptions): PredictedEntity[] {
  if (!opts.externalEntities?.length) return entities;
  let out = entities;
  for (const [i, x] of opts.externalEntities.entries()) {
    const startIndex = x.startIndex, endIndex = x.startIndex + x.entityLength - 1;
    if (!Number.isInteger(startIndex) || !Number.isInteger(x.entityLength) || startIndex < 0 || x.entityLength < 1 || endIndex >= text.length) {
      throw new PredictionInputError(`externalEntities[${i}] (${x.entityName}) lies outside the query`);
    }
    if (!rt.kinds.has(x.entityName)) throw new PredictionInputError(`externalEntities[${i}] names unknown entity "${x.entityName}"`);
    if (opts.preferExternalEntities !== false) {
      out = out.filter((e) => e.entity !== x.entityName || e.endIndex < startIndex || e.startIndex > endIndex);
    }
    const e: PredictedEntity = { entity: x.entityName, type: x.entityName, kind: 'external', startIndex, endIndex, text: text.slice(startIndex, endIndex + 1) };
    if (x.resolution !== undefined) e.resolution = x.resolution as Record<string, unknown>;
    if (x.score !== undefined) e.score = x.score;
    out.push(e);
  }
  return out;
}

/** Predicts intents and entities of one query. Throws PredictionInputError for empty or over-long queries. */
export function predict(model: Model, text: string, opts: PredictOptions = {}): Prediction {
  if (typeof text !== 'string' || !text.trim()) throw new PredictionInputError('the query is empty');
  if (text.length > MAX_QUERY_LENGTH) throw new PredictionInputError(`the query is ${text.length} characters long; at most ${MAX_QUERY_LENGTH} are allowed`);
  if (opts.timezoneOffset !== undefined && !Number.isFinite(opts.timezoneOffset)) throw new PredictionInputError('timezoneOffset must be a number of minutes');
  const rt = runtime(model);
  let reference: Date;
  try { reference = referenceWallClock(opts.timezoneOffset ?? 0, opts.datetimeReference); } catch (err) { throw new PredictionInputError((err as Error).message); }
  for (const [i, d] of (opts.dynamicLists ?? []).entries()) {
    if (rt.kinds.get(d.listEntityName) !== 'list') throw new PredictionInputError(`dynamicLists[${i}] extends "${d.listEntityName}", which is not a list entity of the app`);
  }
  const dynamic = opts.dynamicLists?.length ? buildLists({ closedLists: [] }, model.culture, opts.dynamicLists) : null;
  const a = analyze(rt.extractors, text, reference);

  const probs = intentScores(model, rt, a);
  let top = 0;
  for (let k = 1; k < probs.length; k++) if (probs[k] > probs[top]) top = k;
  const tagged = tagSpans(rt, a, model.intents[top]);
  const prediction: Prediction = { query: text, topIntent: '', intents: [], entities: [], compositeEntities: [] };
  let entities = [...learnedEntities(model, rt, a, tagged), ...deterministicEntities(model, a, dynamic)];
  entities = applyPatterns(model, rt, a, entities, probs, prediction);
  entities = externalEntities(model, rt, text, entities, opts);
  entities.sort(byStart);
  const { composites } = buildComposites(model, entities);

  const intents: IntentScore[] = model.intents.map((intent, k) => ({ intent, score: round(probs[k]) }));
  intents.sort((x, y) => y.score - x.score || (x.intent < y.intent ? -1 : 1));
  prediction.topIntent = intents[0]?.intent ?? 'None';
  prediction.intents = intents;
  prediction.entities = entities;
  prediction.compositeEntities = composites;
  return prediction;
}
