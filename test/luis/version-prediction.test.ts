// Prediction by version (v3.0 `apps/{appId}/versions/{versionId}/predict`):
// a version answers from its latest training, published or not, under the
// same key rules as the slots.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';
import { assignKey, call, endpointResource, fixture, luisUser, publishedApp, startFastLuisServer, waitForTraining, type LuisUser } from './support.ts';

describe('LUIS prediction by version', () => {
  let server: TestServer;
  let owner: LuisUser;
  let appId: string;
  let endpoint: { name: string; key: string };
  const api = (path: string) => `/luis/api/v2.0/apps/${appId}${path}`;
  const byVersion = (version: string, key: string, query = 'what is the forecast for tomorrow in paris') =>
    call(server, 'POST', `/luis/prediction/v3.0/apps/${appId}/versions/${encodeURIComponent(version)}/predict?show-all-intents=true`, key, { query });

  before(async () => {
    server = await startFastLuisServer();
    owner = await luisUser(server);
    endpoint = await endpointResource(server, owner, 'version-endpoint');
    // Version 0.1 (home automation) is published; 0.2 (weather) is trained but never published.
    ({ appId } = await publishedApp(server, owner.authoring.westus, fixture('home-automation'), { region: 'westus' }));
    await assignKey(server, owner.authoring.westus, appId, endpoint.name);
    const imported = await call(server, 'POST', api('/versions/import?versionId=0.2'), owner.authoring.westus, fixture('weather'));
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    assert.equal((await call(server, 'POST', api('/versions/0.2/train'), owner.authoring.westus)).status, 202);
    const status = await waitForTraining(server, owner.authoring.westus, appId, '0.2');
    assert.ok(status.every((m) => m.details.status === 'Success'), JSON.stringify(status));
  });
  after(async () => server?.close());

  it('answers from the version asked for, while the production slot keeps its published version', async () => {
    const version = await byVersion('0.2', endpoint.key);
    assert.equal(version.status, 200, JSON.stringify(version.body));
    assert.equal(version.body.prediction.topIntent, 'Get Weather Forecast');
    assert.deepEqual(Object.keys(version.body.prediction.intents).sort(), ['Get Weather Condition', 'Get Weather Forecast', 'None']);
    const slot = await call(server, 'POST', `/luis/prediction/v3.0/apps/${appId}/slots/production/predict?show-all-intents=true`, endpoint.key, { query: 'turn the kitchen lights on' });
    assert.equal(slot.status, 200);
    assert.deepEqual(Object.keys(slot.body.prediction.intents).sort(), ['HomeAutomation', 'None']);
  });

  it("answers GET with the query parameter, and the owner's authoring key as well", async () => {
    const res = await call(server, 'GET', `/luis/prediction/v3.0/apps/${appId}/versions/0.2/predict?query=${encodeURIComponent('will it rain tomorrow')}`, owner.authoring.westus);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.query, 'will it rain tomorrow');
    assert.ok(res.body.prediction.topIntent.startsWith('Get Weather'));
  });

  it('a version never trained is 400 saying to train it; an unknown version is 404', async () => {
    assert.equal((await call(server, 'POST', api('/versions/0.2/clone'), owner.authoring.westus, { version: '0.3' })).status, 201);
    const untrained = await byVersion('0.3', endpoint.key);
    assert.equal(untrained.status, 400);
    assert.match(untrained.body.error.message, /version 0\.3 .* has not been trained: train it/i);
    const unknown = await byVersion('9.9', endpoint.key);
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.error.message, /no version 9\.9/);
  });

  it("keys follow the slot rules: an unassigned endpoint key, and the owner's key of another authoring region, are 401", async () => {
    const unassigned = await endpointResource(server, owner, 'unassigned-endpoint');
    const refused = await byVersion('0.2', unassigned.key);
    assert.equal(refused.status, 401);
    assert.match(refused.body.error.message, /not assigned/);
    const elsewhere = await call(server, 'POST', `/westeurope/luis/prediction/v3.0/apps/${appId}/versions/0.2/predict`, owner.authoring.westeurope, { query: 'weather' });
    assert.equal(elsewhere.status, 401);
    assert.match(elsewhere.body.error.message, /authored in westus; query its versions in westus/);
  });
});
