// Features of each token for the entity tagger: the word and its
// neighbours, shape, affixes, and the deterministic matches (list, regex,
// prebuilt, phrase list) it falls in, with its position in the match.
import { type Analysis, matchFeatures } from '../model/analyze.ts';
import { stem } from '../text/stem.ts';

function shape(text: string): string {
  let s = '';
  for (const ch of text) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (s[s.length - 1] !== c) s += c;
  }
  return s;
}

export function tokenFeatureNames(a: Analysis, intent: string): string[][] {
  const toks = a.tokens;
  const n = toks.length;
  const w = (i: number) => (i < 0 ? '<s>' : i >= n ? '</s>' : toks[i].norm);
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const t = toks[i], cur = t.norm;
    const f = [
      'bias', `w=${cur}`, `s=${stem(cur)}`, `sh=${shape(t.text)}`,
      `w-1=${w(i - 1)}`, `w+1=${w(i + 1)}`, `w-2=${w(i - 2)}`, `w+2=${w(i + 2)}`,
      `b-=${w(i - 1)}|${cur}`, `b+=${cur}|${w(i + 1)}`,
      `p3=${cur.slice(0, 3)}`, `x2=${cur.slice(-2)}`, `x3=${cur.slice(-3)}`, `x4=${cur.slice(-4)}`,
      `I=${intent}`, `Iw=${intent}|${cur}`,
    ];
    if (i === 0) f.push('first');
    if (i === n - 1) f.push('last');
    rows.push(f);
  }
  for (const m of matchFeatures(a)) {
    for (let i = m.from; i < m.to; i++) {
      rows[i].push(`${m.feature}:${i === m.from ? 'B' : 'I'}`);
      if (i === m.from && m.from > 0) rows[i - 1].push(`next:${m.feature}`);
      if (i === m.to - 1 && m.to < n) rows[m.to].push(`prev:${m.feature}`);
    }
  }
  return rows;
}
