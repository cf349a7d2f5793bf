// Prebuilt entities through Microsoft's Recognizers-Text, reshaped as LUIS
// reports them (type strings and resolution objects of the v2 runtime),
// geographyV2 from the built-in place-name lexicon (geography.ts), and
// personName and keyPhrase from an English part-of-speech tagger (noun-phrases.ts).
import DateTime from '@microsoft/recognizers-text-date-time';
import NumberRec from '@microsoft/recognizers-text-number';
import NumberWithUnit from '@microsoft/recognizers-text-number-with-unit';
import Sequence from '@microsoft/recognizers-text-sequence';
import { findPlaces } from './geography.ts';
import { findKeyPhrases, findPersonNames, type PhraseMatch } from './noun-phrases.ts';

export interface PrebuiltMatch {
  /** LUIS prebuilt entity name, e.g. `number`, `datetimeV2`, `money` */
  name: string;
  /** LUIS v2 type string, e.g. `builtin.datetimeV2.date` */
  type: string;
  start: number;
  /** inclusive */
  end: number;
  text: string;
  /** absent for the prebuilts LUIS reports without one (personName, keyPhrase) */
  resolution?: Record<string, unknown>;
}

interface ModelLike { parse(query: string, reference?: Date): Array<{ start: number; end: number; text: string; typeName: string; resolution: Record<string, unknown> | null }> }

type Factory = (culture: string) => ModelLike;

const FACTORIES: Record<string, Factory> = {
  number: (c) => new NumberRec.NumberRecognizer(c).getNumberModel(),
  ordinal: (c) => new NumberRec.NumberRecognizer(c).getOrdinalModel(),
  ordinalV2: (c) => new NumberRec.NumberRecognizer(c).getOrdinalModel(),
  percentage: (c) => new NumberRec.NumberRecognizer(c).getPercentageModel(),
  dimension: (c) => new NumberWithUnit.NumberWithUnitRecognizer(c).getDimensionModel(),
  age: (c) => new NumberWithUnit.NumberWithUnitRecognizer(c).getAgeModel(),
  temperature: (c) => new NumberWithUnit.NumberWithUnitRecognizer(c).getTemperatureModel(),
  money: (c) => new NumberWithUnit.NumberWithUnitRecognizer(c).getCurrencyModel(),
  datetimeV2: (c) => new DateTime.DateTimeRecognizer(c).getDateTimeModel(),
  email: (c) => new Sequence.SequenceRecognizer(c).getEmailModel(),
  url: (c) => new Sequence.SequenceRecognizer(c).getURLModel(),
  phonenumber: (c) => new Sequence.SequenceRecognizer(c).getPhoneNumberModel(),
  geographyV2: (c) => ({
    parse: (query) => findPlaces(query, c).map((p) => ({ ...p, typeName: `geographyV2.${p.type}`, resolution: { value: p.text, type: p.type } })),
  }),
  personName: (c) => ({ parse: (query) => findPersonNames(query, c).map(unresolved('personName')) }),
  keyPhrase: (c) => ({ parse: (query) => findKeyPhrases(query, c).map(unresolved('keyPhrase')) }),
};

function unresolved(typeName: string) {
  return (m: PhraseMatch) => ({ ...m, typeName, resolution: null });
}

/** v2 type strings of the prebuilts with one type; the others (datetimeV2, geographyV2) name a subtype per match. */
const V2_TYPE: Record<string, string> = {
  number: 'builtin.number', ordinal: 'builtin.ordinal', ordinalV2: 'builtin.ordinalV2', percentage: 'builtin.percentage',
  dimension: 'builtin.dimension', age: 'builtin.age', temperature: 'builtin.temperature', money: 'builtin.currency',
  email: 'builtin.email', url: 'builtin.url', phonenumber: 'builtin.phonenumber',
  personName: 'builtin.personName', keyPhrase: 'builtin.keyPhrase',
};

export function isRecognizedPrebuilt(name: string): boolean {
  return name in FACTORIES;
}

const models = new Map<string, ModelLike>();

function model(name: string, culture: string): ModelLike | undefined {
  const factory = FACTORIES[name];
  if (!factory) return undefined;
  const key = `${name}|${culture}`;
  let m = models.get(key);
  if (!m) {
    m = factory(culture);
    models.set(key, m);
  }
  return m;
}

/**
 * The wall-clock moment a relative date ("tomorrow") is resolved against. The
 * recognizers read a Date's local fields, so the wall clock is written into them.
 */
export function referenceWallClock(timezoneOffsetMinutes = 0, datetimeReference?: string | Date, now = new Date()): Date {
  if (typeof datetimeReference === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(datetimeReference.trim());
    if (m && !m[7]) {
      return new Date(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
    }
    const parsed = new Date(datetimeReference);
    if (Number.isNaN(parsed.getTime())) throw new RangeError(`datetimeReference "${datetimeReference}" is not a date`);
    now = parsed;
  } else if (datetimeReference instanceof Date) {
    now = datetimeReference;
  }
  const wall = new Date(now.getTime() + timezoneOffsetMinutes * 60_000);
  return new Date(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds());
}

function luisResolution(name: string, r: Record<string, unknown> | null): Record<string, unknown> | undefined {
  if (r === null) return undefined;
  const res = { ...r };
  if (name === 'number' && typeof res.value === 'string') {
    res.subtype = /[.eE]/.test(res.value) ? 'decimal' : 'integer';
  }
  return res;
}

export function recognizePrebuilts(names: readonly string[], text: string, culture: string, reference: Date): PrebuiltMatch[] {
  const out: PrebuiltMatch[] = [];
  for (const name of names) {
    const m = model(name, culture);
    if (!m) continue;
    const results = name === 'datetimeV2' ? m.parse(text, reference) : m.parse(text);
    for (const r of results) {
      const type = V2_TYPE[name] ?? `builtin.${r.typeName}`;
      out.push({ name, type, start: r.start, end: r.end, text: text.slice(r.start, r.end + 1), resolution: luisResolution(name, r.resolution) });
    }
  }
  return out;
}
