// A light English suffix stripper: enough to let "printers"/"printer" and
// "booking"/"book" share a feature, without a dictionary.
const RULES: Array<[RegExp, string]> = [
  [/ies$/, 'y'], [/sses$/, 'ss'], [/([^s])s$/, '$1'],
  [/eed$/, 'ee'], [/([aeiouy].*)(ing|ed)$/, '$1'],
  [/ational$/, 'ate'], [/ization$/, 'ize'], [/fulness$/, 'ful'], [/ousness$/, 'ous'], [/iveness$/, 'ive'],
  [/([aeiouy].{2,})(ly|ment|ness)$/, '$1'],
];

const cache = new Map<string, string>();

export function stem(word: string): string {
  if (word.length <= 3) return word;
  let s = cache.get(word);
  if (s !== undefined) return s;
  s = word;
  for (const [re, rep] of RULES) {
    if (re.test(s)) { s = s.replace(re, rep); if (s.length <= 3) break; }
  }
  // "running" → "runn" → "run"
  if (/([^aeiouslz])\1$/.test(s) && s !== word) s = s.slice(0, -1);
  if (cache.size > 100_000) cache.clear();
  cache.set(word, s);
  return s;
}
