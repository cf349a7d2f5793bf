// Review endpoint utterances (active learning): the logged queries the trained
// model is unsure of, offered per intent and per entity, dismissible.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';
import { suggestions, UNSURE_ENTITY_SCORE, UNSURE_MARGIN, UNSURE_TOP_SCORE, type Candidate } from '../../src/luis/authoring/review.ts';
import { luisDb } from '../../src/luis/store/tables.ts';
import { assignKey, call, endpointResource, fixture, luisUser, publishedApp, startFastLuisServer, versionApi, type LuisUser } from './support.ts';

describe('choosing utterances to review', () => {
  /** A prediction with the given intent scores (highest first) and learned entities. */
  const candidate = (text: string, intents: Array<[string, number]>, entities: Array<[string, number]> = []): Candidate => ({
    view: { text, tokenizedText: text.split(' '), intentPredictions: intents.map(([name, score]) => ({ name, score })), entityPredictions: [] },
    prediction: {
      query: text, topIntent: intents[0][0], intents: intents.map(([intent, score]) => ({ intent, score })), compositeEntities: [],
      entities: entities.map(([entity, score]) => ({ entity, type: entity, kind: 'simple' as const, startIndex: 0, endIndex: 1, text: 'xx', score })),
    },
  });
  const logged = [
    candidate('sure', [['Greet', 0.95], ['Bye', 0.03]]),
    candidate('close call', [['Greet', 0.55], ['Bye', 0.40]]),
    candidate('low top', [['Greet', 0.60], ['None', 0.20]]),
    candidate('closest', [['Greet', 0.48], ['Bye', 0.47]]),
    candidate('other intent', [['Bye', 0.51], ['Greet', 0.49]]),
    candidate('room maybe', [['Greet', 0.9], ['Bye', 0.05]], [['Room', 0.62]]),
    candidate('room sure', [['Greet', 0.9], ['Bye', 0.05]], [['Room', 0.97]]),
  ];

  it(`offers for an intent the utterances it tops below ${UNSURE_TOP_SCORE} or within ${UNSURE_MARGIN} of the runner-up, the closest first`, () => {
    assert.deepEqual(suggestions(logged, { intent: 'Greet' }, 100).map((s) => s.text), ['closest', 'close call', 'low top']);
    assert.deepEqual(suggestions(logged, { intent: 'Greet' }, 1).map((s) => s.text), ['closest']);
    assert.deepEqual(suggestions(logged, { intent: 'Bye' }, 100).map((s) => s.text), ['other intent']);
  });

  it(`offers for an entity the utterances where it is found with a score below ${UNSURE_ENTITY_SCORE}`, () => {
    assert.deepEqual(suggestions(logged, { entity: 'Room' }, 100).map((s) => s.text), ['room maybe']);
    assert.deepEqual(suggestions(logged, { entity: 'Device' }, 100), []);
  });
});

describe('LUIS review endpoint utterances', () => {
  let server: TestServer;
  let owner: LuisUser;
  let appId: string;
  let homeId: string;
  let intentId: string;
  let endpointKey: string;
  const api = versionApi(() => ({ server, key: owner.authoring.westus, appId }));
  /** Greetings and farewells with disjoint words: a query with words of both is a close call for any model. */
  const greetings = {
    luis_schema_version: '7.0.0', versionId: '0.1', name: 'Greetings', culture: 'en-us',
    intents: [{ name: 'Greet' }, { name: 'Bye' }, { name: 'None' }], entities: [],
    utterances: [
      ...['hello', 'hi there', 'good morning', 'hey you', 'hello friend', 'hi'].map((text) => ({ text, intent: 'Greet', entities: [] })),
      ...['bye', 'goodbye', 'see you later', 'bye bye', 'good night', 'farewell'].map((text) => ({ text, intent: 'Bye', entities: [] })),
      ...['what is the weather', 'order a pizza', 'play some music'].map((text) => ({ text, intent: 'None', entities: [] })),
    ],
  };
  const mixed = ['hello goodbye', 'hi bye', 'hello and goodbye', 'hey bye', 'hi farewell', 'hello bye bye', 'good morning and good night'];
  const queries = [...mixed, 'hello', 'goodbye', 'bye', 'order a pizza now'];
  const ask = (app: string, q: string) => call(server, 'GET', `/luis/v2.0/apps/${app}?q=${encodeURIComponent(q)}`, endpointKey);

  before(async () => {
    server = await startFastLuisServer();
    owner = await luisUser(server);
    const endpoint = await endpointResource(server, owner, 'review-endpoint');
    endpointKey = endpoint.key;
    ({ appId } = await publishedApp(server, owner.authoring.westus, greetings, { region: 'westus' }));
    ({ appId: homeId } = await publishedApp(server, owner.authoring.westus, fixture('home-automation'), { region: 'westus' }));
    for (const app of [appId, homeId]) await assignKey(server, owner.authoring.westus, app, endpoint.name);
    for (const q of queries) assert.equal((await ask(appId, q)).status, 200);
    for (const q of ['kitchen', 'turn the heat on in the kitchen', 'bedroom please', 'lamp on', 'breezeway on please']) assert.equal((await ask(homeId, q)).status, 200);
    intentId = (await api('GET', '/intents')).body.find((i: any) => i.name === 'Bye').id;
  });
  after(async () => server?.close());

  it('lists logged queries the model is unsure of for an intent, never an example, with the predictions', async () => {
    const res = await api('GET', `/intents/${intentId}/suggest?take=500`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(res.body.length > 0, 'a query mixing greeting and farewell words is a close call');
    for (const s of res.body) {
      assert.ok(mixed.includes(s.text), `${s.text} is one of the mixed queries (not an example such as "bye", nor a clear one)`);
      const [top, second] = s.intentPredictions;
      assert.equal(top.name, 'Bye');
      assert.ok(top.score < UNSURE_TOP_SCORE || top.score - second.score < UNSURE_MARGIN, `${s.text} is unsure`);
      assert.ok(Array.isArray(s.tokenizedText) && Array.isArray(s.entityPredictions));
    }
    const one = await api('GET', `/intents/${intentId}/suggest?take=1`);
    assert.deepEqual(one.body, res.body.slice(0, 1));
  });

  it('forgets an utterance deleted from the review, for this version', async () => {
    const before = (await api('GET', `/intents/${intentId}/suggest`)).body;
    const dismissed = before[0].text;
    const deleted = await api('DELETE', '/suggest', dismissed.toUpperCase());
    assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
    const after = (await api('GET', `/intents/${intentId}/suggest`)).body;
    assert.deepEqual(after.map((s: any) => s.text), before.map((s: any) => s.text).filter((t: string) => t !== dismissed));
    assert.equal((await api('DELETE', '/suggest', '   ')).status, 400);
  });

  it('lists, for an entity, only logged queries in which the model found it', async () => {
    const home = (path: string) => call(server, 'GET', `/luis/api/v2.0/apps/${homeId}/versions/0.1${path}`, owner.authoring.westus);
    const room = (await home('/entities')).body.find((e: any) => e.name === 'Room');
    const res = await home(`/entities/${room.id}/suggest`);
    assert.equal(res.status, 200);
    for (const s of res.body) {
      assert.ok(s.entityPredictions.some((e: any) => e.entityName === 'Room'), JSON.stringify(s));
      assert.notEqual(s.text, 'breezeway on please', 'an example is never suggested');
    }
  });

  it('offers nothing for a version never trained, and 404 for an intent that does not exist', async () => {
    assert.equal((await api('POST', '/clone', { version: 'draft' })).status, 201);
    const draftApi = (path: string) => call(server, 'GET', `/luis/api/v2.0/apps/${appId}/versions/draft${path}`, owner.authoring.westus);
    const draftIntent = (await draftApi('/intents')).body.find((i: any) => i.name === 'Bye').id;
    const draft = await draftApi(`/intents/${draftIntent}/suggest`);
    assert.equal(draft.status, 200);
    assert.deepEqual(draft.body, []);
    assert.equal((await api('GET', '/intents/00000000-0000-0000-0000-000000000000/suggest')).status, 404);
  });

  it('keeps dismissals with their version when it is renamed, and drops them when it is deleted', async () => {
    const listed = async (version: string) => {
      const intent = (await call(server, 'GET', `/luis/api/v2.0/apps/${appId}/versions/${version}/intents`, owner.authoring.westus)).body.find((i: any) => i.name === 'Bye');
      return (await call(server, 'GET', `/luis/api/v2.0/apps/${appId}/versions/${version}/intents/${intent.id}/suggest`, owner.authoring.westus)).body.map((s: any) => s.text);
    };
    const before = await listed('0.1');
    assert.equal((await call(server, 'POST', `/luis/api/v2.0/apps/${appId}/versions/0.1/clone`, owner.authoring.westus, { version: 'copy' })).status, 201);
    const deleted = await call(server, 'DELETE', `/luis/api/v2.0/apps/${appId}/versions/copy/suggest`, owner.authoring.westus, before[0]);
    assert.equal(deleted.status, 200);
    const stored = () => luisDb(server.platform.store.db).selectFrom('luis_dismissed_utterances').select(['version_id', 'text']).where('app_id', '=', appId).execute();
    assert.deepEqual((await stored()).filter((r) => r.version_id !== '0.1'), [{ version_id: 'copy', text: before[0].toLowerCase() }]);
    const renamed = await call(server, 'PUT', `/luis/api/v2.0/apps/${appId}/versions/copy/`, owner.authoring.westus, { version: 'renamed' });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.deepEqual((await stored()).filter((r) => r.version_id !== '0.1'), [{ version_id: 'renamed', text: before[0].toLowerCase() }]);
    assert.equal((await call(server, 'DELETE', `/luis/api/v2.0/apps/${appId}/versions/renamed/`, owner.authoring.westus)).status, 200);
    assert.deepEqual((await stored()).filter((r) => r.version_id !== '0.1'), []);
  });
});
