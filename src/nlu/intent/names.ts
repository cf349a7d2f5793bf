// An intent's name is its author's shortest description of it: "DeleteAccount",
// "HomeAutomation.TurnOn", "Software Recommendation". Its words become one extra,
// lightly weighted training example of the intent, which helps most where an
// intent has only one or two utterances. Words that appear in the names of several
// intents ("Search" in SearchCreativeWork and SearchScreeningEvent) tell those
// intents apart no better than nothing and are left out. Names without meaning
// ("Intent1") cost nothing measurable (src/nlu/README.md).
import { stem } from '../text/stem.ts';
import { isWordToken, tokenize } from '../text/tokenize.ts';

export interface NameExample {
  /** index of the intent in the list given */
  intent: number;
  /** the name's distinctive words, space-separated */
  text: string;
}

/** "HomeAutomation.TurnOn" → ["Home", "Automation", "Turn", "On"]: camel case, acronyms and separators split. */
export function nameWords(name: string, culture = 'en-us'): string[] {
  const spaced = name
    .replace(/\p{Pc}+/gu, ' ')
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2');
  return tokenize(spaced, culture).filter(isWordToken).map((t) => t.text);
}

/** One example per intent except None, of the words of its name that no other intent's name shares. */
export function intentNameExamples(intents: string[], culture = 'en-us'): NameExample[] {
  const named = intents
    .map((name, intent) => ({ intent, words: name === 'None' ? [] : nameWords(name, culture) }))
    .filter((n) => n.words.length > 0);
  const key = (word: string) => stem(word.toLowerCase());
  const namesWith = new Map<string, number>();
  for (const n of named) for (const k of new Set(n.words.map(key))) namesWith.set(k, (namesWith.get(k) ?? 0) + 1);
  return named
    .map((n) => ({ intent: n.intent, text: n.words.filter((w) => namesWith.get(key(w)) === 1).join(' ') }))
    .filter((n) => n.text.length > 0);
}
