// The engine's Prediction in CLU's response shape: intents as
// {category, confidenceScore}, entities by category with offsets in the
// caller's string index type, resolutions of prebuilts, and the list or regex
// key that matched as extraInformation.
import type { PredictedEntity, Prediction } from '../../nlu/index.ts';
import type { Deployed } from './deployed-models.ts';

export type StringIndexType = 'TextElements_v8' | 'UnicodeCodePoint' | 'Utf16CodeUnit';

/**
 * Offsets when the request names no stringIndexType: graphemes, as Azure's
 * runtime spec (2022-05-01 to 2024-11-01) documents, and the official clients
 * send nothing unless told, so a client written against Azure reads the same
 * offsets here. JavaScript callers ask for Utf16CodeUnit (docs/clu.md).
 */
export const DEFAULT_STRING_INDEX_TYPE: StringIndexType = 'TextElements_v8';

export interface CluEntity {
  category: string;
  text: string;
  offset: number;
  length: number;
  confidenceScore: number;
  resolutions?: Array<Record<string, unknown>>;
  extraInformation?: Array<Record<string, unknown>>;
  /** Which components found it (for requiredComponents); not sent. */
  kinds: Set<string>;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const ASCII_WITHOUT_CR = /^[\x00-\x0c\x0e-\x7f]*$/;

/** Converts a UTF-16 offset into the text to the index type asked for. */
export function indexIn(text: string, utf16: number, type: StringIndexType): number {
  if (type === 'Utf16CodeUnit') return utf16;
  const before = text.slice(0, utf16);
  // Most queries are ASCII: there each character is one code point and one
  // grapheme (CR LF, the one ASCII cluster of two, aside), so no segmenting.
  if (ASCII_WITHOUT_CR.test(before)) return utf16;
  if (type === 'UnicodeCodePoint') return [...before].length;
  let n = 0;
  for (const _ of graphemes.segment(before)) n++;
  return n;
}

const num = (v: unknown) => (typeof v === 'number' ? v : Number(String(v).replace(/%$/, '')));

function resolutions(e: PredictedEntity): Array<Record<string, unknown>> | undefined {
  const r = e.resolution ?? {};
  switch (e.entity) {
    case 'number': {
      const value = num(r.value);
      return Number.isFinite(value) ? [{ resolutionKind: 'NumberResolution', numberKind: Number.isInteger(value) ? 'Integer' : 'Decimal', value }] : undefined;
    }
    case 'percentage':
      return [{ resolutionKind: 'NumberResolution', numberKind: 'Percent', value: num(r.value) }];
    case 'ordinal':
    case 'ordinalV2':
      return [{ resolutionKind: 'OrdinalResolution', offset: String(r.offset ?? r.value), relativeTo: r.relativeTo === 'end' ? 'End' : r.relativeTo === 'current' ? 'Current' : 'Start', value: String(r.value) }];
    case 'temperature':
      return [{ resolutionKind: 'TemperatureResolution', unit: r.unit, value: num(r.value) }];
    case 'age':
      return [{ resolutionKind: 'AgeResolution', unit: r.unit, value: num(r.value) }];
    case 'money':
      return [{ resolutionKind: 'CurrencyResolution', unit: r.unit, value: num(r.value), ...(r.isoCurrency ? { ISO4217: r.isoCurrency } : {}) }];
    case 'datetimeV2': {
      const values = (r.values as Array<Record<string, unknown>> | undefined) ?? [];
      return values.map((v) => {
        const type = String(v.type ?? '');
        if (type.endsWith('range')) {
          return { resolutionKind: 'TemporalSpanResolution', timex: v.timex, ...(v.start ? { begin: v.start } : {}), ...(v.end ? { end: v.end } : {}) };
        }
        const subKind = ({ date: 'Date', time: 'Time', datetime: 'DateTime', duration: 'Duration', set: 'Set' } as Record<string, string>)[type] ?? 'DateTime';
        return { resolutionKind: 'DateTimeResolution', dateTimeSubKind: subKind, timex: v.timex, value: String(v.value ?? '') };
      });
    }
    default:
      return undefined;
  }
}

function fromEngine(e: PredictedEntity, deployed: Deployed): CluEntity[] {
  const components = deployed.components[e.entity] ?? [];
  return components.map((c) => {
    const extra = c.kind === 'list'
      ? [{ extraInformationKind: 'ListKey', key: (e.resolution?.values as string[] | undefined)?.[0] ?? e.text }]
      : c.kind === 'regex' ? [{ extraInformationKind: 'RegexKey', key: c.regexKey, regexPattern: c.regexPattern }] : undefined;
    const res = c.kind === 'prebuilts' ? resolutions(e) : undefined;
    return {
      category: c.category, text: e.text, offset: e.startIndex, length: e.endIndex - e.startIndex + 1,
      confidenceScore: c.kind === 'learned' ? Number((e.score ?? 1).toFixed(4)) : 1,
      ...(res?.length ? { resolutions: res } : {}), ...(extra ? { extraInformation: extra } : {}),
      kinds: new Set([c.kind]),
    };
  });
}

const overlaps = (a: CluEntity, b: CluEntity) => a.offset < b.offset + b.length && b.offset < a.offset + a.length;

/**
 * Components of one category that overlap become one entity unless the project
 * keeps them apart (separateComponents): the longest span, or with
 * requireExactOverlap only identical spans; combineComponents joins the spans.
 */
function compose(entities: CluEntity[], deployed: Deployed, query: string): CluEntity[] {
  const out: CluEntity[] = [];
  for (const e of entities) {
    const setting = deployed.composition.get(e.category) ?? 'combineComponents';
    const other = setting === 'separateComponents' ? undefined
      : out.find((o) => o.category === e.category && (setting === 'requireExactOverlap' ? o.offset === e.offset && o.length === e.length : overlaps(o, e)));
    if (!other) { out.push(e); continue; }
    if (setting === 'combineComponents') {
      const start = Math.min(other.offset, e.offset);
      const end = Math.max(other.offset + other.length, e.offset + e.length);
      other.offset = start; other.length = end - start; other.text = query.slice(start, end);
    } else if (e.length > other.length) {
      other.offset = e.offset; other.length = e.length; other.text = e.text;
    }
    other.confidenceScore = Math.max(other.confidenceScore, e.confidenceScore);
    if (e.resolutions) other.resolutions = [...(other.resolutions ?? []), ...e.resolutions];
    if (e.extraInformation) other.extraInformation = [...(other.extraInformation ?? []), ...e.extraInformation];
    for (const k of e.kinds) other.kinds.add(k);
  }
  return out.filter((e) => (deployed.required.get(e.category) ?? []).every((k) => e.kinds.has(k)));
}

export function cluPrediction(p: Prediction, deployed: Deployed, indexType: StringIndexType) {
  const entities = compose(p.entities.flatMap((e) => fromEngine(e, deployed)), deployed, p.query)
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  return {
    projectKind: 'Conversation' as const,
    topIntent: p.topIntent,
    intents: p.intents.map((i) => ({ category: i.intent, confidenceScore: Number(i.score.toFixed(4)) })),
    entities: entities.map(({ kinds: _kinds, ...e }) => {
      const offset = indexIn(p.query, e.offset, indexType);
      const length = indexIn(p.query, e.offset + e.length, indexType) - offset;
      return { ...e, offset, length };
    }),
  };
}
