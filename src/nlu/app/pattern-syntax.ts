// LUIS pattern template syntax: literal text, `{Entity}` / `{Entity:role}`,
// `[optional text]`, and `(one|or|other)` groups, which may nest. `\` escapes.

export type PatternNode =
  | { type: 'text'; text: string }
  | { type: 'entity'; entity: string; role?: string }
  | { type: 'optional'; body: PatternNode[] }
  | { type: 'group'; alternatives: PatternNode[][] };

export function parsePatternSyntax(source: string): PatternNode[] {
  let pos = 0;

  const parseSequence = (stops: string): PatternNode[] => {
    const nodes: PatternNode[] = [];
    let text = '';
    const flush = () => { if (text) nodes.push({ type: 'text', text }), (text = ''); };
    while (pos < source.length) {
      const ch = source[pos];
      if (stops.includes(ch)) break;
      if (ch === '\\' && pos + 1 < source.length) { text += source[pos + 1]; pos += 2; continue; }
      if (ch === '{') {
        flush();
        const end = source.indexOf('}', pos);
        if (end < 0) throw new Error(`"{" at ${pos} is never closed`);
        const inner = source.slice(pos + 1, end).trim();
        if (!inner) throw new Error(`empty entity reference at ${pos}`);
        const [entity, role] = inner.split(':').map((s) => s.trim());
        nodes.push(role ? { type: 'entity', entity, role } : { type: 'entity', entity });
        pos = end + 1;
        continue;
      }
      if (ch === '[') {
        flush();
        pos++;
        const body = parseSequence(']');
        if (source[pos] !== ']') throw new Error('"[" is never closed');
        pos++;
        nodes.push({ type: 'optional', body });
        continue;
      }
      if (ch === '(') {
        flush();
        pos++;
        const alternatives: PatternNode[][] = [parseSequence('|)')];
        while (source[pos] === '|') { pos++; alternatives.push(parseSequence('|)')); }
        if (source[pos] !== ')') throw new Error('"(" is never closed');
        pos++;
        nodes.push({ type: 'group', alternatives });
        continue;
      }
      if (ch === '}' || ch === ']' || ch === ')' || ch === '|') {
        // a stray closer outside its construct is literal text in LUIS templates
        text += ch; pos++; continue;
      }
      text += ch;
      pos++;
    }
    flush();
    return nodes;
  };

  const nodes = parseSequence('');
  return nodes;
}

export function entityRefsInPattern(source: string): Array<{ entity: string; role?: string }> {
  const out: Array<{ entity: string; role?: string }> = [];
  const walk = (nodes: PatternNode[]) => {
    for (const n of nodes) {
      if (n.type === 'entity') out.push(n.role ? { entity: n.entity, role: n.role } : { entity: n.entity });
      else if (n.type === 'optional') walk(n.body);
      else if (n.type === 'group') n.alternatives.forEach(walk);
    }
  };
  walk(parsePatternSyntax(source));
  return out;
}
