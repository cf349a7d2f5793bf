// LUIS across processes: two Portico servers on one PostgreSQL and one Redis.
// A publish, a key assignment or an app deletion made through one is seen by
// the other at once (through the change bus), not after its cache's lifetime.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import type { TestServer } from '../support/server.ts';
import { RUNTIME_APP_TTL_MS } from '../../src/luis/runtime/published-apps.ts';
import { assignKey, call, endpointResource, fixture, luisUser, publishedApp, startFastLuisServer, waitForTraining, type LuisUser } from '../luis/support.ts';
import { requireSharedRedis, SHARED_REDIS_URL } from './support/redis.ts';

describe('LUIS publishing seen by every process', () => {
  let db: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  let owner: LuisUser;
  let appId: string;
  let endpoint: { name: string; key: string };

  /** Polls server B until `ok` holds; returns how long it took. */
  async function seenOnB(ask: () => Promise<boolean>): Promise<number> {
    const started = Date.now();
    while (!(await ask())) {
      if (Date.now() - started > RUNTIME_APP_TTL_MS) throw new Error('process B did not see the change before its cache would have expired anyway');
      await new Promise((r) => setTimeout(r, 25));
    }
    return Date.now() - started;
  }

  before(async () => {
    (await requireSharedRedis()).disconnect();
    db = await createTestDatabase();
    const env = { REDIS_URL: SHARED_REDIS_URL, PORTICO_MASTER_KEY: 'b'.repeat(64) };
    a = await startFastLuisServer({ databaseUrl: db.url, env });
    b = await startFastLuisServer({ databaseUrl: db.url, env });
    owner = await luisUser(a);
    endpoint = await endpointResource(a, owner, 'shared-endpoint');
    ({ appId } = await publishedApp(a, owner.authoring.westus, fixture('home-automation'), { region: 'westus' }));
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it('a key assigned through A answers on B within a second', async () => {
    const predictOnB = () => call(b, 'GET', `/luis/v2.0/apps/${appId}?q=${encodeURIComponent('turn on the kitchen lights')}&log=false`, endpoint.key);
    assert.equal((await predictOnB()).status, 401, 'B has the app cached without the key');
    await assignKey(a, owner.authoring.westus, appId, endpoint.name);
    const took = await seenOnB(async () => (await predictOnB()).status === 200);
    assert.ok(took < 1000, `seen after ${took} ms`);
  });

  it('a version published to production through A answers on B within a second', async () => {
    const api = (method: string, path: string, body?: unknown) => call(a, method, `/luis/api/v2.0/apps/${appId}${path}`, owner.authoring.westus, body);
    assert.equal((await api('POST', '/versions/0.1/clone', { version: '0.2' })).status, 201);
    assert.equal((await api('POST', '/versions/0.2/intents', { name: 'Greeting' })).status, 201);
    const examples = ['hello', 'hi there', 'good morning', 'hey', 'hello friend', 'good evening'].map((text) => ({ text, intentName: 'Greeting' }));
    assert.equal((await api('POST', '/versions/0.2/examples', examples)).status, 201);
    assert.equal((await api('POST', '/versions/0.2/train')).status, 202);
    await waitForTraining(a, owner.authoring.westus, appId, '0.2');
    const topOnB = async () => (await call(b, 'GET', `/luis/v2.0/apps/${appId}?q=hello%20friend&log=false`, endpoint.key)).body.topScoringIntent?.intent;
    assert.notEqual(await topOnB(), 'Greeting', 'B answers from 0.1');
    assert.equal((await api('POST', '/publish', { versionId: '0.2', isStaging: false })).status, 201);
    const took = await seenOnB(async () => (await topOnB()) === 'Greeting');
    assert.ok(took < 1000, `seen after ${took} ms`);
  });

  it('an app deleted through A is gone on B within a second', async () => {
    assert.equal((await call(a, 'DELETE', `/luis/api/v2.0/apps/${appId}`, owner.authoring.westus)).status, 200);
    const took = await seenOnB(async () => (await call(b, 'GET', `/luis/v2.0/apps/${appId}?q=hello&log=false`, endpoint.key)).status === 404);
    assert.ok(took < 1000, `seen after ${took} ms`);
  });
});
