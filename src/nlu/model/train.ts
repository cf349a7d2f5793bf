import type { EntityLabel, LuisApp } from '../app/types.ts';
import { trainCrf } from '../entity/crf.ts';
import { crossFoldLookups, storeGazetteer, type LabelledValue } from '../entity/gazetteer.ts';
import type { FeatureRows } from '../entity/tagger.ts';
import { tokenFeatureNames } from '../entity/token-features.ts';
import { FeatureIndex } from '../intent/classifier.ts';
import { fitIntentClassifier, knownWordKeys } from '../intent/fit.ts';
import { BACKGROUND_UTTERANCES } from '../intent/background.ts';
import { intentNameExamples } from '../intent/names.ts';
import { hashString } from '../text/hash.ts';
import { isWordToken } from '../text/tokenize.ts';
import { type Analysis, analyze, buildExtractors, tokenRange } from './analyze.ts';
import { MODEL_FORMAT_VERSION, PATH_SEP, ROLE_SEP, type Model, type TaggerLayer, type TrainOptions } from './types.ts';

/** Prebuilt matches only feed features at training time, so a fixed reference date keeps training repeatable. */
export const TRAINING_REFERENCE_DATE = new Date(2020, 0, 1, 12, 0, 0);

interface Span { tag: string; from: number; to: number }

/** Learned span labels of one utterance: ML entities (with nested children as paths), hierarchical children, composites. */
export function learnedSpans(app: LuisApp, labels: EntityLabel[], a: Analysis): Span[] {
  const learned = new Set([...app.entities.map((e) => e.name), ...app.composites.map((c) => c.name)]);
  const out: Span[] = [];
  const walk = (l: EntityLabel, path: string) => {
    const [from, to] = tokenRange(a.tokens, l.startPos, l.endPos);
    if (to > from) out.push({ tag: l.role ? `${path}${ROLE_SEP}${l.role}` : path, from, to });
    for (const c of l.children ?? []) walk(c, `${path}${PATH_SEP}${c.entity}`);
  };
  for (const l of labels) {
    if (learned.has(l.entity) || l.entity.includes('::')) walk(l, l.entity);
  }
  return out;
}

/** Greedy colouring: span labels that overlap anywhere in the data go to different taggers. */
export function assignLayers(spansPerUtterance: Span[][]): string[][] {
  const order: string[] = [];
  const conflicts = new Map<string, Set<string>>();
  for (const spans of spansPerUtterance) {
    for (const s of spans) if (!conflicts.has(s.tag)) conflicts.set(s.tag, new Set()), order.push(s.tag);
    for (let i = 0; i < spans.length; i++) {
      for (let j = i + 1; j < spans.length; j++) {
        const a = spans[i], b = spans[j];
        if (a.from < b.to && b.from < a.to) {
          conflicts.get(a.tag)!.add(b.tag);
          conflicts.get(b.tag)!.add(a.tag);
        }
      }
    }
  }
  const layers: string[][] = [];
  for (const tag of order) {
    const layer = layers.find((l) => l.every((t) => t !== tag && !conflicts.get(tag)!.has(t)));
    if (layer) layer.push(tag);
    else layers.push([tag]);
  }
  return layers;
}

function trainLayer(labels: string[], rowsByUtterance: Uint32Array[][], spans: Span[][], seed: number, epochs: number, l2: number): TaggerLayer {
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  // features seen once only carry noise in large apps; small apps need every one
  const minCount = rowsByUtterance.length > 2000 ? 2 : 1;
  const counts = new Map<number, number>();
  if (minCount > 1) for (const rows of rowsByUtterance) for (const r of rows) for (const h of r) counts.set(h, (counts.get(h) ?? 0) + 1);
  const index = new FeatureIndex();
  const sentences: FeatureRows[] = [];
  const gold: Int32Array[] = [];
  rowsByUtterance.forEach((rows, u) => {
    sentences.push(rows.map((r) => {
      const out: number[] = [];
      for (const h of r) if (minCount === 1 || counts.get(h)! >= minCount) out.push(index.internHash(h));
      return Int32Array.from(out);
    }));
    const tags = new Int32Array(rows.length);
    for (const s of spans[u]) {
      const l = labelIndex.get(s.tag);
      if (l === undefined) continue;
      let free = true;
      for (let i = s.from; i < s.to; i++) if (tags[i] !== 0) free = false;
      if (!free) continue;
      tags[s.from] = 2 * l + 1;
      for (let i = s.from + 1; i < s.to; i++) tags[i] = 2 * l + 2;
    }
    gold.push(tags);
  });
  const w = trainCrf(sentences, gold, labels.length, index.size, { l2, epochs, seed });
  // keep only the non-zero weights, and only feature rows that have one
  const keys = index.keys();
  const keptKeys: number[] = [], rowStart: number[] = [0], tags: number[] = [], values: number[] = [];
  for (let f = 0; f < index.size; f++) {
    for (let k = w.rowStart[f]; k < w.rowStart[f + 1]; k++) if (w.emission[k] !== 0) { tags.push(w.emissionTags[k]); values.push(w.emission[k]); }
    if (tags.length > rowStart[rowStart.length - 1]) { keptKeys.push(keys[f]); rowStart.push(tags.length); }
  }
  return {
    labels, keys: Uint32Array.from(keptKeys), rowStart: Uint32Array.from(rowStart), emissionTags: Uint32Array.from(tags),
    emission: Float32Array.from(values), transition: w.transition,
  };
}

/** L2 strength of the entity CRFs, chosen by cross-validation (bench/nlu/cv.ts). */
const TAGGER_L2 = 0.1;

/** Trains intent classifier and entity taggers; pure and deterministic for a seed. */
export function train(app: LuisApp, options: TrainOptions = {}): Model {
  const seed = options.seed ?? 1;
  const culture = (options.culture ?? app.culture ?? 'en-us').toLowerCase();
  const { utterances, ...definition } = app;
  const intents = app.intents.map((i) => i.name);
  const intentOf = new Map(intents.map((n, i) => [n, i]));
  const extractors = buildExtractors(app, culture);
  const analyses = utterances.map((u) => analyze(extractors, u.text, TRAINING_REFERENCE_DATE));

  // intents
  const ys = Int32Array.from(utterances.map((u) => intentOf.get(u.intent)!));
  const named = options.intentNames === false ? [] : intentNameExamples(intents, culture);
  const nameExamples = {
    analyses: named.map((n) => analyze(extractors, n.text, TRAINING_REFERENCE_DATE)),
    ys: Int32Array.from(named, (n) => n.intent),
  };
  const noneIndex = intents.indexOf('None');
  // An app that labels None examples has said what None is for it (with the background as well, cross-validation
  // on the Braun splits, whose None examples are questions of the apps' own domain, fell; src/nlu/README.md).
  // The background text is English.
  const ownNone = utterances.some((u) => u.intent === 'None');
  const generic = options.background === false || noneIndex < 0 || ownNone || !culture.startsWith('en') ? [] : BACKGROUND_UTTERANCES;
  const background = {
    analyses: generic.map((text) => analyze(extractors, text, TRAINING_REFERENCE_DATE)),
    ys: new Int32Array(generic.length).fill(noneIndex),
  };
  const intent = fitIntentClassifier(analyses, ys, intents.length, {
    seed, culture, l2: options.l2, epochs: options.intentEpochs, features: options.intentFeatures, nameExamples, background,
  });

  // entities
  const spans = utterances.map((u, i) => learnedSpans(app, u.entities, analyses[i]));
  const layerLabels = assignLayers(spans);
  const layers: TaggerLayer[] = [];
  const values: LabelledValue[][] = spans.map((ss, u) => ss.map((s) => ({ phrase: analyses[u].tokens.slice(s.from, s.to).map((t) => t.norm).join(' '), label: s.tag })));
  if (layerLabels.length) {
    const lookups = crossFoldLookups(values);
    const rows = analyses.map((a, i) => tokenFeatureNames(a, utterances[i].intent, lookups[i % lookups.length]).map((r) => Uint32Array.from(r, hashString)));
    const taggerEpochs = options.taggerEpochs ?? (utterances.length > 5000 ? 8 : utterances.length > 1000 ? 15 : 30);
    layerLabels.forEach((labels, li) => layers.push(trainLayer(labels, rows, spans, seed + 7919 * (li + 1), taggerEpochs, options.taggerL2 ?? TAGGER_L2)));
  }

  return {
    formatVersion: MODEL_FORMAT_VERSION,
    culture,
    seed,
    app: definition,
    intents,
    intent,
    knownWords: knownWordKeys([...analyses, ...nameExamples.analyses]),
    gazetteer: storeGazetteer(values.flat()),
    layers,
  };
}
