import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CITY, COUNTRY, REGION, geography } from '../../src/nlu/entity/geography.ts';
import { tokenFeatureNames } from '../../src/nlu/entity/token-features.ts';
import { analyze, buildExtractors } from '../../src/nlu/model/analyze.ts';

describe('geography lexicon', () => {
  it('knows cities, countries and regions by their normalised names, and US state codes as written', () => {
    const g = geography();
    assert.ok(g.names.size > 100_000);
    assert.ok(g.names.get('mondovi')! & CITY);
    assert.ok(g.names.get('papua new guinea')! & COUNTRY);
    assert.ok(g.names.get('macedonia')! & COUNTRY); // "Macedonia, Republic of"
    assert.ok(g.names.get('aland')! & COUNTRY); // Åland, diacritics removed
    assert.ok(g.names.get('connecticut')! & REGION);
    assert.ok(g.names.get('georgia')! & COUNTRY && g.names.get('georgia')! & REGION);
    assert.ok(g.regionCodes.has('OH') && !g.regionCodes.has('oh'));
    assert.equal(geography(), g);
  });

  it('marks the tokens of a place name for the tagger, by kind and position', () => {
    const ex = buildExtractors({ closedLists: [], phraselists: [], regexEntities: [], prebuiltEntities: [], regexFeatures: [] }, 'en-us');
    const rows = tokenFeatureNames(analyze(ex, 'weather in Papua New Guinea and Mondovi OH', new Date(2020, 0, 1)), 'GetWeather');
    const geo = rows.map((r) => r.filter((f) => f.startsWith('geo:')));
    assert.deepEqual(geo[0], []);
    assert.ok(geo[2].includes('geo:country:B') && geo[3].includes('geo:country:I') && geo[4].includes('geo:country:I'));
    assert.ok(geo[6].includes('geo:city:B'));
    assert.ok(geo[7].includes('geo:code'));
  });
});
