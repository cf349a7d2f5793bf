// The console API as the portal and the CLI use it, on SQLite and on PostgreSQL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, newAccount, type TestServer } from '../support/server.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { echoService } from '../support/echo-service.ts';

for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`console API on ${backend}`, () => {
    let server: TestServer;
    let database: TestDatabase | undefined;

    before(async () => {
      database = backend === 'postgres' ? await createTestDatabase() : undefined;
      server = await startTestServer({ databaseUrl: database?.url, services: [echoService()] });
    });
    after(async () => {
      await server.close();
      await database?.drop();
    });

    describe('accounts', () => {
      it('signs up with an authoring key in every authoring region, and refuses a second sign-up with the same e-mail', async () => {
        const res = await server.api('POST', '/api/signup', { email: 'Ada@Example.com', password: 'analytical engine' });
        assert.equal(res.status, 201);
        assert.equal(res.body.email, 'ada@example.com');
        assert.deepEqual(Object.keys(res.body.authoringKeys).sort(), ['australiaeast', 'westeurope', 'westus']);
        for (const key of Object.values<any>(res.body.authoringKeys)) assert.match(key.key1, /^[0-9a-f]{32}$/);
        const again = await server.api('POST', '/api/signup', { email: 'ada@example.com', password: 'another password' });
        assert.equal(again.status, 409);
        assert.match(again.body.error.message, /already exists/);
      });

      it('refuses a weak password and a malformed e-mail with 400 naming them', async () => {
        const weak = await server.api('POST', '/api/signup', { email: 'weak@example.com', password: 'short' });
        assert.equal(weak.status, 400);
        assert.match(weak.body.error.message, /password must be at least 10 characters/);
        const email = await server.api('POST', '/api/signup', { email: 'not-an-email', password: 'long enough pw' });
        assert.equal(email.status, 400);
        assert.match(email.body.error.message, /email/);
      });

      it('logs in with a token and a session cookie, and logs out', async () => {
        await server.api('POST', '/api/signup', { email: 'grace@example.com', password: 'compiler pioneer' });
        const wrong = await server.api('POST', '/api/login', { email: 'grace@example.com', password: 'nope nope nope' });
        assert.equal(wrong.status, 401);
        const res = await server.fetch('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'grace@example.com', password: 'compiler pioneer' }) });
        assert.equal(res.status, 200);
        const { token } = await res.json();
        const cookie = res.headers.get('set-cookie')!;
        assert.match(cookie, /portico_session=.*HttpOnly/i);
        const byCookie = await server.fetch('/api/account', { headers: { cookie: cookie.split(';')[0] } });
        assert.equal(byCookie.status, 200);
        assert.equal((await server.api('GET', '/api/account', undefined, token)).body.email, 'grace@example.com');
        assert.equal((await server.api('POST', '/api/logout', undefined, token)).status, 204);
        assert.equal((await server.api('GET', '/api/account', undefined, token)).status, 401);
      });

      it('changes the password: the old one stops working and other sessions end', async () => {
        const user = await newAccount(server);
        const other = (await server.api('POST', '/api/login', { email: user.email, password: user.password })).body.token;
        const bad = await server.api('POST', '/api/account/password', { currentPassword: 'wrong one!', newPassword: 'brand new secret' }, user.token);
        assert.equal(bad.status, 400);
        const ok = await server.api('POST', '/api/account/password', { currentPassword: user.password, newPassword: 'brand new secret' }, user.token);
        assert.equal(ok.status, 204);
        assert.equal((await server.api('GET', '/api/account', undefined, user.token)).status, 200, 'this session stays');
        assert.equal((await server.api('GET', '/api/account', undefined, other)).status, 401, 'other sessions end');
        assert.equal((await server.api('POST', '/api/login', { email: user.email, password: user.password })).status, 401);
        assert.equal((await server.api('POST', '/api/login', { email: user.email, password: 'brand new secret' })).status, 200);
      });

      it('regenerates an authoring key: the old value is refused', async () => {
        const user = await newAccount(server);
        const before = user.account.authoringKeys.westeurope.key1;
        const res = await server.api('POST', '/api/account/authoringKeys/westeurope/regenerate', {}, user.token);
        assert.equal(res.status, 200);
        assert.notEqual(res.body.key1, before);
        const account = await server.api('GET', '/api/account', undefined, user.token);
        assert.equal(account.body.authoringKeys.westeurope.key1, res.body.key1);
        const bad = await server.api('POST', '/api/account/authoringKeys/mars/regenerate', {}, user.token);
        assert.equal(bad.status, 400);
        assert.match(bad.body.error.message, /authoring region/);
      });
    });

    describe('resources', () => {
      it('creates, lists, shows, changes tier and deletes a resource', async () => {
        const { token } = await newAccount(server);
        const created = await server.api('POST', '/api/resources', { name: 'my-vision', kind: 'ComputerVision', tier: 'F0', region: 'westus' }, token);
        assert.equal(created.status, 201);
        assert.match(created.body.key1, /^[0-9a-f]{32}$/);
        assert.match(created.body.key2, /^[0-9a-f]{32}$/);
        assert.notEqual(created.body.key1, created.body.key2);
        assert.equal(created.body.endpoint, `${server.url}/`);
        assert.equal(created.body.state, 'active');
        const list = await server.api('GET', '/api/resources', undefined, token);
        assert.deepEqual(list.body.map((r: any) => r.name), ['my-vision']);
        assert.equal(list.body[0].key1, undefined, 'keys are not in listings');
        const keys = await server.api('GET', '/api/resources/my-vision/keys', undefined, token);
        assert.deepEqual(keys.body, { key1: created.body.key1, key2: created.body.key2 });
        const patched = await server.api('PATCH', '/api/resources/my-vision', { tier: 'S1' }, token);
        assert.equal(patched.body.tier, 'S1');
        assert.equal((await server.api('GET', '/api/resources/my-vision', undefined, token)).body.tier, 'S1');
        assert.equal((await server.api('DELETE', '/api/resources/my-vision', undefined, token)).status, 204);
        assert.equal((await server.api('GET', '/api/resources/my-vision', undefined, token)).status, 404);
      });

      it('changes tier, key authentication and custom subdomain in one update with one change notification; a refused update changes none of them', async () => {
        const { token } = await newAccount(server);
        const created = (await server.api('POST', '/api/resources', { name: 'all-at-once', kind: 'ComputerVision', tier: 'F0', region: 'westus' }, token)).body;
        const echo = () => server.fetch('/test/echo', { headers: { 'Ocp-Apim-Subscription-Key': created.key1 } });
        assert.equal((await echo()).status, 200, 'the key is cached by the gateway before the update');
        const published: string[] = [];
        server.platform.bus.subscribe((id) => published.push(id));
        const refused = await server.api('PATCH', '/api/resources/all-at-once', { tier: 'S1', disableLocalAuth: true, customSubDomainName: 'westus' }, token);
        assert.equal(refused.status, 400);
        assert.match(refused.body.error.message, /customSubDomainName "westus" is the name of a region/);
        const unchanged = (await server.api('GET', '/api/resources/all-at-once', undefined, token)).body;
        assert.deepEqual([unchanged.tier, unchanged.disableLocalAuth, unchanged.customSubDomainName], ['F0', false, null]);
        assert.deepEqual(published, [], 'nothing written, nothing announced');
        const patched = await server.api('PATCH', '/api/resources/all-at-once', { tier: 'S1', disableLocalAuth: true, customSubDomainName: `all-at-once-${backend}` }, token);
        assert.equal(patched.status, 200);
        assert.deepEqual([patched.body.tier, patched.body.disableLocalAuth, patched.body.customSubDomainName], ['S1', true, `all-at-once-${backend}`]);
        assert.deepEqual(published, [created.id], 'one notification for the whole update');
        assert.equal((await echo()).status, 403, 'the gateway sees the update at once');
        const same = await server.api('PATCH', '/api/resources/all-at-once', { tier: 'S1', disableLocalAuth: true }, token);
        assert.equal(same.status, 200);
        assert.deepEqual(published, [created.id], 'an update that changes nothing announces nothing');
      });

      it('validates kind, tier, region and name against the catalogue', async () => {
        const { token } = await newAccount(server);
        const cases: Array<[object, RegExp]> = [
          [{ name: 'x1', kind: 'Speech', tier: 'F0', region: 'westus' }, /kind must be one of LUIS, ComputerVision/],
          [{ name: 'x1', kind: 'LUIS', tier: 'S9', region: 'westus' }, /tier must be one of F0, S0/],
          [{ name: 'x1', kind: 'LUIS', tier: 'F0', region: 'mars' }, /region must be one of .*westus/],
          [{ name: 'x1', kind: 'LUIS.Authoring', tier: 'F0', region: 'westus' }, /kind must be one of/],
          [{ name: 'bad name!', kind: 'LUIS', tier: 'F0', region: 'westus' }, /name must be 2 to 64 letters/],
        ];
        for (const [body, message] of cases) {
          const res = await server.api('POST', '/api/resources', body, token);
          assert.equal(res.status, 400, JSON.stringify(body));
          assert.match(res.body.error.message, message);
        }
        const ok = await server.api('POST', '/api/resources', { name: 'dup', kind: 'LUIS', tier: 'F0', region: 'westus2' }, token);
        assert.equal(ok.status, 201, 'a LUIS endpoint resource lives in a publishing region');
        const dup = await server.api('POST', '/api/resources', { name: 'dup', kind: 'LUIS', tier: 'F0', region: 'westus2' }, token);
        assert.equal(dup.status, 409);
      });

      it('regenerates Key1 or Key2 and refuses another key name', async () => {
        const { token } = await newAccount(server);
        const created = (await server.api('POST', '/api/resources', { name: 'regen', kind: 'LUIS', tier: 'S0', region: 'westus' }, token)).body;
        const res = await server.api('POST', '/api/resources/regen/regenerateKey', { keyName: 'Key2' }, token);
        assert.equal(res.body.key1, created.key1);
        assert.notEqual(res.body.key2, created.key2);
        const bad = await server.api('POST', '/api/resources/regen/regenerateKey', { keyName: 'Key3' }, token);
        assert.equal(bad.status, 400);
        assert.match(bad.body.error.message, /Key1 or Key2/);
      });
    });

    describe('one account cannot see or change another\'s resources', () => {
      it('answers 404 on every resource route for another account\'s resource name', async () => {
        const a = await newAccount(server);
        const b = await newAccount(server);
        await server.api('POST', '/api/resources', { name: 'private', kind: 'ComputerVision', tier: 'F0', region: 'westus' }, a.token);
        const keysBefore = (await server.api('GET', '/api/resources/private/keys', undefined, a.token)).body;
        const attempts: Array<[string, string, unknown?]> = [
          ['GET', '/api/resources/private'],
          ['PATCH', '/api/resources/private', { tier: 'S1' }],
          ['GET', '/api/resources/private/keys'],
          ['POST', '/api/resources/private/regenerateKey', { keyName: 'Key1' }],
          ['POST', '/api/resources/private/renew'],
          ['GET', '/api/resources/private/usage'],
          ['DELETE', '/api/resources/private'],
        ];
        for (const [method, path, body] of attempts) {
          const res = await server.api(method, path, body, b.token);
          assert.equal(res.status, 404, `${method} ${path}`);
        }
        assert.deepEqual((await server.api('GET', '/api/resources', undefined, b.token)).body, []);
        assert.deepEqual((await server.api('GET', '/api/resources/private/keys', undefined, a.token)).body, keysBefore, 'nothing changed');
        assert.equal((await server.api('GET', '/api/resources/private', undefined, a.token)).body.tier, 'F0');
        // B can use the same name in its own account.
        assert.equal((await server.api('POST', '/api/resources', { name: 'private', kind: 'LUIS', tier: 'F0', region: 'westus' }, b.token)).status, 201);
      });

      it('requires sign-in on every account and resource route', async () => {
        for (const [method, path] of [['GET', '/api/account'], ['GET', '/api/resources'], ['POST', '/api/resources'], ['GET', '/api/resources/x/keys'], ['POST', '/api/logout']]) {
          const res = await server.api(method, path, method === 'POST' ? {} : undefined);
          assert.equal(res.status, 401, `${method} ${path}`);
        }
      });
    });

    describe('bad input', () => {
      it('answers malformed JSON with 400', async () => {
        const res = await server.api('POST', '/api/signup', '{"email": "x@example.com", "password":');
        assert.equal(res.status, 400);
        assert.match(res.body.error.message, /not valid JSON/);
      });

      it('answers wrong types and missing fields with 400 naming the field', async () => {
        const { token } = await newAccount(server);
        const wrongType = await server.api('POST', '/api/resources', { name: 42, kind: 'LUIS', tier: 'F0', region: 'westus' }, token);
        assert.equal(wrongType.status, 400);
        assert.match(wrongType.body.error.message, /body\.name/);
        const missing = await server.api('POST', '/api/resources', { name: 'abc', kind: 'LUIS', tier: 'F0' }, token);
        assert.equal(missing.status, 400);
        assert.match(missing.body.error.message, /body\.region is required/);
        const badDate = await server.api('GET', '/api/resources/abc/usage?from=2026-02-30', undefined, token);
        assert.equal(badDate.status, 400);
      });

      it('answers a body over the limit with 413', async () => {
        const res = await server.api('POST', '/api/signup', { email: 'big@example.com', password: 'x'.repeat(2 * 1024 * 1024) });
        assert.equal(res.status, 413);
      });

      it('stores SQL metacharacters intact and refuses 10 kB strings with 400, never a 500', async () => {
        const { token } = await newAccount(server);
        const sqlish = `robert'); DROP TABLE accounts;--@example.com`;
        const signup = await server.api('POST', '/api/signup', { email: sqlish, password: `pa'ss"word;--` });
        assert.equal(signup.status, 400, 'a quote is not allowed in this e-mail pattern');
        const quoted = await server.api('POST', '/api/signup', { email: `o'brien+"x"@example.com`, password: `pa'ss"word;-- %_` });
        assert.equal(quoted.status, 201);
        assert.equal(quoted.body.email, `o'brien+"x"@example.com`);
        assert.equal((await server.api('POST', '/api/login', { email: `o'brien+"x"@example.com`, password: `pa'ss"word;-- %_` })).status, 200);
        const huge = 'a'.repeat(10_000);
        for (const field of ['name', 'kind', 'tier', 'region']) {
          const body: Record<string, string> = { name: 'ok-name', kind: 'LUIS', tier: 'F0', region: 'westus', [field]: huge };
          const res = await server.api('POST', '/api/resources', body, token);
          assert.equal(res.status, 400, field);
        }
        for (const field of ['email', 'password']) {
          const res = await server.api('POST', '/api/signup', { email: 'z@example.com', password: 'long enough', [field]: huge });
          assert.equal(res.status, 400, field);
        }
        for (const path of [`/api/resources/${encodeURIComponent("x' OR '1'='1")}`, `/api/resources/${huge.slice(0, 300)}`]) {
          const res = await server.api('GET', path, undefined, token);
          assert.ok(res.status === 404 || res.status === 400, `${path.slice(0, 40)} → ${res.status}`);
        }
        assert.equal((await server.api('GET', '/api/account', undefined, token)).status, 200, 'the accounts table is still there');
      });
    });

    it('serves the catalogue and the console API\'s OpenAPI document', async () => {
      const catalog = await server.api('GET', '/api/catalog');
      assert.deepEqual(catalog.body.kinds.map((k: any) => k.name), ['LUIS.Authoring', 'LUIS', 'ComputerVision', 'TextAnalytics', 'CognitiveServices']);
      const f0 = catalog.body.kinds.find((k: any) => k.name === 'ComputerVision').tiers[0];
      assert.deepEqual(f0.rate, { limit: 20, per: 'minute' });
      const openapi = await server.api('GET', '/api/openapi.json');
      assert.equal(openapi.status, 200);
      assert.ok(openapi.body.paths['/api/resources/{name}/regenerateKey']);
    });
  });
}
