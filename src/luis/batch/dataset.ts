// A batch-test dataset: labelled utterances in the LUIS portal's batch file
// format, a JSON array of { text, intent, entities: [{ entity, startPos, endPos }] }
// (endPos inclusive), checked against the version it tests. A label the
// version could never predict (an intent or entity it does not have) is
// refused rather than counted as an error of the model.
import type { LuisApp, Utterance } from '../../nlu/index.ts';
import { badArgument } from '../errors.ts';

/** The LUIS portal's limit on one batch file. */
export const MAX_BATCH_UTTERANCES = 1000;
const MAX_TEXT_LENGTH = 500;

export interface SpanLabel {
  entity: string;
  startPos: number;
  /** inclusive */
  endPos: number;
}

export interface LabelledUtterance {
  text: string;
  intent: string;
  entities: SpanLabel[];
}

/** What of a version a dataset may name, and which entities it learns from labels. */
export interface VersionVocabulary {
  intents: string[];
  /** every entity name a label may carry: all kinds, ML descendants, hierarchical `Parent::Child` */
  entities: Set<string>;
  /** the entities the model learns from labelled examples (ML and their children, hierarchical children, composites) */
  learned: Set<string>;
}

export function vocabularyOf(app: Omit<LuisApp, 'utterances'>): VersionVocabulary {
  const learned = new Set<string>();
  const walk = (name: string, children: Array<{ name: string; children: any[] }>) => {
    learned.add(name);
    for (const c of children) walk(c.name, c.children);
  };
  for (const e of app.entities) walk(e.name, e.children);
  for (const h of app.hierarchicals) for (const c of h.children) learned.add(`${h.name}::${c}`);
  for (const c of app.composites) learned.add(c.name);
  const others = [...app.hierarchicals, ...app.closedLists, ...app.regexEntities, ...app.prebuiltEntities, ...app.patternAnyEntities].map((e) => e.name);
  return { intents: app.intents.map((i) => i.name), entities: new Set([...learned, ...others]), learned };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a parsed batch file; every refusal names the utterance (by index and text) and the field. */
export function parseBatchDataset(json: unknown, vocabulary: VersionVocabulary): LabelledUtterance[] {
  if (!Array.isArray(json)) throw badArgument('A batch file is a JSON array of labelled utterances: [{ "text", "intent", "entities": [{ "entity", "startPos", "endPos" }] }].');
  if (json.length === 0) throw badArgument('The batch file has no utterances.');
  if (json.length > MAX_BATCH_UTTERANCES) throw badArgument(`The batch file has ${json.length} utterances; a batch test takes at most ${MAX_BATCH_UTTERANCES}.`);
  const seen = new Map<string, number>();
  return json.map((item, index) => {
    const where = (field: string) => `utterance [${index}]${isObject(item) && typeof item.text === 'string' ? ` ("${item.text.slice(0, 60)}")` : ''}: ${field}`;
    if (!isObject(item)) throw badArgument(`utterance [${index}] must be an object with text, intent and entities.`);
    const unknown = Object.keys(item).filter((k) => k !== 'text' && k !== 'intent' && k !== 'entities');
    if (unknown.length) throw badArgument(`${where(unknown.join(', '))} ${unknown.length > 1 ? 'are' : 'is'} not part of the batch format (text, intent, entities).`);
    if (typeof item.text !== 'string' || item.text.trim() === '') throw badArgument(`${where('text')} must be a non-empty string.`);
    if (item.text.length > MAX_TEXT_LENGTH) throw badArgument(`${where('text')} has ${item.text.length} characters; utterances have at most ${MAX_TEXT_LENGTH}.`);
    const text = item.text;
    const key = text.trim().toLowerCase();
    if (seen.has(key)) throw badArgument(`${where('text')} repeats utterance [${seen.get(key)}]; each utterance is tested once.`);
    seen.set(key, index);
    if (typeof item.intent !== 'string' || item.intent === '') throw badArgument(`${where('intent')} must be a non-empty string.`);
    if (!vocabulary.intents.includes(item.intent)) throw badArgument(`${where('intent')} "${item.intent}" is not an intent of this version.`);
    const labels = item.entities ?? [];
    if (!Array.isArray(labels)) throw badArgument(`${where('entities')} must be an array.`);
    const entities = labels.map((label, j): SpanLabel => {
      const field = `entities[${j}]`;
      if (!isObject(label)) throw badArgument(`${where(field)} must be an object with entity, startPos and endPos.`);
      const { entity, startPos, endPos } = label;
      if (typeof entity !== 'string' || !vocabulary.entities.has(entity)) throw badArgument(`${where(`${field}.entity`)} ${JSON.stringify(entity)} is not an entity of this version.`);
      if (!Number.isInteger(startPos) || (startPos as number) < 0) throw badArgument(`${where(`${field}.startPos`)} must be an integer of at least 0.`);
      if (!Number.isInteger(endPos) || (endPos as number) < (startPos as number)) throw badArgument(`${where(`${field}.endPos`)} must be an integer not below startPos (it is inclusive).`);
      if ((endPos as number) >= text.length) throw badArgument(`${where(`${field}.endPos`)} ${endPos} is past the end of the text (${text.length} characters).`);
      return { entity, startPos: startPos as number, endPos: endPos as number };
    });
    return { text, intent: item.intent, entities };
  });
}

/** A dataset from the utterances of an app (a `.lu` file or an export): nested child labels become labels of their own. */
export function datasetFromUtterances(utterances: Utterance[]): unknown[] {
  const flat = (labels: Utterance['entities']): SpanLabel[] =>
    labels.flatMap((l) => [{ entity: l.entity, startPos: l.startPos, endPos: l.endPos }, ...flat(l.children ?? [])]);
  return utterances.map((u) => ({ text: u.text, intent: u.intent, entities: flat(u.entities) }));
}
