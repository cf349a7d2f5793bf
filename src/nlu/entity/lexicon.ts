// Phrase lookup over normalised tokens: list entities (synonym → canonical
// values) and phrase lists both match whole-token phrases, longest first.
import type { Token } from '../text/tokenize.ts';
import { tokenize } from '../text/tokenize.ts';

export interface LexiconMatch {
  /** list entity or phrase list name */
  name: string;
  /** first token (inclusive) and last token (exclusive) */
  from: number;
  to: number;
  /** canonical values the matched phrase stands for (list entities) */
  values: string[];
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** name → canonical values ending here */
  ends?: Map<string, string[]>;
}

export class Lexicon {
  private root: TrieNode = { next: new Map() };
  private names: string[] = [];

  constructor(private culture = 'en-us') {}

  add(name: string, phrase: string, value: string): void {
    const toks = tokenize(phrase, this.culture).map((t) => t.norm);
    if (!toks.length) return;
    let node = this.root;
    for (const t of toks) {
      let nx = node.next.get(t);
      if (!nx) node.next.set(t, (nx = { next: new Map() }));
      node = nx;
    }
    node.ends ??= new Map();
    const vals = node.ends.get(name);
    if (!vals) node.ends.set(name, [value]);
    else if (!vals.includes(value)) vals.push(value);
    if (!this.names.includes(name)) this.names.push(name);
  }

  get isEmpty(): boolean { return this.names.length === 0; }

  /** Per name, the longest non-overlapping matches (leftmost-longest). */
  match(tokens: Token[]): LexiconMatch[] {
    if (this.isEmpty) return [];
    const candidates: LexiconMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
      let node: TrieNode | undefined = this.root;
      const longest = new Map<string, LexiconMatch>();
      for (let j = i; j < tokens.length && node; j++) {
        node = node.next.get(tokens[j].norm);
        if (node?.ends) for (const [name, values] of node.ends) longest.set(name, { name, from: i, to: j + 1, values });
      }
      candidates.push(...longest.values());
    }
    candidates.sort((a, b) => (b.to - b.from) - (a.to - a.from) || a.from - b.from);
    const taken = new Map<string, Uint8Array>();
    const out: LexiconMatch[] = [];
    for (const c of candidates) {
      let used = taken.get(c.name);
      if (!used) taken.set(c.name, (used = new Uint8Array(tokens.length)));
      let free = true;
      for (let k = c.from; k < c.to; k++) if (used[k]) { free = false; break; }
      if (!free) continue;
      for (let k = c.from; k < c.to; k++) used[k] = 1;
      out.push(c);
    }
    return out.sort((a, b) => a.from - b.from || b.to - a.to);
  }
}
