// Phrase lists and version settings over HTTP, with the bodies of the
// authoring spec (and SDK 3.0.1): a phrase list is a comma-separated string of
// phrases with an integer id; settings are name/value pairs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';
import { call, luisUser, startFastLuisServer, versionApi } from './support.ts';

describe('LUIS phrase lists and version settings', () => {
  let server: TestServer;
  let key: string;
  let appId: string;
  const api = versionApi(() => ({ server, key, appId }));

  before(async () => {
    server = await startFastLuisServer();
    key = (await luisUser(server)).authoring.westus;
    // An app whose intent and entity use a phrase list as a feature (schema 7), to see edits reach those references.
    const imported = await call(server, 'POST', '/luis/api/v2.0/apps/import?appName=Phrases', key, {
      luis_schema_version: '7.0.0', name: 'Phrases', versionId: '0.1', culture: 'en-us',
      intents: [{ name: 'None', features: [] }, { name: 'Order', features: [{ featureName: 'Drinks' }] }],
      entities: [{ name: 'Drink', roles: [], children: [], features: [{ featureName: 'Drinks' }] }],
      phraselists: [{ name: 'Drinks', words: 'tea,coffee', mode: true, activated: true, enabledForAllModels: false }],
      utterances: [{ text: 'a tea please', intent: 'Order', entities: [{ entity: 'Drink', startPos: 2, endPos: 4 }] }],
    });
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    appId = imported.body;
  });
  after(async () => server?.close());

  it('creates a phrase list from comma-separated phrases and answers it with an integer id, active, interchangeable unless told', async () => {
    const created = await api('POST', '/phraselists', { name: 'Cities', phrases: 'paris, london ,new york,,', isExchangeable: false });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body;
    assert.ok(Number.isInteger(id), `id ${id}`);
    assert.deepEqual((await api('GET', `/phraselists/${id}`)).body,
      { id, name: 'Cities', phrases: 'paris,london,new york', isExchangeable: false, isActive: true, enabledForAllModels: true });
    const plain = (await api('GET', `/phraselists/${(await api('POST', '/phraselists', { name: 'Sizes', phrases: 'small,large' })).body}`)).body;
    assert.equal(plain.isExchangeable, true);
    assert.deepEqual((await api('GET', '/phraselists')).body.map((p: any) => p.name), ['Drinks', 'Cities', 'Sizes']);
    assert.deepEqual((await api('GET', '/features')).body.phraselistFeatures.map((p: any) => p.name), ['Drinks', 'Cities', 'Sizes']);
    assert.deepEqual((await api('GET', '/phraselists?skip=1&take=1')).body.map((p: any) => p.name), ['Cities']);
  });

  it('refuses a taken (in any case) or badly formed phrase list name, and answers 404 for an unknown id', async () => {
    const taken = await api('POST', '/phraselists', { name: 'drinks', phrases: 'milk' });
    assert.equal(taken.status, 400);
    assert.match(taken.body.error.message, /A phrase list named "drinks" already exists/);
    const bad = await api('POST', '/phraselists', { name: 'a|b', phrases: 'milk' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /phrase list name "a\|b"/);
    const missing = await api('GET', '/phraselists/987654');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'NotFound');
  });

  it('updates phrases, activity and mode; a rename reaches the intent and entity that use the list', async () => {
    const drinks = (await api('GET', '/phraselists')).body.find((p: any) => p.name === 'Drinks');
    assert.equal(drinks.enabledForAllModels, false);
    const res = await api('PUT', `/phraselists/${drinks.id}`, { name: 'Beverages', phrases: 'tea,coffee,cocoa', isActive: false, isExchangeable: false });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual((await api('GET', `/phraselists/${drinks.id}`)).body,
      { id: drinks.id, name: 'Beverages', phrases: 'tea,coffee,cocoa', isExchangeable: false, isActive: false, enabledForAllModels: false });
    const exported = (await api('GET', '/export')).body;
    assert.deepEqual(exported.intents.find((i: any) => i.name === 'Order').features, [{ featureName: 'Beverages', isRequired: false }]);
    assert.deepEqual(exported.entities.find((e: any) => e.name === 'Drink').features, [{ featureName: 'Beverages', isRequired: false }]);
    const taken = await api('PUT', `/phraselists/${drinks.id}`, { name: 'cities' });
    assert.equal(taken.status, 400);
    assert.match(taken.body.error.message, /already exists/);
  });

  it('deletes a phrase list, and with it the features that named it', async () => {
    const beverages = (await api('GET', '/phraselists')).body.find((p: any) => p.name === 'Beverages');
    assert.equal((await api('DELETE', `/phraselists/${beverages.id}`)).status, 200);
    assert.equal((await api('GET', `/phraselists/${beverages.id}`)).status, 404);
    assert.equal((await api('DELETE', `/phraselists/${beverages.id}`)).status, 404);
    const exported = (await api('GET', '/export')).body;
    assert.ok(!exported.phraselists.some((p: any) => p.name === 'Beverages'));
    assert.deepEqual(exported.intents.find((i: any) => i.name === 'Order').features, []);
    assert.deepEqual(exported.entities.find((e: any) => e.name === 'Drink').features, []);
  });

  it('the 501st phrase list, and the 5,001st phrase of the non-interchangeable lists, are 400 naming the limit', async () => {
    const full = await call(server, 'POST', '/luis/api/v2.0/apps/import?appName=Many%20lists', key, {
      luis_schema_version: '7.0.0', name: 'Many lists', versionId: '0.1', culture: 'en-us', intents: [{ name: 'None' }], utterances: [],
      phraselists: Array.from({ length: 500 }, (_, i) => ({ name: `list${i}`, words: `word${i}`, mode: true, activated: true })),
    });
    assert.equal(full.status, 201, JSON.stringify(full.body));
    const v = `/luis/api/v2.0/apps/${full.body}/versions/0.1`;
    const more = await call(server, 'POST', `${v}/phraselists`, key, { name: 'oneMore', phrases: 'x' });
    assert.equal(more.status, 400);
    assert.match(more.body.error.message, /501 phrase lists; the limit is 500/);

    const [first] = (await call(server, 'GET', `${v}/phraselists?take=1`, key)).body;
    const phrases = Array.from({ length: 5_000 }, (_, i) => `phrase${i}`);
    const atLimit = await call(server, 'PUT', `${v}/phraselists/${first.id}`, key, { phrases: phrases.join(','), isExchangeable: false });
    assert.equal(atLimit.status, 200, JSON.stringify(atLimit.body));
    const over = await call(server, 'PUT', `${v}/phraselists/${first.id}`, key, { phrases: [...phrases, 'phrase5000'].join(',') });
    assert.equal(over.status, 400);
    assert.match(over.body.error.message, /5001 phrases in non-interchangeable phrase lists; the limit is 5000/);
    assert.equal((await call(server, 'GET', `${v}/phraselists/${first.id}`, key)).body.phrases.split(',').length, 5_000, 'a refused update changes nothing');
  });

  it('version settings: PUT sets name/value pairs (a name in any case updates the one there), GET lists them, export carries them', async () => {
    assert.deepEqual((await api('GET', '/settings')).body, []);
    const put = await api('PUT', '/settings', [{ name: 'NormalizePunctuation', value: 'true' }, { name: 'UseAllTrainingData', value: 'false' }]);
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal((await api('PUT', '/settings', [{ name: 'usealltrainingdata', value: 'true' }])).status, 200);
    const settings = [{ name: 'NormalizePunctuation', value: 'true' }, { name: 'UseAllTrainingData', value: 'true' }];
    assert.deepEqual((await api('GET', '/settings')).body, settings);
    assert.deepEqual((await api('GET', '/export')).body.settings, settings);
    assert.equal((await api('PUT', '/settings', { name: 'NormalizePunctuation', value: 'true' })).status, 400, 'the body is an array');
  });
});
