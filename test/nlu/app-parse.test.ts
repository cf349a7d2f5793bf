import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { AppValidationError, exportLuisApp, parseLuisApp } from '../../src/nlu/index.ts';
import { LUIS_FIXTURES_DIR } from '../support/shared-dir.ts';

const FIXTURES = LUIS_FIXTURES_DIR;
const fixture = (name: string) => JSON.parse(readFileSync(FIXTURES + name, 'utf8'));
const fixtureNames = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));

const minimal = (over: Record<string, unknown> = {}) => ({
  luis_schema_version: '3.2.0', name: 't', culture: 'en-us',
  intents: [{ name: 'Greet' }, { name: 'None' }],
  entities: [{ name: 'Person', roles: [] }],
  utterances: [{ text: 'hello bob', intent: 'Greet', entities: [{ entity: 'Person', startPos: 6, endPos: 8 }] }],
  ...over,
});

describe('parseLuisApp', () => {
  for (const name of fixtureNames) {
    it(`parses ${name} and survives export/re-parse unchanged (schema 7.0.0)`, () => {
      const app = parseLuisApp(fixture(name));
      assert.deepEqual(parseLuisApp(exportLuisApp(app)), app);
    });
  }

  it('turns v6 flat child labels into labels nested under their parent', () => {
    const app = parseLuisApp(fixture('pizza-ml-entities-v6.json'));
    const u = app.utterances.find((x) => x.text === 'delivery for a small pepperoni pizza')!;
    assert.deepEqual(u.entities, [{ entity: 'Order', startPos: 15, endPos: 35, children: [{ entity: 'Size', startPos: 15, endPos: 19 }] }]);
  });

  it('reads v3 hierarchical entities, composites, roles, phrase lists (model_features) and regex entities', () => {
    const app = parseLuisApp(fixture('human-resources-patterns-any.json'));
    assert.deepEqual(app.hierarchicals, [{ name: 'Locations', children: ['Destination', 'Origin'], roles: [] }]);
    assert.equal(app.composites[0].name, 'requestemployeemove');
    assert.deepEqual(app.entities.find((e) => e.name === 'NewEmployeeRelocation')!.roles, ['NewEmployeeReloDestination', 'NewEmployeeReloOrigin']);
    assert.equal(app.phraselists.length, 2);
    assert.equal(app.regexEntities[0].regexPattern, 'hrf-[0-9]{6}');
  });

  it('reads the 2.x bing_entities field as prebuilt entities', () => {
    assert.deepEqual(parseLuisApp(fixture('iot-lights-large.json')).prebuiltEntities, [{ name: 'datetimeV2', roles: [] }]);
  });

  it('exports to a pre-6 schema with flat labels and model_features', () => {
    const app = parseLuisApp(fixture('human-resources-patterns-any.json'));
    const out = exportLuisApp(app, '3.2.0');
    assert.ok(Array.isArray(out.model_features));
    assert.deepEqual(parseLuisApp(out), app);
  });

  it('refuses to write ML entities with children into a schema before 6.0.0', () => {
    const app = parseLuisApp(fixture('pizza-ml-entities-v6.json'));
    assert.throws(() => exportLuisApp(app, '4.0.0'), (e: Error) => e instanceof AppValidationError && /Order/.test(e.message));
  });

  const rejects = (json: unknown, pattern: RegExp) =>
    assert.throws(() => parseLuisApp(json), (e: Error) => e instanceof AppValidationError && pattern.test(e.message), String(pattern));

  it('names the utterance when a label lies outside the text', () => {
    rejects(minimal({ utterances: [{ text: 'hello bob', intent: 'Greet', entities: [{ entity: 'Person', startPos: 6, endPos: 9 }] }] }), /utterances\[0\].*outside the text.*hello bob/);
  });

  it('names the entity when labels of the same entity overlap', () => {
    rejects(minimal({ utterances: [{ text: 'hello bob smith', intent: 'Greet', entities: [{ entity: 'Person', startPos: 6, endPos: 8 }, { entity: 'Person', startPos: 8, endPos: 14 }] }] }), /labels of "Person" overlap/);
  });

  it('rejects labels of unknown entities, unknown intents and unknown prebuilt types', () => {
    rejects(minimal({ utterances: [{ text: 'hello bob', intent: 'Greet', entities: [{ entity: 'Pet', startPos: 6, endPos: 8 }] }] }), /unknown entity "Pet"/);
    rejects(minimal({ utterances: [{ text: 'hello', intent: 'Bye', entities: [] }] }), /unknown intent "Bye"/);
    rejects(minimal({ prebuiltEntities: [{ name: 'shoeSize', roles: [] }] }), /unknown prebuilt entity type "shoeSize"/);
  });

  it('rejects unsupported schema versions, bad regexes, undefined roles and pattern references', () => {
    rejects(minimal({ luis_schema_version: '1.3.0' }), /not supported/);
    rejects(minimal({ regex_entities: [{ name: 'R', regexPattern: '([a-z', roles: [] }] }), /invalid regular expression/);
    rejects(minimal({ utterances: [{ text: 'hello bob', intent: 'Greet', entities: [{ entity: 'Person', role: 'friend', startPos: 6, endPos: 8 }] }] }), /role "friend"/);
    rejects(minimal({ patterns: [{ pattern: 'hi {Pet}', intent: 'Greet' }] }), /unknown entity "Pet"/);
    rejects('not json', /not valid JSON/);
    rejects([], /JSON object/);
  });

  it('adds the None intent when an export lacks it', () => {
    const app = parseLuisApp(minimal({ intents: [{ name: 'Greet' }] }));
    assert.ok(app.intents.some((i) => i.name === 'None'));
  });
});
