// Prediction v3.0's request options over HTTP: what a client sends in the POST
// body (dynamic lists, external entities, a datetime reference) changes the
// answer as LUIS documents, and a bad option is a 400 naming it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';
import { assignKey, call, endpointResource, fixture, luisUser, publishedApp, startFastLuisServer } from './support.ts';

/** Every value (or, with `instances`, every $instance entry) of the entity `name`, at any depth of a v3 entities object. */
function entitiesNamed(entities: any, name: string, instances = false): any[] {
  if (entities === null || typeof entities !== 'object') return [];
  const own = instances ? entities.$instance?.[name] ?? [] : entities[name] ?? [];
  const nested = Object.entries(entities).filter(([key]) => key !== '$instance').flatMap(([, value]) => (Array.isArray(value) ? value : []));
  return [...own, ...nested.flatMap((child) => entitiesNamed(child, name, instances))];
}

describe('LUIS prediction v3.0 request options', () => {
  let server: TestServer;
  let key: string;
  let appId: string;
  const predict = (body: unknown, params = '') =>
    call(server, 'POST', `/luis/prediction/v3.0/apps/${appId}/slots/production/predict?log=false${params}`, key, body);

  before(async () => {
    server = await startFastLuisServer();
    const owner = await luisUser(server);
    const endpoint = await endpointResource(server, owner, 'flights-endpoint');
    ({ appId } = await publishedApp(server, owner.authoring.westus, fixture('flight-booking')));
    await assignKey(server, owner.authoring.westus, appId, endpoint.name);
    key = endpoint.key;
  });
  after(async () => server?.close());

  it('a dynamic list extends a list entity for this query only', async () => {
    const query = 'book a flight to tokyo';
    const extended = await predict({
      query,
      dynamicLists: [{ listEntityName: 'Airport', requestLists: [{ name: 'Tokyo', canonicalForm: 'Tokyo', synonyms: ['tokyo', 'hnd'] }] }],
    }, '&verbose=true');
    assert.equal(extended.status, 200, JSON.stringify(extended.body));
    assert.deepEqual(extended.body.prediction.entities.Airport, [['Tokyo']]);
    const instance = extended.body.prediction.entities.$instance.Airport[0];
    assert.equal(instance.text, 'tokyo');
    assert.equal(instance.startIndex, query.indexOf('tokyo'));
    assert.equal(instance.length, 5);
    const plain = await predict({ query });
    assert.equal(plain.status, 200);
    assert.equal(plain.body.prediction.entities.Airport, undefined, 'the next query does not see the dynamic list');
  });

  it('an external entity is returned with its own resolution, and preferred over the model when asked', async () => {
    const query = 'book flight to berlin';
    const start = query.indexOf('berlin');
    const external = { entityName: 'Airport', startIndex: start, entityLength: 6, resolution: { code: 'BER' } };
    const preferred = await predict({ query, externalEntities: [external], options: { preferExternalEntities: true } }, '&verbose=true');
    assert.equal(preferred.status, 200, JSON.stringify(preferred.body));
    // The model may wrap the span in a composite ("To"): look for Airport at any depth.
    const [values, instances] = [entitiesNamed(preferred.body.prediction.entities, 'Airport'), entitiesNamed(preferred.body.prediction.entities, 'Airport', true)];
    assert.deepEqual(values, [{ code: 'BER' }]);
    assert.deepEqual(instances.map((i: any) => i.recognitionSources), [['externalEntities']]);
  });

  it('datetimeReference sets the day that relative dates resolve against', async () => {
    const res = await predict({ query: 'book flight to paris tomorrow', options: { datetimeReference: '2026-01-10T09:00:00' } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [datetime] = res.body.prediction.entities.datetimeV2;
    assert.equal(datetime.type, 'date');
    assert.equal(datetime.values[0].resolution[0].value, '2026-01-11');
  });

  it('an external entity outside the query or of an unknown entity is 400 naming it', async () => {
    const outside = await predict({ query: 'book', externalEntities: [{ entityName: 'Airport', startIndex: 2, entityLength: 9 }] });
    assert.equal(outside.status, 400);
    assert.match(outside.body.error.message, /Airport/);
    const unknown = await predict({ query: 'book a flight', dynamicLists: [{ listEntityName: 'Hotel', requestLists: [] }] });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.error.message, /Hotel/);
    const badBody = await predict({ query: 'book a flight', externalEntities: [{ entityName: 'Airport', startIndex: -1, entityLength: 2 }] });
    assert.equal(badBody.status, 400);
    assert.match(badBody.body.error.message, /startIndex/);
  });
});

describe('LUIS prediction of the prebuilts geographyV2, personName and keyPhrase', () => {
  let server: TestServer;
  let key: string;
  let appId: string;

  before(async () => {
    server = await startFastLuisServer();
    const owner = await luisUser(server);
    const endpoint = await endpointResource(server, owner, 'weather-endpoint');
    const app = fixture('weather') as { prebuiltEntities: Array<{ name: string; roles: string[] }> };
    for (const name of ['geographyV2', 'personName', 'keyPhrase']) app.prebuiltEntities.push({ name, roles: [] });
    ({ appId } = await publishedApp(server, owner.authoring.westus, app));
    await assignKey(server, owner.authoring.westus, appId, endpoint.name);
    key = endpoint.key;
  });
  after(async () => server?.close());

  it('answers place names with their type in v3, and as builtin.geographyV2.<type> in v2', async () => {
    const query = 'what is the weather like in Papua New Guinea and Seattle';
    const v3 = await call(server, 'GET', `/luis/prediction/v3.0/apps/${appId}/slots/production/predict?query=${encodeURIComponent(query)}&verbose=true&log=false`, key);
    assert.equal(v3.status, 200, JSON.stringify(v3.body));
    assert.deepEqual(v3.body.prediction.entities.geographyV2, [{ value: 'Papua New Guinea', type: 'countryRegion' }, { value: 'Seattle', type: 'city' }]);
    assert.deepEqual(v3.body.prediction.entities.$instance.geographyV2.map((i: any) => [i.text, i.startIndex, i.length, i.type]),
      [['Papua New Guinea', 28, 16, 'builtin.geographyV2.countryRegion'], ['Seattle', 49, 7, 'builtin.geographyV2.city']]);
    const v2 = await call(server, 'GET', `/luis/v2.0/apps/${appId}?q=${encodeURIComponent(query)}&log=false`, key);
    assert.equal(v2.status, 200, JSON.stringify(v2.body));
    const places = v2.body.entities.filter((e: any) => e.type.startsWith('builtin.geographyV2'));
    assert.deepEqual(places.map((e: any) => [e.entity, e.type, e.startIndex, e.endIndex]),
      [['Papua New Guinea', 'builtin.geographyV2.countryRegion', 28, 43], ['Seattle', 'builtin.geographyV2.city', 49, 55]]);
  });

  it('answers people and key phrases as their text in v3, and as builtin types without a resolution in v2', async () => {
    const query = 'will it rain on the garden party of José Müller';
    const v3 = await call(server, 'GET', `/luis/prediction/v3.0/apps/${appId}/slots/production/predict?query=${encodeURIComponent(query)}&verbose=true&log=false`, key);
    assert.equal(v3.status, 200, JSON.stringify(v3.body));
    assert.deepEqual(v3.body.prediction.entities.personName, ['José Müller']);
    assert.deepEqual(v3.body.prediction.entities.keyPhrase, ['garden party', 'José Müller']);
    assert.deepEqual(v3.body.prediction.entities.$instance.personName.map((i: any) => [i.text, i.startIndex, i.length, i.type]),
      [['José Müller', 36, 11, 'builtin.personName']]);
    const v2 = await call(server, 'GET', `/luis/v2.0/apps/${appId}?q=${encodeURIComponent(query)}&log=false`, key);
    assert.equal(v2.status, 200, JSON.stringify(v2.body));
    const found = v2.body.entities.filter((e: any) => e.type === 'builtin.personName' || e.type === 'builtin.keyPhrase')
      .sort((a: any, b: any) => a.startIndex - b.startIndex || a.type.localeCompare(b.type));
    assert.deepEqual(found, [
      { entity: 'garden party', type: 'builtin.keyPhrase', startIndex: 20, endIndex: 31 },
      { entity: 'José Müller', type: 'builtin.keyPhrase', startIndex: 36, endIndex: 46 },
      { entity: 'José Müller', type: 'builtin.personName', startIndex: 36, endIndex: 46 },
    ]);
  });
});

