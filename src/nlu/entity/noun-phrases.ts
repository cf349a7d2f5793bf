// The prebuilts personName and keyPhrase, from the noun phrases and people that
// the `compromise` part-of-speech tagger (MIT; its English lexicon ships inside
// the package) finds. English cultures only: other cultures find nothing. The
// tagger is loaded on first use, so apps without these prebuilts never pay for it.
import { createRequire } from 'node:module';
import type nlpType from 'compromise';

export interface PhraseMatch {
  start: number;
  /** inclusive */
  end: number;
  text: string;
}

interface TermJson { text: string; post: string; tags: string[]; offset: { start: number; length: number } }
interface PhraseJson { terms: TermJson[] }

type Doc = ReturnType<typeof nlpType>;

let nlp: typeof nlpType | undefined;
let last: { text: string; doc: Doc } | undefined;
/** The tagged text; kept for the next call, so an app with both prebuilts tags each query once. */
function tagged(text: string): Doc {
  if (last?.text !== text) last = { text, doc: (nlp ??= createRequire(import.meta.url)('compromise') as typeof nlpType)(text) };
  return last.doc;
}

/** Words that open, join or stand for a noun phrase without naming anything. */
const NOT_CONTENT = ['Determiner', 'Possessive', 'Pronoun', 'Conjunction', 'Preposition', 'QuestionWord'];
/** Punctuation after a word (other than a hyphen or apostrophe) ends a phrase. */
const BREAKS = /[^\s\-'’]/u;

/**
 * Runs of content words inside each phrase: "my workout playlist" → "workout playlist",
 * "Alice and José Müller" → "Alice", "José Müller", "Bob, Alice" → "Bob", "Alice".
 */
function contentSpans(text: string, phrases: PhraseJson[]): PhraseMatch[] {
  const out: PhraseMatch[] = [];
  for (const { terms } of phrases) {
    let from = -1, to = -1;
    const close = () => {
      if (from >= 0) out.push({ start: from, end: to, text: text.slice(from, to + 1) });
      from = -1;
    };
    for (const t of terms) {
      const content = t.text.length > 0 && /[\p{L}\p{N}]/u.test(t.text) && !t.tags.some((tag) => NOT_CONTENT.includes(tag));
      if (!content) { close(); continue; }
      if (from < 0) from = t.offset.start;
      to = t.offset.start + t.offset.length - 1;
      if (BREAKS.test(t.post)) close();
    }
    close();
  }
  return out.sort((a, b) => a.start - b.start);
}

const english = (culture: string) => culture.toLowerCase().startsWith('en');

export function findPersonNames(text: string, culture = 'en-us'): PhraseMatch[] {
  if (!english(culture)) return [];
  return contentSpans(text, tagged(text).people().json({ offset: true, terms: { offset: true } }) as PhraseJson[]);
}

/** Noun phrases without their determiners, possessives and pronouns, as key phrases. */
export function findKeyPhrases(text: string, culture = 'en-us'): PhraseMatch[] {
  if (!english(culture)) return [];
  return contentSpans(text, tagged(text).nouns().json({ offset: true, terms: { offset: true } }) as PhraseJson[]);
}
