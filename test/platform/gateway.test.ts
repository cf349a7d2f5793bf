// The gateway's rules, over real HTTP: key, scope, region, rate, quota, expiry, metering.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { ManualClock, DAY_MS } from '../../src/util/clock.ts';
import { startTestServer, newAccount, type TestServer } from '../support/server.ts';
import { echoService } from '../support/echo-service.ts';

const MISSING = 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.';
const INVALID = 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.';

describe('gateway', () => {
  let server: TestServer;
  let token: string;
  const clock = new ManualClock(Date.UTC(2026, 2, 10, 12, 0, 0, 500));

  let account: { email: string; password: string };

  /** Signs in again: the tests move the clock past the token's lifetime. */
  async function signIn() {
    token = (await server.api('POST', '/api/login', account)).body.token;
  }

  async function resource(name: string, kind = 'ComputerVision', tier = 'F0', region = 'westus') {
    await signIn();
    const res = await server.api('POST', '/api/resources', { name, kind, tier, region }, token);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as { key1: string; key2: string };
  }

  const echo = (key?: string, init: { query?: string; path?: string; headers?: Record<string, string> } = {}) =>
    server.fetch(`${init.path ?? '/test/echo'}${init.query ?? ''}`, { headers: { ...(key ? { 'Ocp-Apim-Subscription-Key': key } : {}), ...init.headers } });

  before(async () => {
    server = await startTestServer({ clock, services: [echoService({ accepts: ['ComputerVision'], meter: 'vision' })] });
    const created = await newAccount(server);
    account = { email: created.email, password: created.password };
    token = created.token;
  });
  after(() => server.close());

  describe('finding the key', () => {
    it('answers 401 with Azure\'s message when no key is given, and every response has an apim-request-id', async () => {
      const res = await echo();
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), { error: { code: '401', message: MISSING } });
      assert.match(res.headers.get('apim-request-id') ?? '', /^[0-9a-f-]{36}$/);
    });

    it('answers 401 for an unknown key', async () => {
      const res = await echo('0123456789abcdef0123456789abcdef');
      assert.equal(res.status, 401);
      assert.equal((await res.json()).error.message, INVALID);
    });

    it('accepts the key in the header or in the subscription-key query parameter', async () => {
      const { key1 } = await resource('find-key');
      assert.equal((await echo(key1)).status, 200);
      const byQuery = await echo(undefined, { query: `?subscription-key=${key1}` });
      assert.equal(byQuery.status, 200);
      assert.equal((await byQuery.json()).resource, 'find-key');
    });

    it('lets the header win when both are given', async () => {
      const { key1 } = await resource('header-wins');
      const good = await echo(key1, { query: '?subscription-key=0123456789abcdef0123456789abcdef' });
      assert.equal(good.status, 200);
      const bad = await echo('0123456789abcdef0123456789abcdef', { query: `?subscription-key=${key1}` });
      assert.equal(bad.status, 401);
    });

    it('tells which of the two keys was used', async () => {
      const { key1, key2 } = await resource('two-keys');
      assert.equal((await (await echo(key1)).json()).keySlot, 1);
      assert.equal((await (await echo(key2)).json()).keySlot, 2);
    });
  });

  describe('scope and region', () => {
    it('refuses a key of a kind the route does not serve with 401', async () => {
      const { key1 } = await resource('luis-key', 'LUIS', 'F0', 'westus');
      const res = await echo(key1);
      assert.equal(res.status, 401);
      assert.equal((await res.json()).error.message, INVALID);
    });

    it('takes the region from a path prefix and refuses a key of another region', async () => {
      const { key1 } = await resource('in-westeurope', 'ComputerVision', 'F0', 'westeurope');
      assert.equal((await echo(key1)).status, 401, 'default region is westus');
      const res = await echo(key1, { path: '/westeurope/test/echo' });
      assert.equal(res.status, 200);
      assert.equal((await res.json()).region, 'westeurope');
    });

    it('takes the region from the first label of the host name', async () => {
      const { key1 } = await resource('in-eastus', 'ComputerVision', 'F0', 'eastus');
      // fetch cannot set Host, so this one goes through node:http.
      const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const url = new URL(`${server.url}/test/echo`);
        http.get({ host: url.hostname, port: url.port, path: url.pathname, headers: { host: 'eastus.api.example.org', 'Ocp-Apim-Subscription-Key': key1 } }, (r) => {
          let body = '';
          r.on('data', (c) => (body += c)).on('end', () => resolve({ status: r.statusCode!, body }));
        }).on('error', reject);
      });
      assert.equal(res.status, 200);
      assert.equal(JSON.parse(res.body).region, 'eastus');
    });
  });

  describe('rate limit', () => {
    it('answers 429 with Retry-After on the call after the tier\'s rate within one window, and serves again after it', async () => {
      const { key1, key2 } = await resource('rate-f0');
      clock.set(Date.UTC(2026, 2, 10, 12, 5, 0, 0));
      for (let i = 0; i < 20; i++) assert.equal((await echo(i % 2 ? key1 : key2)).status, 200, `call ${i + 1}`);
      const refused = await echo(key1);
      assert.equal(refused.status, 429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
      assert.match((await refused.json()).error.message, /ComputerVision F0 pricing tier \(20 calls per minute\)/);
      assert.equal((await echo(key2)).status, 429, 'both keys share the limit');
      clock.advance(retryAfter * 1000);
      assert.equal((await echo(key1)).status, 200);
    });
  });

  describe('monthly quota', () => {
    it('answers 403 once the month\'s quota is used, naming the renewal, and serves again next month', async () => {
      const { key1 } = await resource('quota-f0');
      clock.set(Date.UTC(2026, 3, 30, 0, 0, 0));
      for (let i = 0; i < 5000; i++) {
        if (i % 20 === 0) clock.advance(60_000);
        const status = (await echo(key1)).status;
        if (status !== 200) assert.fail(`call ${i + 1} answered ${status}`);
      }
      clock.advance(60_000);
      const refused = await echo(key1);
      assert.equal(refused.status, 403);
      const message = (await refused.json()).error.message as string;
      assert.match(message, /5000 vision calls a month/);
      assert.match(message, /2026-05-01T00:00:00.000Z/);
      assert.match(message, /higher pricing tier/);
      clock.set(Date.UTC(2026, 4, 1, 0, 0, 1));
      assert.equal((await echo(key1)).status, 200);
    });
  });

  describe('keys rotation', () => {
    it('refuses a regenerated key at once while the other key keeps working', async () => {
      const { key1, key2 } = await resource('rotate');
      assert.equal((await echo(key1)).status, 200);
      const regen = await server.api('POST', '/api/resources/rotate/regenerateKey', { keyName: 'Key1' }, token);
      assert.equal(regen.status, 200);
      assert.notEqual(regen.body.key1, key1);
      assert.equal(regen.body.key2, key2);
      assert.equal((await echo(key1)).status, 401);
      assert.equal((await echo(key2)).status, 200);
      assert.equal((await echo(regen.body.key1)).status, 200);
    });

    it('refuses the keys of a deleted resource', async () => {
      const { key1 } = await resource('to-delete');
      assert.equal((await echo(key1)).status, 200);
      assert.equal((await server.api('DELETE', '/api/resources/to-delete', undefined, token)).status, 204);
      assert.equal((await echo(key1)).status, 401);
    });
  });

  describe('free-tier expiry', () => {
    it('keeps a free resource unused for 89 days, expires it at 90, and renew brings new working keys', async () => {
      clock.set(Date.UTC(2026, 5, 1, 8, 0, 0));
      const { key1: old89 } = await resource('expiry-89');
      const { key1: old90 } = await resource('expiry-90');
      clock.advance(89 * DAY_MS);
      assert.equal((await echo(old89)).status, 200, 'day 89 works');
      clock.advance(1 * DAY_MS);
      const expired = await echo(old90);
      assert.equal(expired.status, 403, 'day 90 is expired');
      assert.match((await expired.json()).error.message, /expired after 90 consecutive days without use.*renew/s);
      await signIn();
      const shown = await server.api('GET', '/api/resources/expiry-90', undefined, token);
      assert.equal(shown.body.state, 'expired');
      const renewed = await server.api('POST', '/api/resources/expiry-90/renew', undefined, token);
      assert.equal(renewed.status, 200);
      assert.equal(renewed.body.state, 'active');
      assert.notEqual(renewed.body.key1, old90);
      assert.equal((await echo(old90)).status, 401, 'the old keys are gone');
      assert.equal((await echo(renewed.body.key1)).status, 200);
    });

    it('never expires a paid tier', async () => {
      clock.set(Date.UTC(2026, 7, 1));
      const { key1 } = await resource('paid', 'ComputerVision', 'S1');
      clock.advance(400 * DAY_MS);
      assert.equal((await echo(key1)).status, 200);
    });
  });

  describe('metering', () => {
    it('counts each call per day, key, operation and status, refusals included', async () => {
      clock.set(Date.UTC(2026, 8, 3, 10, 0, 0));
      const { key1, key2 } = await resource('metered');
      for (let i = 0; i < 3; i++) await echo(key1);
      await echo(key2);
      clock.set(Date.UTC(2026, 8, 4, 10, 0, 30));
      for (let i = 0; i < 22; i++) await echo(key1);
      await signIn();
      const usage = await server.api('GET', '/api/resources/metered/usage?from=2026-09-03&to=2026-09-04', undefined, token);
      assert.equal(usage.status, 200);
      const [d3, d4] = usage.body.days;
      assert.equal(d3.day, '2026-09-03');
      assert.equal(d3.calls, 4);
      assert.equal(d3.statusClasses['2xx'], 4);
      assert.deepEqual(d3.operations, { 'test.echo': 4 });
      assert.equal(d4.calls, 22);
      assert.equal(d4.rateLimited, 2);
      assert.equal(d4.statusClasses['4xx'], 2);
      assert.deepEqual(usage.body.quotas, [{ meter: 'vision', used: 24, limit: 5000, renewsAt: '2026-10-01T00:00:00.000Z' }]);
    });
  });
});
