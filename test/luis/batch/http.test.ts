// Batch testing over HTTP: a dataset run against a trained version and a
// published slot, kept per version with its date, its errors as CSV; the
// refusals (untrained, unpublished, bad datasets, wrong keys).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../../support/server.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { call, fixture, luisUser, publishedApp, startFastLuisServer, waitForTraining, type LuisUser } from '../support.ts';
import { datasetFromUtterances } from '../../../src/luis/batch/dataset.ts';

for (const store of ['sqlite', 'postgres'] as const) describe(`LUIS batch tests over HTTP (${store})`, () => {
  let server: TestServer;
  let database: TestDatabase | undefined;
  let user: LuisUser;
  let appId: string;
  let key: string;
  const app = (path: string) => `/luis/api/v2.0/apps/${appId}${path}`;
  const flights = fixture('flight-booking');
  // The training utterances, with one labelled wrongly on purpose.
  const dataset = datasetFromUtterances(flights.utterances).map((u: any) => (u.text === "what's the weather like?" ? { ...u, intent: 'Cancel' } : u));

  before(async () => {
    database = store === 'postgres' ? await createTestDatabase() : undefined;
    server = await startFastLuisServer({ databaseUrl: database?.url });
    user = await luisUser(server);
    key = user.authoring.westus;
    ({ appId } = await publishedApp(server, key, flights, { appName: 'Flights batch' }));
  });
  after(async () => {
    await server?.close();
    await database?.drop();
  });

  let testId: string;

  it('runs a dataset against the trained version: every intent scored, the mislabelled utterance an error, kept with its date', async () => {
    const res = await call(server, 'POST', app('/versions/0.1/batchtests?name=training%20set'), key, dataset);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const test = res.body;
    testId = test.id;
    assert.equal(test.name, 'training set');
    assert.equal(test.versionId, '0.1');
    assert.equal(test.target, 'version');
    assert.ok(Math.abs(Date.parse(test.createdDateTime) - Date.now()) < 60_000);
    assert.equal(test.utterances, dataset.length);
    assert.deepEqual(test.report.intents.map((i: any) => i.intent).sort(), ['BookFlight', 'Cancel', 'GetWeather', 'None']);
    const weather = test.report.errors.find((e: any) => e.text === "what's the weather like?");
    assert.deepEqual([weather.labelledIntent, weather.predictedIntent], ['Cancel', 'GetWeather']);
    assert.ok(test.report.confusion.some((p: any) => p.labelled === 'Cancel' && p.predicted === 'GetWeather' && p.count === 1));
    const cancel = test.report.intents.find((i: any) => i.intent === 'Cancel');
    assert.equal(cancel.labelled, 5);
    assert.ok(cancel.falseNegatives >= 1);
    assert.ok(test.intentAccuracy >= 0.85 && test.intentAccuracy < 1, `accuracy ${test.intentAccuracy}`);
    // From and To are the composites this app learns from its labels.
    assert.deepEqual(test.report.entities.map((e: any) => e.entity), ['From', 'To']);
    for (const e of test.report.entities) assert.ok(e.labelled > 0 && e.f1 !== null);
  });

  it('takes a .lu file as the dataset: its utterances and their labels', async () => {
    const lu = '# BookFlight\n- book a flight from {From=seattle}\n- fly to {To=berlin}\n\n# Cancel\n- bye\n- forget it\n';
    const res = await server.fetch(app('/versions/0.1/batchtests?name=lu'), { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': 'text/plain' }, body: lu });
    const body = await res.json() as any;
    assert.equal(res.status, 201, JSON.stringify(body));
    assert.equal(body.utterances, 4);
    const from = body.report.entities.find((e: any) => e.entity === 'From');
    assert.equal(from.labelled, 1);
    assert.equal((await call(server, 'DELETE', app(`/versions/0.1/batchtests/${body.id}`), key)).status, 200);
  });

  it('lists the version\'s batch tests and answers one again as it was', async () => {
    const list = await call(server, 'GET', app('/versions/0.1/batchtests'), key);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.map((t: any) => t.id), [testId]);
    assert.equal(list.body[0].report, undefined, 'the list carries summaries only');
    const one = await call(server, 'GET', app(`/versions/0.1/batchtests/${testId}`), key);
    assert.equal(one.status, 200);
    assert.equal(one.body.report.errors.length, one.body.utterances - one.body.report.correctUtterances);
  });

  it('downloads the errors as CSV', async () => {
    const res = await server.fetch(app(`/versions/0.1/batchtests/${testId}/errors`), { headers: { 'Ocp-Apim-Subscription-Key': key } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="batch-test-.*-errors\.csv"/);
    const lines = (await res.text()).trimEnd().split('\r\n');
    assert.equal(lines[0], 'Utterance,Labelled intent,Predicted intent,Score,Missed entities,Unexpected entities');
    assert.ok(lines.some((l) => l.startsWith("what's the weather like?,Cancel,GetWeather,")));
  });

  it('runs against the production slot and keeps the test with the version published there; an unpublished slot is refused', async () => {
    const res = await call(server, 'POST', app('/slots/production/batchtests'), key, dataset.slice(0, 5));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.target, 'production');
    assert.equal(res.body.versionId, '0.1');
    assert.match(res.body.name, /^batch test \d{4}-/);
    const list = await call(server, 'GET', app('/versions/0.1/batchtests'), key);
    assert.deepEqual(list.body.map((t: any) => t.target), ['production', 'version'], 'newest first');
    const staging = await call(server, 'POST', app('/slots/staging/batchtests'), key, dataset);
    assert.equal(staging.status, 400);
    assert.match(staging.body.error.message, /not published to the staging slot/);
    const slot = await call(server, 'POST', app('/slots/preview/batchtests'), key, dataset);
    assert.equal(slot.status, 400);
    assert.match(slot.body.error.message, /slotName/);
  });

  it('refuses an untrained version, a bad dataset, a body that is not JSON, and endpoint keys', async () => {
    assert.equal((await call(server, 'POST', app('/versions/0.1/clone'), key, { version: '0.2' })).status, 201);
    const untrained = await call(server, 'POST', app('/versions/0.2/batchtests'), key, dataset);
    assert.equal(untrained.status, 400);
    assert.match(untrained.body.error.message, /has not been trained/);
    const bad = await call(server, 'POST', app('/versions/0.1/batchtests'), key, [{ text: 'fly me', intent: 'Fly', entities: [] }]);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'BadArgument');
    assert.match(bad.body.error.message, /utterance \[0\] \("fly me"\): intent "Fly" is not an intent of this version/);
    const csv = await server.fetch(app('/versions/0.1/batchtests'), { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': 'text/csv' }, body: 'a,b' });
    assert.equal(csv.status, 415);
    const badLu = await server.fetch(app('/versions/0.1/batchtests'), { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': 'text/plain' }, body: '# Fly\n- fly me to {To=paris' });
    assert.equal(badLu.status, 400);
    const missing = await call(server, 'GET', app('/versions/9.9/batchtests'), key);
    assert.equal(missing.status, 404);
    const resource = await server.api('POST', '/api/resources', { name: 'batch-endpoint', kind: 'LUIS', tier: 'S0', region: 'westus' }, user.token);
    const endpoint = await call(server, 'GET', app('/versions/0.1/batchtests'), resource.body.key1);
    assert.equal(endpoint.status, 401);
    const stranger = await luisUser(server);
    assert.equal((await call(server, 'GET', app('/versions/0.1/batchtests'), stranger.authoring.westus)).status, 404);
  });

  it('keeps tests with their version: renamed with it, deleted with it, and one by one', async () => {
    assert.equal((await call(server, 'POST', app('/versions/0.2/train'), key)).status, 202);
    await waitForTraining(server, key, appId, '0.2');
    const run = await call(server, 'POST', app('/versions/0.2/batchtests'), key, dataset.slice(0, 3));
    assert.equal(run.status, 201);
    assert.equal((await call(server, 'PUT', app('/versions/0.2/'), key, { version: '0.3' })).status, 200);
    const renamed = await call(server, 'GET', app('/versions/0.3/batchtests'), key);
    assert.deepEqual(renamed.body.map((t: any) => [t.id, t.versionId]), [[run.body.id, '0.3']]);
    assert.equal((await call(server, 'DELETE', app('/versions/0.3/'), key)).status, 200);
    // A new version under the same id starts with no tests: the old ones went with their version.
    assert.equal((await call(server, 'POST', app('/versions/0.1/clone'), key, { version: '0.3' })).status, 201);
    assert.deepEqual((await call(server, 'GET', app('/versions/0.3/batchtests'), key)).body, []);
    const first = await call(server, 'DELETE', app(`/versions/0.1/batchtests/${testId}`), key);
    assert.equal(first.status, 200);
    assert.equal((await call(server, 'GET', app(`/versions/0.1/batchtests/${testId}`), key)).status, 404);
    assert.equal((await call(server, 'GET', app('/versions/0.1/batchtests'), key)).body.length, 1);
  });
});
