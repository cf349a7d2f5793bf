// Review endpoint utterances (active learning): the logged queries the trained
// model is unsure of, offered per intent and per entity, dismissible.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';
import { parseLuisApp, train } from '../../src/nlu/index.ts';
import { suggestions, UNSURE_MARGIN, UNSURE_TOP_SCORE } from '../../src/luis/authoring/review.ts';
import { luisDb } from '../../src/luis/store/tables.ts';
import { assignKey, call, endpointResource, fixture, luisUser, publishedApp, startFastLuisServer, type LuisUser } from './support.ts';

describe('choosing utterances to review', () => {
  const model = train(parseLuisApp({
    luis_schema_version: '7.0.0', versionId: '0.1', name: 'Review', culture: 'en-us',
    intents: [{ name: 'Greet' }, { name: 'Bye' }, { name: 'None' }],
    entities: [], utterances: [
      ...['hello', 'hi there', 'good morning', 'hey you', 'hello friend', 'hi'].map((text) => ({ text, intent: 'Greet', entities: [] })),
      ...['bye', 'goodbye', 'see you later', 'bye bye', 'good night', 'farewell'].map((text) => ({ text, intent: 'Bye', entities: [] })),
      ...['what is the weather', 'order a pizza', 'play some music'].map((text) => ({ text, intent: 'None', entities: [] })),
    ],
  }));

  it('offers for an intent only utterances it tops with a low score or a small margin, the least certain first', () => {
    const texts = ['hello', 'hello and goodbye', 'good', 'hi bye', 'goodbye', 'order some music'];
    const offered = suggestions(model, texts, { intent: 'Greet' }, 100);
    assert.ok(offered.length > 0);
    const margins = offered.map((s) => {
      const [top, second] = s.intentPredictions;
      assert.equal(top.name, 'Greet', s.text);
      assert.ok(top.score < UNSURE_TOP_SCORE || top.score - second.score < UNSURE_MARGIN, `${s.text} is unsure`);
      return top.score - second.score;
    });
    assert.deepEqual(margins, [...margins].sort((a, b) => a - b));
    assert.ok(!offered.some((s) => s.text === 'hello'), 'a confident prediction is not offered');
    assert.deepEqual(suggestions(model, texts, { intent: 'Greet' }, 1), offered.slice(0, 1));
  });
});

describe('LUIS review endpoint utterances', () => {
  let server: TestServer;
  let owner: LuisUser;
  let appId: string;
  let intentId: string;
  let endpointKey: string;
  const api = (method: string, path: string, body?: unknown) => call(server, method, `/luis/api/v2.0/apps/${appId}/versions/0.1${path}`, owner.authoring.westus, body);
  const queries = [
    'turn on the lights', 'lights', 'please', 'what time is it', 'turn it up', 'make it warmer in here', 'is the door locked',
    'kitchen', 'coffee', 'off', 'set the mood', 'open the garage', 'music please', 'bedroom please', 'too dark in here',
    'breezeway on please', 'turn the heat on in the kitchen', 'who are you', 'book a flight', 'fan', 'lamp on',
  ];

  before(async () => {
    server = await startFastLuisServer();
    owner = await luisUser(server);
    const endpoint = await endpointResource(server, owner, 'review-endpoint');
    endpointKey = endpoint.key;
    ({ appId } = await publishedApp(server, owner.authoring.westus, fixture('home-automation'), { region: 'westus' }));
    await assignKey(server, owner.authoring.westus, appId, endpoint.name);
    for (const q of queries) assert.equal((await call(server, 'GET', `/luis/v2.0/apps/${appId}?q=${encodeURIComponent(q)}`, endpointKey)).status, 200);
    intentId = (await api('GET', '/intents')).body.find((i: any) => i.name === 'HomeAutomation').id;
  });
  after(async () => server?.close());

  it('lists logged queries the model is unsure of for an intent, never an example, with the predictions', async () => {
    const res = await api('GET', `/intents/${intentId}/suggest?take=500`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(res.body.length > 0, 'some logged query is uncertain');
    for (const s of res.body) {
      assert.ok(queries.includes(s.text), `${s.text} was a logged query`);
      assert.notEqual(s.text, 'breezeway on please', 'an example is never suggested');
      assert.equal(s.intentPredictions[0].name, 'HomeAutomation');
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

  it('lists logged queries with a learned entity found at a low score', async () => {
    const room = (await api('GET', '/entities')).body.find((e: any) => e.name === 'Room');
    const res = await api('GET', `/entities/${room.id}/suggest`);
    assert.equal(res.status, 200);
    assert.ok(res.body.length > 0, 'some logged query has a Room found at a low score');
    for (const s of res.body) assert.ok(s.entityPredictions.some((e: any) => e.entityName === 'Room'), JSON.stringify(s));
  });

  it('offers nothing for a version never trained, and 404 for an intent that does not exist', async () => {
    assert.equal((await api('POST', '/clone', { version: 'draft' })).status, 201);
    const draftApi = (path: string) => call(server, 'GET', `/luis/api/v2.0/apps/${appId}/versions/draft${path}`, owner.authoring.westus);
    const draftIntent = (await draftApi('/intents')).body.find((i: any) => i.name === 'HomeAutomation').id;
    const draft = await draftApi(`/intents/${draftIntent}/suggest`);
    assert.equal(draft.status, 200);
    assert.deepEqual(draft.body, []);
    assert.equal((await api('GET', '/intents/00000000-0000-0000-0000-000000000000/suggest')).status, 404);
  });

  it('keeps dismissals with their version when it is renamed, and drops them when it is deleted', async () => {
    const listed = async (version: string) => {
      const intent = (await call(server, 'GET', `/luis/api/v2.0/apps/${appId}/versions/${version}/intents`, owner.authoring.westus)).body.find((i: any) => i.name === 'HomeAutomation');
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
