// Authoring rules beyond the SDK walk-through: LUIS's limits and name rules,
// training status, slots and the swap on publish, the container path form
// and the query log.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';
import { assignKey, call, endpointResource, fixture, luisUser, publishedApp, startFastLuisServer, waitForTraining, type LuisUser } from './support.ts';

describe('LUIS authoring rules', () => {
  let server: TestServer;
  let user: LuisUser;
  let key: string;
  let endpointKey: string;
  let appId: string;
  const api = (method: string, path: string, body?: unknown) => call(server, method, `/luis/api/v2.0/apps/${appId}${path}`, key, body);

  before(async () => {
    server = await startFastLuisServer();
    user = await luisUser(server);
    key = user.authoring.westus;
    endpointKey = (await endpointResource(server, user, 'rules-endpoint')).key;
    ({ appId } = await publishedApp(server, key, fixture('home-automation'), { appName: 'Rules' }));
    await assignKey(server, key, appId, 'rules-endpoint');
  });
  after(async () => server?.close());

  it('refuses an example over 500 characters, a bad name and an unknown intent with 400 naming the problem', async () => {
    const long = await api('POST', '/versions/0.1/example', { text: 'a'.repeat(501), intentName: 'None' });
    assert.equal(long.status, 400);
    assert.match(long.body.error.message, /501 characters; the limit is 500/);
    const badName = await api('POST', '/versions/0.1/intents', { name: 'bad:name' });
    assert.equal(badName.status, 400);
    assert.match(badName.body.error.message, /intent name "bad:name"/);
    const longName = await api('POST', '/versions/0.1/entities', { name: 'x'.repeat(51) });
    assert.equal(longName.status, 400);
    assert.match(longName.body.error.message, /limit of 50 characters/);
    const unknown = await api('POST', '/versions/0.1/example', { text: 'hello there', intentName: 'NoSuchIntent' });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.error.message, /intent "NoSuchIntent" does not exist/);
    const outside = await api('POST', '/versions/0.1/example', { text: 'turn on', intentName: 'HomeAutomation', entityLabels: [{ entityName: 'Operation', startCharIndex: 5, endCharIndex: 40 }] });
    assert.equal(outside.status, 400);
    assert.match(outside.body.error.message, /outside the text/);
    const bad = await call(server, 'POST', `/luis/api/v2.0/apps/${appId}/versions/0.1/example`, key, { text: 42 });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /body/);
  });

  it('refuses the 501st intent', async () => {
    const imported = await call(server, 'POST', '/luis/api/v2.0/apps/import?appName=Big', key, {
      luis_schema_version: '7.0.0', name: 'Big', versionId: '0.1', culture: 'en-us',
      intents: Array.from({ length: 500 }, (_, i) => ({ name: i === 0 ? 'None' : `I${i}` })), utterances: [],
    });
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    const res = await call(server, 'POST', `/luis/api/v2.0/apps/${imported.body}/versions/0.1/intents`, key, { name: 'OneTooMany' });
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /501 intents; the limit is 500/);
  });

  it('an import that is not a valid LUIS app is 400 naming the utterance at fault', async () => {
    const res = await call(server, 'POST', '/luis/api/v2.0/apps/import', key, {
      luis_schema_version: '3.2.0', name: 'Broken', versionId: '0.1', culture: 'en-us', intents: [{ name: 'None' }], entities: [],
      utterances: [{ text: 'hello', intent: 'None', entities: [{ entity: 'Ghost', startPos: 0, endPos: 4 }] }],
    });
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /utterances\[0\]/);
    assert.match(res.body.error.message, /Ghost/);
  });

  it('training reports Queued or InProgress, then Success per model; training again unchanged is UpToDate; an edit needs training again', async () => {
    const again = await api('POST', '/versions/0.1/train');
    assert.equal(again.status, 202);
    assert.deepEqual(again.body, { statusId: 2, status: 'UpToDate' });
    assert.equal((await api('POST', '/versions/0.1/example', { text: 'please switch the heater off', intentName: 'HomeAutomation' })).status, 201);
    assert.equal((await api('GET', '/versions/0.1/')).body.trainingStatus, 'NeedsTraining');
    const queued = await api('POST', '/versions/0.1/train');
    assert.equal(queued.status, 202);
    assert.ok(['Queued', 'InProgress'].includes(queued.body.status), JSON.stringify(queued.body));
    const models = await waitForTraining(server, key, appId, '0.1');
    assert.ok(models.every((m) => m.details.status === 'Success' && m.details.trainingDateTime), JSON.stringify(models));
    assert.equal((await api('GET', '/versions/0.1/')).body.trainingStatus, 'Trained');
  });

  it('staging and production answer from their own published versions; a publish swaps the production model', async () => {
    assert.equal((await api('POST', '/versions/0.1/clone', { version: '0.2' })).status, 201);
    const intent = await api('POST', '/versions/0.2/intents', { name: 'Greeting' });
    assert.equal(intent.status, 201);
    const examples = ['hello', 'hi there', 'good morning', 'hey', 'hello friend', 'good evening'].map((text) => ({ text, intentName: 'Greeting' }));
    assert.equal((await api('POST', '/versions/0.2/examples', examples)).status, 201);
    assert.equal((await api('POST', '/versions/0.2/train')).status, 202);
    await waitForTraining(server, key, appId, '0.2');
    assert.equal((await api('POST', '/publish', { versionId: '0.2', isStaging: true })).status, 201);
    const ask = (slot: string) => call(server, 'GET', `/luis/prediction/v3.0/apps/${appId}/slots/${slot}/predict?query=hello%20friend&show-all-intents=true`, endpointKey);
    const staging = await ask('staging');
    assert.equal(staging.body.prediction.topIntent, 'Greeting');
    const production = await ask('production');
    assert.ok(!('Greeting' in production.body.prediction.intents), 'production still answers from 0.1');
    // The container's path form answers the same as the cloud's.
    const container = await call(server, 'GET', `/luis/v3.0/apps/${appId}/slots/staging/predict?query=hello%20friend&show-all-intents=true`, endpointKey);
    assert.deepEqual(container.body, staging.body);
    assert.equal((await api('POST', '/publish', { versionId: '0.2', isStaging: false })).status, 201);
    assert.equal((await ask('production')).body.prediction.topIntent, 'Greeting');
    const info = await api('GET', '');
    assert.equal(info.body.endpoints.PRODUCTION.versionId, '0.2');
    assert.equal(info.body.endpoints.STAGING.versionId, '0.2');
    const deletePublished = await api('DELETE', '/versions/0.2/');
    assert.equal(deletePublished.status, 400);
    assert.match(deletePublished.body.error.message, /published/);
  });

  it('an untrained version cannot be published (400 saying to train first)', async () => {
    assert.equal((await api('POST', '/versions/0.1/clone', { version: 'fresh' })).status, 201);
    const res = await api('POST', '/publish', { versionId: 'fresh' });
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /not been trained/);
  });

  it("lists each example with the trained model's intent and entity predictions beside its labels (none before training)", async () => {
    const untrained = await api('GET', '/versions/fresh/examples?take=5');
    assert.equal(untrained.status, 200);
    assert.ok(untrained.body.every((e: any) => e.intentPredictions.length === 0 && e.entityPredictions.length === 0));
    const listed = await api('GET', '/versions/0.1/examples?take=500');
    assert.equal(listed.status, 200);
    for (const example of listed.body) {
      assert.deepEqual(example.intentPredictions.map((p: any) => p.name).sort(), ['HomeAutomation', 'None']);
      const sum = example.intentPredictions.reduce((s: number, p: any) => s + p.score, 0);
      assert.ok(Math.abs(sum - 1) < 1e-6, `scores of "${example.text}" sum to ${sum}`);
    }
    const agreeing = listed.body.filter((e: any) => e.intentPredictions[0].name === e.intentLabel);
    assert.ok(agreeing.length >= listed.body.length * 0.9, `${agreeing.length} of ${listed.body.length} examples predicted as labelled`);
    const labelled = listed.body.find((e: any) => e.text === 'breezeway on please');
    assert.deepEqual(labelled.entityLabels.map((l: any) => [l.entityName, l.startTokenIndex, l.endTokenIndex]), [['Room', 0, 0]]);
    assert.deepEqual(labelled.entityPredictions, [{ entityName: 'Room', startTokenIndex: 0, endTokenIndex: 0, phrase: 'breezeway' }]);
  });

  it('queries sent with log=true (v2 default) are downloadable as LUIS query-log CSV; log=false ones are not', async () => {
    await call(server, 'GET', `/luis/v2.0/apps/${appId}?q=${encodeURIComponent('turn the lights on, "now"')}`, endpointKey);
    await call(server, 'GET', `/luis/v2.0/apps/${appId}?q=secret%20query&log=false`, endpointKey);
    await call(server, 'POST', `/luis/prediction/v3.0/apps/${appId}/slots/production/predict?log=true`, endpointKey, { query: 'v3 logged query' });
    const res = await server.fetch(`/luis/api/v2.0/apps/${appId}/querylogs`, { headers: { 'Ocp-Apim-Subscription-Key': key } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
    const csv = await res.text();
    const lines = csv.trim().split('\r\n');
    assert.equal(lines[0], 'Query,UTC DateTime,Response,SecondaryId,Region');
    assert.ok(lines.some((l) => l.startsWith('"turn the lights on, ""now"""')), csv);
    assert.ok(lines.some((l) => l.startsWith('v3 logged query,')), csv);
    assert.ok(!csv.includes('secret query'));
  });

  it('renaming an entity relabels its examples; deleting an intent moves its examples to None', async () => {
    const entities = await api('GET', '/versions/0.1/entities');
    const device = entities.body.find((e: any) => e.name === 'Device');
    assert.equal((await api('PUT', `/versions/0.1/entities/${device.id}`, { name: 'Appliance' })).status, 200);
    const exported = await api('GET', '/versions/0.1/export');
    const labels = exported.body.utterances.flatMap((u: any) => u.entities.map((e: any) => e.entity));
    assert.ok(labels.includes('Appliance') && !labels.includes('Device'));
    const intents = await api('GET', '/versions/0.1/intents');
    const home = intents.body.find((i: any) => i.name === 'HomeAutomation');
    const patterns = exported.body.patterns.length;
    assert.ok(patterns > 0);
    assert.equal((await api('DELETE', `/versions/0.1/intents/${home.id}`)).status, 200);
    const after = await api('GET', '/versions/0.1/export');
    assert.ok(after.body.utterances.every((u: any) => u.intent === 'None'));
    assert.equal(after.body.patterns.length, 0);
  });
});
