// Generated bad input for the fuzz test: hostile strings and numbers, values
// shaped by an OpenAPI schema and then broken (wrong types, missing and extra
// fields, deep nesting), and their encodings into paths and query strings.
import fc from 'fast-check';
import type { Schema } from './openapi.ts';

export const MEGABYTE_STRING = 'x'.repeat(1024 * 1024);

/** Strings that have broken servers: traversal, NUL, lone surrogates, bidi and zero-width marks, format strings. */
const NASTY_STRINGS = [
  '', ' ', '../../../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/passwd', '....//....//', '%2e%2e%2f', 'a/../../b',
  '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\udbff\udfff', '\u202eevil\u202c', '\u200b\u200c\u200d\ufeff', '\u2028\u2029',
  '%s%s%n', '${7*7}', '{{7*7}}', '<script>alert(1)</script>', "' OR 1=1 --", '"; DROP TABLE apps; --', '__proto__', 'constructor',
  'CON', 'NUL.txt', 'null', 'undefined', 'NaN', '-1', '0', '1e309', '99999999999999999999999999', 'true', '[]', '{}',
  '00000000-0000-0000-0000-000000000000', 'é'.normalize('NFD'), '🦄'.repeat(300), 'ﷺ'.repeat(50), 'x'.repeat(70_000),
];

const NASTY_NUMBERS = [0, -0, -1, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, Number.MAX_SAFE_INTEGER, 5e-324];

export const nastyString = (): fc.Arbitrary<string> => fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);

export const nastyNumber = (): fc.Arbitrary<number> => fc.oneof(fc.constantFrom(...NASTY_NUMBERS), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());

/** Any JSON value, hostile at the leaves. */
export const nastyJson = (): fc.Arbitrary<unknown> => fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    nastyString(), nastyNumber(), fc.boolean(), fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nastyString(), tie('value'), { maxKeys: 4 })),
})).value;

/** A well-formed value for a schema (the fuzz breaks it afterwards), bounded in depth. */
export function fromSchema(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 5) return fc.constant(null);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((s: Schema) => fromSchema(s, depth + 1)));
  if (schema.allOf?.length) return fromSchema(Object.assign({}, ...schema.allOf), depth);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 30) });
    case 'integer': return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 500, 500) });
    case 'number': return fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 1, noNaN: true });
    case 'boolean': return fc.boolean();
    case 'array': return fc.array(fromSchema(schema.items, depth + 1), { maxLength: 3 });
    case 'object': {
      const props = Object.entries<Schema>(schema.properties ?? {});
      const required = new Set<string>(schema.required ?? []);
      return fc.record(Object.fromEntries(props.map(([k, s]) => [k, fromSchema(s, depth + 1)])),
        { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) });
    }
    default: return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null));
  }
}

type Mutation = { kind: 'replace' | 'delete' | 'extra' | 'nest'; at: number; with: unknown };

/** Every [container, key] of a value, so a mutation can pick one by index. */
function slots(value: unknown, out: Array<[any, string | number]> = []): Array<[any, string | number]> {
  if (Array.isArray(value)) value.forEach((v, i) => { out.push([value, i]); slots(v, out); });
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) { out.push([value, k]); slots(v, out); }
  return out;
}

/** Deep nesting a JSON parser or a recursive walk may not survive: 10,000 levels of arrays or objects. */
export function deeplyNested(levels: number, objects: boolean): string {
  return objects ? '{"a":'.repeat(levels) + '1' + '}'.repeat(levels) : '['.repeat(levels) + ']'.repeat(levels);
}

function mutate(value: unknown, m: Mutation): unknown {
  const copy = structuredClone(value);
  const all = slots(copy);
  if (all.length === 0) return m.kind === 'nest' ? [[[[copy]]]] : m.with;
  const [container, key] = all[m.at % all.length];
  if (m.kind === 'replace') container[key] = m.with;
  else if (m.kind === 'delete') Array.isArray(container) ? container.splice(Number(key), 1) : delete container[key];
  else if (m.kind === 'nest') container[key] = [[[[[container[key]]]]]];
  else if (Array.isArray(container)) container.push(m.with);
  else container[`extra${m.at}`] = m.with;
  return copy;
}

/** A JSON body for an operation: well-formed, broken in one or more places, or not what it should be at all. */
export function jsonBody(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const valid = fromSchema(schema);
  const mutation = fc.record({ kind: fc.constantFrom('replace', 'delete', 'extra', 'nest'), at: fc.nat(), with: nastyJson() }) as fc.Arbitrary<Mutation>;
  return fc.oneof(
    { weight: 2, arbitrary: valid },
    { weight: 5, arbitrary: fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([v, ms]) => ms.reduce(mutate, v)) },
    { weight: 2, arbitrary: nastyJson() },
    { weight: 1, arbitrary: valid.map((v) => (v && typeof v === 'object' ? { ...v, big: MEGABYTE_STRING.slice(0, 900_000) } : MEGABYTE_STRING.slice(0, 900_000))) },
  );
}

/**
 * Percent-encodes a string byte for byte as the wire carries it: lone surrogates
 * become the (invalid) UTF-8 of their code unit, so a server sees what a broken
 * client would send, and `/` and `..` stay literal about half the time.
 */
export function percentEncode(s: string, keepSlashes = false): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (/[A-Za-z0-9\-_.~]/.test(ch) || (keepSlashes && ch === '/')) { out += ch; continue; }
    const isPair = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
    const unit = isPair ? s.slice(i, ++i + 1) : ch;
    const bytes = c >= 0xd800 && c <= 0xdfff && !isPair
      ? Buffer.from([0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)])
      : Buffer.from(unit, 'utf8');
    for (const b of bytes) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Raw strings that go into a path or query as they are: broken escapes and traversal the client must not normalise. */
export const RAW_SEGMENTS = ['%', '%zz', '%ED%A0%80', '%00', '%C0%AF', '..', '.', '..%2F..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%252e%252e', ';', '%0d%0aSet-Cookie:%20x=y'];
