// Unicode-aware tokenisation that keeps exact UTF-16 offsets into the original
// text. Words are runs of letters, marks and digits (so combining accents stay
// inside their word); CJK ideographs and kana are one token per character (no
// spaces to split on); every other visible grapheme (punctuation, symbols,
// emoji sequences) is a token of its own. Apostrophes and hyphens split words,
// as LUIS does ("don't" → don ' t), so a label may end just before them.

export interface Token {
  /** the text as written */
  text: string;
  /** normalised form used for features and matching: NFKC-folded, lower-case, without diacritics */
  norm: string;
  /** offset of the first UTF-16 unit */
  start: number;
  /** offset one past the last UTF-16 unit */
  end: number;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const WORD_CHAR = /[\p{L}\p{M}\p{N}\p{Pc}]/u;
const MARK = /\p{M}/u;
const SPACE = /[\s\p{Z}\u200b\ufeff]/u;
// characters that continue the grapheme of the previous (emoji) character
const GRAPHEME_EXTEND = /[\p{M}\u200d\ufe0f\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]/u;
const REGIONAL_INDICATOR = /[\u{1f1e6}-\u{1f1ff}]/u;

const normCache = new Map<string, string>();

/** Normalises a word for matching: compatibility forms folded, lower-case, diacritics removed. */
export function normalizeWord(text: string): string {
  let n = normCache.get(text);
  if (n !== undefined) return n;
  n = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  if (!n) n = text.toLowerCase();
  if (normCache.size > 200_000) normCache.clear();
  normCache.set(text, n);
  return n;
}

/** Normalises free text (list synonyms, phrase lists) the same way tokens are normalised. */
export function normalizeText(text: string, culture = 'en-us'): string {
  return tokenize(text, culture).map((t) => t.norm).join(' ');
}

// culture is accepted so that languages needing other rules can follow; en-us rules are Unicode-generic
export function tokenize(text: string, _culture = 'en-us'): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  const push = (start: number, end: number) => {
    const t = text.slice(start, end);
    tokens.push({ text: t, norm: normalizeWord(t), start, end });
  };
  while (i < n) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const w = ch.length;
    if (SPACE.test(ch)) { i += w; continue; }
    if (CJK.test(ch)) {
      let j = i + w;
      while (j < n && MARK.test(text[j])) j++;
      push(i, j);
      i = j;
      continue;
    }
    if (WORD_CHAR.test(ch)) {
      let j = i + w;
      while (j < n) {
        const c = String.fromCodePoint(text.codePointAt(j)!);
        if (!WORD_CHAR.test(c) || CJK.test(c)) break;
        j += c.length;
      }
      push(i, j);
      i = j;
      continue;
    }
    // one grapheme of punctuation/symbol/emoji, with its modifiers and ZWJ-joined parts
    let j = i + w;
    if (REGIONAL_INDICATOR.test(ch) && j < n && REGIONAL_INDICATOR.test(String.fromCodePoint(text.codePointAt(j)!))) j += 2;
    while (j < n) {
      const c = String.fromCodePoint(text.codePointAt(j)!);
      if (GRAPHEME_EXTEND.test(c)) {
        j += c.length;
        if (c === '\u200d' && j < n) j += String.fromCodePoint(text.codePointAt(j)!).length;
        continue;
      }
      break;
    }
    push(i, j);
    i = j;
  }
  return tokens;
}

/** True if the token is made of letters/digits (a word), false for punctuation, symbols and emoji. */
export function isWordToken(t: Token): boolean {
  return WORD_CHAR.test(t.text[0]) || CJK.test(t.text);
}
