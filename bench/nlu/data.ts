// Loading the benchmark corpora in ../shared/data/nlu as LUIS apps (train)
// plus labelled test utterances, exactly by each corpus's own split.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLuisApp, type LuisApp } from '../../src/nlu/index.ts';
import { SHARED_DIR } from '../../test/support/shared-dir.ts';

export const DATA_DIR = process.env.NLU_DATA_DIR ?? `${SHARED_DIR}data/nlu`;

export interface GoldEntity { entity: string; start: number; end: number; text: string }
export interface Example { text: string; intent: string; entities: GoldEntity[] }
export interface Split { name: string; train: Example[]; test: Example[] }

interface BraunSentence { text: string; intent: string; training: boolean; entities: Array<{ entity: string; start: number; stop: number; text: string }> }

/** Braun tokens are words and punctuation marks; their positions are token indices. */
function braunTokens(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const re = /[\p{L}\p{N}_]+(?:['’][\p{L}]+)?|[^\s\p{L}\p{N}_]/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** Character offsets of a Braun entity: its text near its token position (the positions alone drift on punctuation). */
function locate(text: string, e: { start: number; stop: number; text: string }): { start: number; end: number } | null {
  const toks = braunTokens(text);
  const lower = text.toLowerCase(), needle = e.text.toLowerCase();
  let best: { start: number; end: number } | null = null, bestDist = Infinity;
  for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + 1)) {
    const tokIndex = toks.findIndex((t) => t.end > i);
    const d = Math.abs(tokIndex - e.start);
    if (d < bestDist) { bestDist = d; best = { start: i, end: i + needle.length - 1 }; }
  }
  if (best) return best;
  const a = toks[e.start], b = toks[e.stop];
  return a && b ? { start: a.start, end: b.end - 1 } : null;
}

export function loadBraun(corpus: 'Chatbot' | 'AskUbuntu' | 'WebApplications'): Split {
  const json = JSON.parse(readFileSync(join(DATA_DIR, 'braun', `${corpus}Corpus.json`), 'utf8')) as { sentences: BraunSentence[] };
  const toExample = (s: BraunSentence): Example => ({
    text: s.text,
    intent: s.intent,
    entities: s.entities.flatMap((e) => {
      const at = locate(s.text, e);
      return at ? [{ entity: e.entity, start: at.start, end: at.end, text: s.text.slice(at.start, at.end + 1) }] : [];
    }),
  });
  return {
    name: corpus,
    train: json.sentences.filter((s) => s.training).map(toExample),
    test: json.sentences.filter((s) => !s.training).map(toExample),
  };
}

export const SNIPS_INTENTS = ['AddToPlaylist', 'BookRestaurant', 'GetWeather', 'PlayMusic', 'RateBook', 'SearchCreativeWork', 'SearchScreeningEvent'];

function loadSnipsFile(file: string, intent: string): Example[] {
  // one file holds an emoji as invalid UTF-8 (surrogate halves); Node's decoder turns it into U+FFFD, which is fine
  const json = JSON.parse(readFileSync(join(DATA_DIR, 'snips2017', file), 'utf8')) as Record<string, Array<{ data: Array<{ text: string; entity?: string }> }>>;
  return json[intent].map((q) => {
    let text = '';
    const entities: GoldEntity[] = [];
    for (const chunk of q.data) {
      if (chunk.entity) {
        // labels never start or end in whitespace
        const lead = chunk.text.length - chunk.text.trimStart().length;
        const trimmed = chunk.text.trim();
        if (trimmed) entities.push({ entity: chunk.entity, start: text.length + lead, end: text.length + lead + trimmed.length - 1, text: trimmed });
      }
      text += chunk.text;
    }
    return { text, intent, entities };
  });
}

export function loadSnips(perIntent?: number): Split {
  const train: Example[] = [], test: Example[] = [];
  for (const intent of SNIPS_INTENTS) {
    const all = loadSnipsFile(`train_${intent}_full.json`, intent);
    train.push(...(perIntent ? all.slice(0, perIntent) : all));
    test.push(...loadSnipsFile(`validate_${intent}.json`, intent));
  }
  return { name: perIntent ? `SNIPS-2017 (${perIntent}/intent)` : 'SNIPS-2017 (full)', train, test };
}

/** A LUIS export (schema 7.0.0) holding the training examples, with every entity type as an ML entity. */
export function toLuisApp(name: string, examples: Example[]): LuisApp {
  const intents = [...new Set(['None', ...examples.map((e) => e.intent)])];
  const entities = [...new Set(examples.flatMap((e) => e.entities.map((x) => x.entity)))];
  return parseLuisApp({
    luis_schema_version: '7.0.0',
    name,
    culture: 'en-us',
    intents: intents.map((n) => ({ name: n })),
    entities: entities.map((n) => ({ name: n, roles: [], children: [], features: [] })),
    utterances: examples.map((e) => ({
      text: e.text,
      intent: e.intent,
      entities: dropOverlaps(e.entities).map((x) => ({ entity: x.entity, startPos: x.start, endPos: x.end })),
    })),
  });
}

function dropOverlaps(es: GoldEntity[]): GoldEntity[] {
  const out: GoldEntity[] = [];
  for (const e of [...es].sort((a, b) => a.start - b.start)) {
    if (out.some((o) => o.entity === e.entity && !(o.end < e.start || o.start > e.end))) continue;
    out.push(e);
  }
  return out;
}
