import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CITY, COUNTRY, REGION, findPlaces, geography } from '../../src/nlu/entity/geography.ts';
import { recognizePrebuilts } from '../../src/nlu/entity/prebuilt.ts';
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

  describe('as the prebuilt geographyV2', () => {
    const places = (q: string) => findPlaces(q).map((p) => `${p.text}/${p.type}`);

    it('finds the longest capitalised place names, typed country, state or city', () => {
      assert.deepEqual(places('flights from Seattle to Bosnia and Herzegovina via the Isle of Man'),
        ['Seattle/city', 'Bosnia and Herzegovina/countryRegion', 'Isle of Man/countryRegion']);
      assert.deepEqual(places('is it cold in Papua New Guinea or in Connecticut?'), ['Papua New Guinea/countryRegion', 'Connecticut/state']);
      assert.deepEqual(places('France is lovely'), ['France/countryRegion'], 'a country may open the query');
    });

    it('leaves out words that are also small towns, and names where capitals say nothing', () => {
      assert.deepEqual(places('what is the weather in seattle'), [], 'not written as a name');
      assert.deepEqual(places('Home lights on'), [], 'opens the query');
      assert.deepEqual(places('Add Song to My Playlist'), [], 'title case');
      assert.deepEqual(places('show me Star Wars'), [], 'part of a longer name');
      assert.deepEqual(places('add Progress to my Rock list'), [], 'towns of under 50,000 people');
      assert.deepEqual(places('send it to Me'), [], 'under four letters');
    });

    it('reports LUIS types and resolutions', () => {
      const [m] = recognizePrebuilts(['geographyV2'], 'book a table in Georgia', 'en-us', new Date(2020, 0, 1));
      assert.deepEqual(m, { name: 'geographyV2', type: 'builtin.geographyV2.countryRegion', start: 16, end: 22, text: 'Georgia', resolution: { value: 'Georgia', type: 'countryRegion' } });
    });
  });
});
