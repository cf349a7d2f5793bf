// English for generated captions: articles and plurals of object names.
const SAME_PLURAL = new Set(['sheep', 'skis', 'scissors', 'glasses']);
const IRREGULAR: Record<string, string> = { person: 'people', knife: 'knives', mouse: 'mice', 'computer mouse': 'computer mice' };

export function plural(noun: string): string {
  if (IRREGULAR[noun]) return IRREGULAR[noun];
  if (SAME_PLURAL.has(noun)) return noun;
  if (/(s|sh|ch|x|z)$/.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

export function withArticle(noun: string): string {
  if (SAME_PLURAL.has(noun)) return noun;
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

const NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five', 'six'];

/** "a dog", "two dogs", "a group of dogs". */
export function counted(noun: string, n: number): string {
  if (n === 1) return withArticle(noun);
  if (n < NUMBERS.length) return `${NUMBERS[n]} ${plural(noun)}`;
  return `a group of ${plural(noun)}`;
}
