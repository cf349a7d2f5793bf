// Everything the learned parts look at besides the words: the matches of the
// app's deterministic extractors (list entities, regex entities, prebuilt
// entities, phrase lists) over a tokenised text.
import type { LuisApp } from '../app/types.ts';
import { Lexicon, type LexiconMatch } from '../entity/lexicon.ts';
import { recognizePrebuilts, type PrebuiltMatch } from '../entity/prebuilt.ts';
import { tokenize, type Token } from '../text/tokenize.ts';

export interface RegexMatch {
  name: string;
  start: number;
  /** inclusive */
  end: number;
  text: string;
}

export interface Analysis {
  text: string;
  tokens: Token[];
  lists: LexiconMatch[];
  phrases: LexiconMatch[];
  regexes: RegexMatch[];
  prebuilts: PrebuiltMatch[];
}

export interface Extractors {
  culture: string;
  lists: Lexicon;
  phrases: Lexicon;
  regexes: Array<{ name: string; re: RegExp }>;
  prebuiltNames: string[];
}

export interface DynamicList {
  listEntityName: string;
  requestLists: Array<{ name?: string; canonicalForm: string; synonyms?: string[] }>;
}

function compileRegex(pattern: string): RegExp {
  try { return new RegExp(pattern, 'giu'); } catch { return new RegExp(pattern, 'gi'); }
}

export function buildLists(app: Pick<LuisApp, 'closedLists'>, culture: string, dynamic: DynamicList[] = []): Lexicon {
  const lists = new Lexicon(culture);
  for (const l of app.closedLists) {
    for (const s of l.subLists) {
      lists.add(l.name, s.canonicalForm, s.canonicalForm);
      for (const syn of s.list) lists.add(l.name, syn, s.canonicalForm);
    }
  }
  for (const d of dynamic) {
    for (const r of d.requestLists) {
      lists.add(d.listEntityName, r.canonicalForm, r.canonicalForm);
      for (const syn of r.synonyms ?? []) lists.add(d.listEntityName, syn, r.canonicalForm);
    }
  }
  return lists;
}

export function buildExtractors(app: Pick<LuisApp, 'closedLists' | 'phraselists' | 'regexEntities' | 'prebuiltEntities' | 'regexFeatures'>, culture: string): Extractors {
  const phrases = new Lexicon(culture);
  for (const p of app.phraselists) if (p.activated) for (const w of p.words) phrases.add(p.name, w, w);
  return {
    culture,
    lists: buildLists(app, culture),
    phrases,
    regexes: [
      ...app.regexEntities.map((r) => ({ name: r.name, re: compileRegex(r.regexPattern) })),
      ...app.regexFeatures.filter((r) => r.activated).map((r) => ({ name: `feature:${r.name}`, re: compileRegex(r.pattern) })),
    ],
    prebuiltNames: app.prebuiltEntities.map((p) => p.name),
  };
}

export function findRegexes(regexes: Extractors['regexes'], text: string): RegexMatch[] {
  const out: RegexMatch[] = [];
  for (const { name, re } of regexes) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      if (m[0].length === 0) { re.lastIndex++; continue; }
      out.push({ name, start: m.index, end: m.index + m[0].length - 1, text: m[0] });
    }
  }
  return out;
}

export function analyze(ex: Extractors, text: string, reference: Date, lists: Lexicon = ex.lists): Analysis {
  const tokens = tokenize(text, ex.culture);
  return {
    text,
    tokens,
    lists: lists.match(tokens),
    phrases: ex.phrases.match(tokens),
    regexes: findRegexes(ex.regexes, text),
    prebuilts: ex.prebuiltNames.length ? recognizePrebuilts(ex.prebuiltNames, text, ex.culture, reference) : [],
  };
}

/** Token range [from, to) covering the characters [start, end] (inclusive). */
export function tokenRange(tokens: Token[], start: number, end: number): [number, number] {
  let from = -1, to = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].end > start && tokens[i].start <= end) {
      if (from < 0) from = i;
      to = i + 1;
    }
  }
  return from < 0 ? [0, 0] : [from, to];
}

/** Every deterministic match as (feature name, token range), for the learned models' features. */
export function matchFeatures(a: Analysis): Array<{ feature: string; from: number; to: number }> {
  const out: Array<{ feature: string; from: number; to: number }> = [];
  for (const l of a.lists) out.push({ feature: `list:${l.name}`, from: l.from, to: l.to });
  for (const p of a.phrases) out.push({ feature: `phrase:${p.name}`, from: p.from, to: p.to });
  for (const r of a.regexes) { const [from, to] = tokenRange(a.tokens, r.start, r.end); if (to > from) out.push({ feature: `regex:${r.name}`, from, to }); }
  for (const p of a.prebuilts) { const [from, to] = tokenRange(a.tokens, p.start, p.end); if (to > from) out.push({ feature: `prebuilt:${p.name}`, from, to }); }
  return out;
}
