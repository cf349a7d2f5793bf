// Matching LUIS patterns against an utterance. Literal words must match
// (normalised, punctuation ignored on both sides); `{Entity}` matches a span
// some extractor found for that entity; `{PatternAny}` matches any non-empty
// run of words. The whole utterance must be covered.
import { parsePatternSyntax, type PatternNode } from '../app/pattern-syntax.ts';
import { isWordToken, tokenize, type Token } from '../text/tokenize.ts';

type Step =
  | { type: 'word'; norm: string }
  | { type: 'entity'; entity: string; role?: string }
  | { type: 'optional'; body: Step[] }
  | { type: 'group'; alternatives: Step[][] };

export interface CompiledPattern {
  intent: string;
  source: string;
  steps: Step[];
  /** literal words, to rank competing matches (more literal = more specific) */
  literalCount: number;
}

export interface PatternBinding {
  entity: string;
  role?: string;
  /** word-token range [from, to) in the utterance's word tokens */
  from: number;
  to: number;
}

export interface PatternMatch {
  pattern: CompiledPattern;
  bindings: PatternBinding[];
}

function compileNodes(nodes: PatternNode[], culture: string): Step[] {
  const out: Step[] = [];
  for (const n of nodes) {
    if (n.type === 'text') {
      for (const t of tokenize(n.text, culture)) if (isWordToken(t)) out.push({ type: 'word', norm: t.norm });
    } else if (n.type === 'entity') out.push(n.role ? { type: 'entity', entity: n.entity, role: n.role } : { type: 'entity', entity: n.entity });
    else if (n.type === 'optional') out.push({ type: 'optional', body: compileNodes(n.body, culture) });
    else out.push({ type: 'group', alternatives: n.alternatives.map((a) => compileNodes(a, culture)) });
  }
  return out;
}

function countLiterals(steps: Step[]): number {
  let c = 0;
  for (const s of steps) {
    if (s.type === 'word') c++;
    else if (s.type === 'group') c += Math.min(...s.alternatives.map(countLiterals));
  }
  return c;
}

export function compilePattern(source: string, intent: string, culture: string): CompiledPattern {
  const steps = compileNodes(parsePatternSyntax(source), culture);
  return { intent, source, steps, literalCount: countLiterals(steps) };
}

/** Spans (over word tokens) each entity name was found at, for `{Entity}` steps. */
export type EntitySpans = Map<string, Array<{ from: number; to: number }>>;

const MAX_STEPS = 20_000;

export function matchPattern(p: CompiledPattern, words: Token[], spans: EntitySpans, patternAny: Set<string>): PatternBinding[] | null {
  let budget = MAX_STEPS;
  // continuation-passing backtracking: each step calls `next` with the position after it
  const run = (steps: Step[], i: number, pos: number, bindings: PatternBinding[], next: (pos: number, b: PatternBinding[]) => PatternBinding[] | null): PatternBinding[] | null => {
    if (--budget < 0) return null;
    if (i === steps.length) return next(pos, bindings);
    const s = steps[i];
    const cont = (np: number, b: PatternBinding[]) => run(steps, i + 1, np, b, next);
    switch (s.type) {
      case 'word':
        return pos < words.length && words[pos].norm === s.norm ? cont(pos + 1, bindings) : null;
      case 'optional':
        return run(s.body, 0, pos, bindings, cont) ?? cont(pos, bindings);
      case 'group':
        for (const alt of s.alternatives) {
          const r = run(alt, 0, pos, bindings, cont);
          if (r) return r;
        }
        return null;
      case 'entity': {
        const bind = (to: number) => cont(to, [...bindings, s.role ? { entity: s.entity, role: s.role, from: pos, to } : { entity: s.entity, from: pos, to }]);
        for (const sp of spans.get(s.entity) ?? []) {
          if (sp.from !== pos) continue;
          const r = bind(sp.to);
          if (r) return r;
        }
        if (patternAny.has(s.entity)) {
          for (let to = pos + 1; to <= words.length; to++) {
            const r = bind(to);
            if (r) return r;
          }
        }
        return null;
      }
    }
  };
  return run(p.steps, 0, 0, [], (pos, b) => (pos === words.length ? b : null));
}

/** The most specific matching pattern (most literal words, then fewest pattern.any words). */
export function bestPatternMatch(patterns: CompiledPattern[], words: Token[], spans: EntitySpans, patternAny: Set<string>): PatternMatch | null {
  let best: PatternMatch | null = null;
  let bestAnyWords = Infinity;
  for (const p of patterns) {
    const b = matchPattern(p, words, spans, patternAny);
    if (!b) continue;
    const anyWords = b.filter((x) => patternAny.has(x.entity)).reduce((s, x) => s + x.to - x.from, 0);
    if (!best || p.literalCount > best.pattern.literalCount || (p.literalCount === best.pattern.literalCount && anyWords < bestAnyWords)) {
      best = { pattern: p, bindings: b };
      bestAnyWords = anyWords;
    }
  }
  return best;
}
