// The key rules of the LUIS service: which key may call which API, for
// which app and in which region, and what each refusal says.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';
import { HeldClock } from '../support/held-clock.ts';
import { assignKey, call, endpointResource, fixture, luisUser, publishedApp, startFastLuisServer, startLuisServer, type LuisUser } from './support.ts';

const STARTER_QUOTA = 3;

describe('LUIS key rules', () => {
  let server: TestServer;
  let owner: LuisUser;
  let stranger: LuisUser;
  let appId: string;
  let endpoint: { name: string; key: string };
  const predict = (key: string, q = 'turn on the lights', prefix = '') => call(server, 'GET', `${prefix}/luis/v2.0/apps/${appId}?q=${encodeURIComponent(q)}&log=false`, key);

  before(async () => {
    // A small starter quota so the 403 is reached in a few calls; the rule is the catalogue's.
    server = await startFastLuisServer({ starterQuota: STARTER_QUOTA });
    owner = await luisUser(server);
    stranger = await luisUser(server);
    endpoint = await endpointResource(server, owner, 'lights-endpoint');
    ({ appId } = await publishedApp(server, owner.authoring.westus, fixture('home-automation'), { region: 'westus' }));
  });
  after(async () => server?.close());

  it('an endpoint key on an authoring API gets 401 saying to use the authoring key', async () => {
    const res = await call(server, 'GET', '/luis/api/v2.0/apps/', endpoint.key);
    assert.equal(res.status, 401);
    assert.match(res.body.error.message, /invalid endpoint key/i);
    assert.match(res.body.error.message, /authoring key/);
  });

  it('an endpoint key not assigned to the app is refused; once assigned it predicts', async () => {
    const refused = await predict(endpoint.key);
    assert.equal(refused.status, 401);
    assert.match(refused.body.error.message, /cannot be accessed with the current subscription/);
    assert.match(refused.body.error.message, /not assigned/);
    await assignKey(server, owner.authoring.westus, appId, endpoint.name);
    const ok = await predict(endpoint.key);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.topScoringIntent.intent, 'HomeAutomation');
  });

  it("another account's endpoint key is refused even with the app id, as for an app that does not exist", async () => {
    const theirs = await endpointResource(server, stranger, 'their-endpoint');
    const res = await predict(theirs.key);
    assert.equal(res.status, 404);
    assert.equal(res.body.error.message, `There is no application with the ID ${appId}.`);
    const assign = await call(server, 'POST', `/luis/api/v2.0/apps/${appId}/azureaccounts`, stranger.authoring.westus, { accountName: theirs.name });
    assert.equal(assign.status, 404, 'a stranger cannot assign keys to the app');
  });

  it('a key of a region where the app is not published is refused', async () => {
    const west2 = await endpointResource(server, owner, 'west2-endpoint', 'westus2');
    await assignKey(server, owner.authoring.westus, appId, west2.name);
    const res = await predict(west2.key, 'turn on the lights', '/westus2');
    assert.equal(res.status, 404);
    assert.match(res.body.error.message, /published to the production slot in westus only/);
    // Publishing there too makes it answer.
    const published = await call(server, 'POST', `/luis/api/v2.0/apps/${appId}/publish`, owner.authoring.westus, { versionId: '0.1', region: 'westus2' });
    assert.equal(published.status, 201);
    assert.equal((await predict(west2.key, 'turn on the lights', '/westus2')).status, 200);
  });

  it('publishing to a region outside the authoring region\'s set is 400 naming the allowed regions', async () => {
    const res = await call(server, 'POST', `/luis/api/v2.0/apps/${appId}/publish`, owner.authoring.westus, { versionId: '0.1', region: 'westeurope' });
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /westeurope/);
    assert.match(res.body.error.message, /publishes only to westus, westus2/);
  });

  it("the owner's authoring key predicts within its starter quota, then gets 403 saying to create and assign an endpoint key", async () => {
    const quotaServer = await startFastLuisServer({ starterQuota: STARTER_QUOTA });
    try {
      const user = await luisUser(quotaServer);
      const { appId: id } = await publishedApp(quotaServer, user.authoring.westus, fixture('weather'));
      const ask = () => call(quotaServer, 'GET', `/luis/v2.0/apps/${id}?q=weather%20in%20seattle&log=false`, user.authoring.westus);
      for (let i = 0; i < STARTER_QUOTA; i++) assert.equal((await ask()).status, 200);
      const refused = await ask();
      assert.equal(refused.status, 403);
      assert.match(refused.body.error.message, /starter quota/);
      assert.match(refused.body.error.message, /assign its key to the app on the Publish page/);
      // Authoring goes on: the authoring meter is separate.
      assert.equal((await call(quotaServer, 'GET', `/luis/api/v2.0/apps/${id}`, user.authoring.westus)).status, 200);
      // Another account's authoring key never predicts for the app, and is told no more than for an unknown app.
      const other = await luisUser(quotaServer);
      const foreign = await call(quotaServer, 'GET', `/luis/v2.0/apps/${id}?q=hi`, other.authoring.westus);
      assert.equal(foreign.status, 404);
      assert.match(foreign.body.error.message, /There is no application with the ID/);
    } finally {
      await quotaServer.close();
    }
  });

  it('an unknown app id answers 404 and a malformed one 400', async () => {
    assert.equal((await call(server, 'GET', `/luis/v2.0/apps/00000000-0000-0000-0000-000000000000?q=hi`, endpoint.key)).status, 404);
    const bad = await call(server, 'GET', '/luis/v2.0/apps/not-a-guid?q=hi', endpoint.key);
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /appId/);
  });

  it('an empty query is 400 and one over 500 characters is 414', async () => {
    assert.equal((await predict(endpoint.key, '')).status, 400);
    assert.equal((await predict(endpoint.key, 'a'.repeat(501))).status, 414);
  });

  it("authoring calls count against the authoring key's own rate: the 6th in one second is 429 with Retry-After", async () => {
    const clock = new HeldClock();
    const defaultServer = await startLuisServer({ clock });
    try {
      const user = await luisUser(defaultServer);
      const list = () => call(defaultServer, 'GET', '/luis/api/v2.0/apps/', user.authoring.westus);
      clock.hold();
      for (let i = 0; i < 5; i++) assert.equal((await list()).status, 200, `call ${i + 1} of 5`);
      const refused = await list();
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      // Another account's authoring key has its own allowance.
      const other = await luisUser(defaultServer);
      assert.equal((await call(defaultServer, 'GET', '/luis/api/v2.0/apps/', other.authoring.westus)).status, 200);
    } finally {
      clock.release();
      await defaultServer.close();
    }
  });
});
