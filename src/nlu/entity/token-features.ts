// Features of each token for the entity tagger: the word and its
// neighbours, shape (alone and paired with each neighbour's), affixes, the
// deterministic matches (list, regex, prebuilt, phrase list) it falls in,
// with its position in the match, the labels that a phrase covering it
// carried in training (gazetteer.ts), and the kinds of place a phrase covering
// it names (geography.ts).
import { type Analysis, matchFeatures } from '../model/analyze.ts';
import { stem } from '../text/stem.ts';
import type { Token } from '../text/tokenize.ts';
import { GAZETTEER_MAX_TOKENS, type GazetteerLookup } from './gazetteer.ts';
import { CITY, COUNTRY, GEOGRAPHY_MAX_TOKENS, REGION, geography } from './geography.ts';

const PLACE_KINDS: Array<[number, string]> = [[CITY, 'city'], [COUNTRY, 'country'], [REGION, 'region']];

function shape(text: string): string {
  let s = '';
  for (const ch of text) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (s[s.length - 1] !== c) s += c;
  }
  return s;
}

/** Calls `visit` with every phrase of 1 to `maxTokens` tokens (normal forms joined by spaces) and its tokens [from, to). */
function forEachPhrase(toks: Token[], maxTokens: number, visit: (phrase: string, from: number, to: number) => void): void {
  for (let i = 0; i < toks.length; i++) {
    let phrase = '';
    for (let j = i; j < Math.min(toks.length, i + maxTokens); j++) {
      phrase = j === i ? toks[j].norm : `${phrase} ${toks[j].norm}`;
      visit(phrase, i, j + 1);
    }
  }
}

/** Gives tokens [from, to) the feature with its position: B on the first, I on the others. */
function markSpan(rows: string[][], from: number, to: number, feature: string): void {
  for (let k = from; k < to; k++) rows[k].push(`${feature}:${k === from ? 'B' : 'I'}`);
}

export function tokenFeatureNames(a: Analysis, intent: string, gazetteer?: GazetteerLookup): string[][] {
  const toks = a.tokens;
  const n = toks.length;
  const w = (i: number) => (i < 0 ? '<s>' : i >= n ? '</s>' : toks[i].norm);
  const shapes = toks.map((t) => shape(t.text));
  const sh = (i: number) => (i < 0 ? '<s>' : i >= n ? '</s>' : shapes[i]);
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const cur = toks[i].norm;
    const f = [
      'bias', `w=${cur}`, `s=${stem(cur)}`, `sh=${shapes[i]}`,
      `w-1=${w(i - 1)}`, `w+1=${w(i + 1)}`, `w-2=${w(i - 2)}`, `w+2=${w(i + 2)}`,
      `b-=${w(i - 1)}|${cur}`, `b+=${cur}|${w(i + 1)}`,
      `p3=${cur.slice(0, 3)}`, `x2=${cur.slice(-2)}`, `x3=${cur.slice(-3)}`, `x4=${cur.slice(-4)}`,
      `I=${intent}`, `Iw=${intent}|${cur}`,
      `shb-=${sh(i - 1)}|${shapes[i]}`, `shb+=${shapes[i]}|${sh(i + 1)}`,
    ];
    if (i === 0) f.push('first');
    if (i === n - 1) f.push('last');
    rows.push(f);
  }
  if (gazetteer) {
    forEachPhrase(toks, GAZETTEER_MAX_TOKENS, (phrase, from, to) => {
      for (const l of gazetteer(phrase) ?? []) markSpan(rows, from, to, `gaz:${l}`);
    });
  }
  // every phrase of the built-in geography lexicon: its set of kinds as one feature
  // ("Indiana" is a city and a state, and mostly means the state), then each kind
  const geo = geography();
  forEachPhrase(toks, GEOGRAPHY_MAX_TOKENS, (phrase, from, to) => {
    const kinds = geo.names.get(phrase);
    if (!kinds) return;
    markSpan(rows, from, to, `geo:${kinds}`);
    for (const [bit, name] of PLACE_KINDS) if (kinds & bit) markSpan(rows, from, to, `geo:${name}`);
  });
  for (let i = 0; i < n; i++) if (geo.regionCodes.has(toks[i].text)) rows[i].push('geo:code');
  for (const m of matchFeatures(a)) {
    markSpan(rows, m.from, m.to, m.feature);
    if (m.from > 0) rows[m.from - 1].push(`next:${m.feature}`);
    if (m.to < n) rows[m.to].push(`prev:${m.feature}`);
  }
  return rows;
}
